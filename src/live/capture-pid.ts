import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { get } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { listeningPorts, processProgram, type Listening } from './proc.js';
import { RemoteInspector } from './remote-inspector.js';
import { isLoopback } from './websocket.js';

export type CaptureErrorCode = 'ENOPROC' | 'EPERM' | 'ENOTNODE' | 'EUNKNOWN' | 'ENOINSPECTOR' | 'EREMOTE' | 'ECAPTURE' | 'EWRITE';

/** A capture that could not be made: one sentence for the user. */
export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

export interface CaptureOptions {
  /** Where the target's inspector listens when /proc cannot tell (the port of `--inspect-port`; default 9229). */
  port?: number;
  /** How long to wait for the inspector to open after SIGUSR1, in ms (default 5000). */
  timeoutMs?: number;
  /** Bytes written so far, after each chunk. */
  onProgress?: (bytes: number) => void;
}

export interface CaptureResult {
  readonly file: string;
  readonly bytes: number;
  /** The inspector's address, and whether it was open before (then it is left open). */
  readonly inspector: string;
  readonly wasOpen: boolean;
}

/**
 * A heap snapshot of another Node.js process, by pid: SIGUSR1 makes Node open its inspector on
 * the loopback interface; the snapshot comes over the inspector protocol and is written to a
 * temporary file beside `file`, renamed into place when complete (a reader never sees half a
 * file); then the inspector is closed again, and the process runs on. An inspector that was
 * already open is used and left open.
 */
export async function captureByPid(pid: number, file: string, options: CaptureOptions = {}): Promise<CaptureResult> {
  if (!Number.isInteger(pid) || pid <= 0) throw new CaptureError('ENOPROC', `${pid} is not a process id`);
  if (pid === process.pid) throw new CaptureError('ENOPROC', `${pid} is this process: use takeSnapshot() for that`);
  checkProcess(pid);
  const timeoutMs = options.timeoutMs ?? 5000;
  const before = await findInspector(pid, options.port ?? 9229);
  let url = before;
  if (url === undefined) {
    try {
      process.kill(pid, 'SIGUSR1');
    } catch (e) {
      throw new CaptureError('ENOPROC', `process ${pid} could not be signalled (${(e as NodeJS.ErrnoException).code ?? 'error'}): it may have exited`);
    }
    url = await waitFor(() => findInspector(pid, options.port ?? 9229), timeoutMs);
    if (url === undefined) {
      throw new CaptureError(
        'ENOINSPECTOR',
        `process ${pid} opened no inspector within ${timeoutMs} ms of SIGUSR1 (started with --disable-sigusr1, or its inspector port ${options.port ?? 9229} is taken by another process: see its stderr)`,
      );
    }
  }
  const inspector = await RemoteInspector.connect(url).catch((e: Error) => {
    throw new CaptureError('ENOINSPECTOR', `cannot connect to the inspector of process ${pid} at ${url}: ${e.message}`);
  });
  try {
    const bytes = await streamSnapshot(inspector, file, pid, options.onProgress);
    return { file, bytes, inspector: url, wasOpen: before !== undefined };
  } finally {
    if (before === undefined) await closeInspector(inspector, pid, options.port ?? 9229);
    else inspector.close();
  }
}

function checkProcess(pid: number): void {
  try {
    process.kill(pid, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM') throw new CaptureError('EPERM', `process ${pid} belongs to another user: you can only capture your own processes (run backrefs as its user)`);
    throw new CaptureError('ENOPROC', `no process with pid ${pid}`);
  }
  const program = processProgram(pid);
  // SIGUSR1 ends a process that does not handle it: never send it to what may not be Node.js.
  if (program === undefined) throw new CaptureError('EUNKNOWN', `cannot tell whether process ${pid} is Node.js (no /proc/${pid}): not sending it SIGUSR1`);
  const names = [program.exe, program.argv0 && basename(program.argv0)].filter((n): n is string => !!n);
  if (!names.some((n) => /^node(js)?(\d+(\.\d+)*)?(\.exe)?$/i.test(n))) {
    throw new CaptureError('ENOTNODE', `process ${pid} is ${JSON.stringify(names[0] ?? '?')}, not Node.js: nothing was sent to it`);
  }
}

/** The WebSocket address of the process's inspector, if one is listening. */
async function findInspector(pid: number, fallbackPort: number): Promise<string | undefined> {
  const own = listeningPorts(pid);
  const ports: Listening[] = own ?? [{ address: '127.0.0.1', port: fallbackPort }];
  for (const { address, port } of ports) {
    const list = await jsonList(port);
    if (!list) continue;
    // A port found in the process's own sockets is its own; on the guessed port, only a target
    // titled `node[PID]` (Node's title for an unnamed process) is taken for it.
    const target = list.find((t) => typeof t.webSocketDebuggerUrl === 'string' && (own !== undefined || t.title?.endsWith(`[${pid}]`)));
    if (!target) continue;
    if (!isLoopback(address) && address !== '0.0.0.0' && address !== '::') {
      throw new CaptureError('EREMOTE', `process ${pid} has its inspector open on ${address}:${port}, not on the loopback interface: backrefs only talks to 127.0.0.1`);
    }
    // Ask for the loopback address whatever interface it was bound to.
    const u = new URL(target.webSocketDebuggerUrl!);
    return `ws://127.0.0.1:${port}${u.pathname}`;
  }
  return undefined;
}

interface Target {
  title?: string;
  webSocketDebuggerUrl?: string;
}

/** GET http://127.0.0.1:PORT/json/list; undefined when nothing inspector-like answers. */
function jsonList(port: number): Promise<Target[] | undefined> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/json/list', timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        body += s;
        if (body.length > 1e6) req.destroy();
      });
      res.on('end', () => {
        try {
          const parsed = JSON.parse(body) as unknown;
          resolve(Array.isArray(parsed) ? (parsed as Target[]) : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    const v = await probe();
    if (v !== undefined || Date.now() >= end) return v;
    await new Promise((r) => setTimeout(r, wait));
  }
}

async function streamSnapshot(inspector: RemoteInspector, file: string, pid: number, onProgress?: (bytes: number) => void): Promise<number> {
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  let fd: number;
  try {
    fd = openSync(partial, 'wx', 0o600);
  } catch (e) {
    throw new CaptureError('EWRITE', `cannot write ${file}: ${(e as Error).message}`);
  }
  let bytes = 0;
  let writeError: Error | undefined;
  inspector.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
    if (writeError) return;
    try {
      const chunk = Buffer.from((params as { chunk: string }).chunk, 'utf8');
      writeSync(fd, chunk);
      bytes += chunk.length;
      onProgress?.(bytes);
    } catch (e) {
      writeError = e as Error;
    }
  });
  try {
    await inspector.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    if (writeError) throw new CaptureError('EWRITE', `cannot write ${file}: ${writeError.message}`);
    if (bytes === 0) throw new CaptureError('ECAPTURE', `process ${pid} sent an empty snapshot`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(partial, file);
    return bytes;
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    rmSync(partial, { force: true });
    if (e instanceof CaptureError) throw e;
    throw new CaptureError('ECAPTURE', `the snapshot of process ${pid} failed: ${(e as Error).message}`);
  }
}

/**
 * Closes the inspector we opened, from inside the target (`require` is part of the console's
 * command-line API there): the process stops listening and runs on as before. The target drops
 * the connection as it closes, so the answer may never come; its port going quiet is the proof.
 */
async function closeInspector(inspector: RemoteInspector, pid: number, fallbackPort: number): Promise<void> {
  await Promise.race([
    inspector.post('Runtime.evaluate', { expression: "require('inspector').close()", includeCommandLineAPI: true }).catch(() => undefined),
    new Promise((r) => setTimeout(r, 2000)),
  ]);
  inspector.close();
  const still = await waitFor(async () => ((await findInspector(pid, fallbackPort).catch(() => undefined)) === undefined ? true : undefined), 2000);
  if (still === undefined) throw new CaptureError('ECAPTURE', `the snapshot was written, but process ${pid} still has its inspector open`);
}
