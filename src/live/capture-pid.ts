import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { get } from 'node:http';
import { basename } from 'node:path';
import { onInterrupt } from './interrupt.js';
import { OutputError, outputError, writeOutputFile } from '../cli/output-file.js';
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
  /** Called on SIGINT/SIGTERM, before the inspector we opened is closed (that waits for the snapshot in flight to end). */
  onInterrupt?: () => void;
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
 * the loopback interface; the snapshot comes over the inspector protocol and is written to `file`
 * as every `-o` is (src/cli/output-file.ts: a regular file replaced whole or not at all, a device
 * or FIFO written in place, a directory refused); then the inspector is closed again, and the
 * process runs on. An inspector that was already open is used and left open. The output is
 * opened before the process is signalled, so an output that cannot be written costs it nothing.
 * SIGINT/SIGTERM meanwhile closes the inspector we opened and removes the temp file, then exits.
 */
export async function captureByPid(pid: number, file: string, options: CaptureOptions = {}): Promise<CaptureResult> {
  if (!Number.isInteger(pid) || pid <= 0) throw new CaptureError('ENOPROC', `${pid} is not a process id`);
  if (pid === process.pid) throw new CaptureError('ENOPROC', `${pid} is this process: use takeSnapshot() for that`);
  checkProcess(pid);
  let result: Omit<CaptureResult, 'file'> | undefined;
  try {
    // 0o600 for a new file: a heap holds the process's secrets.
    await writeOutputFile(file, file, async (handle) => void (result = await captureInto(pid, file, handle, options)), 0o600);
  } catch (e) {
    if (e instanceof OutputError) throw new CaptureError('EWRITE', e.message);
    throw e;
  }
  return { file, ...result! };
}

async function captureInto(pid: number, file: string, handle: FileHandle, options: CaptureOptions): Promise<Omit<CaptureResult, 'file'>> {
  const port = options.port ?? 9229;
  const timeoutMs = options.timeoutMs ?? 5000;
  const before = await findInspector(pid, port);
  if (before !== undefined) {
    const inspector = await connect(pid, before);
    try {
      return { bytes: await streamSnapshot(inspector, handle, file, pid, options.onProgress), inspector: before, wasOpen: true };
    } finally {
      inspector.close();
    }
  }
  const opened = new OpenedInspector(pid, port, timeoutMs);
  const release = onInterrupt(() => {
    options.onInterrupt?.();
    return opened.interrupt();
  });
  try {
    const url = await opened.open();
    const inspector = await opened.parkIfInterrupted(connect(pid, url));
    opened.connected = inspector;
    let bytes: number;
    try {
      bytes = await opened.parkIfInterrupted(streamSnapshot(inspector, handle, file, pid, options.onProgress, () => opened.interrupted));
    } finally {
      if (!opened.interrupted) await closeInspector(inspector, pid, port);
    }
    return { bytes, inspector: url, wasOpen: false };
  } finally {
    release();
  }
}

function connect(pid: number, url: string): Promise<RemoteInspector> {
  return RemoteInspector.connect(url).catch((e: Error) => {
    throw new CaptureError('ENOINSPECTOR', `cannot connect to the inspector of process ${pid} at ${url}: ${e.message}`);
  });
}

/**
 * The inspector this capture opens with SIGUSR1, and its closing on SIGINT/SIGTERM: left open, it
 * would let any local user run code in the target. Once interrupted, the capture's own steps stop
 * where they are (their promises never settle) and the interrupt's undo finishes the job.
 */
class OpenedInspector {
  interrupted = false;
  connected: RemoteInspector | undefined;
  private signalled = false;

  constructor(
    private readonly pid: number,
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  async open(): Promise<string> {
    try {
      process.kill(this.pid, 'SIGUSR1');
    } catch (e) {
      throw new CaptureError('ENOPROC', `process ${this.pid} could not be signalled (${(e as NodeJS.ErrnoException).code ?? 'error'}): it may have exited`);
    }
    this.signalled = true;
    const url = await this.parkIfInterrupted(waitFor(() => findInspector(this.pid, this.port), this.timeoutMs));
    if (url === undefined) {
      throw new CaptureError(
        'ENOINSPECTOR',
        `process ${this.pid} opened no inspector within ${this.timeoutMs} ms of SIGUSR1 (started with --disable-sigusr1, or its inspector port ${this.port} is taken by another process: see its stderr)`,
      );
    }
    return url;
  }

  /** `step`'s outcome, or, once interrupted, a promise that never settles. */
  async parkIfInterrupted<T>(step: Promise<T>): Promise<T> {
    const settled = await step.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (this.interrupted) return new Promise<never>(() => {});
    if ('error' in settled) throw settled.error;
    return settled.value;
  }

  async interrupt(): Promise<void> {
    this.interrupted = true;
    if (!this.signalled) return;
    const url = await waitFor(() => findInspector(this.pid, this.port).catch(() => undefined), this.timeoutMs);
    if (url === undefined) return;
    const inspector = this.connected && !this.connected.closed ? this.connected : await RemoteInspector.connect(url).catch(() => undefined);
    // The answer comes only once the snapshot in flight has been sent whole.
    if (inspector) await closeInspector(inspector, this.pid, this.port, 60_000).catch(() => undefined);
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

/**
 * The chunks are written as they come, each with a synchronous write: the socket is not read
 * meanwhile, so a slow disk holds the target back instead of the snapshot piling up in memory.
 */
async function streamSnapshot(inspector: RemoteInspector, handle: FileHandle, file: string, pid: number, onProgress?: (bytes: number) => void, dropping = () => false): Promise<number> {
  let bytes = 0;
  let writeError: unknown;
  inspector.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
    if (writeError !== undefined || dropping()) return;
    try {
      const chunk = Buffer.from((params as { chunk: string }).chunk, 'utf8');
      for (let at = 0; at < chunk.length; ) at += writeSync(handle.fd, chunk, at);
      bytes += chunk.length;
      onProgress?.(bytes);
    } catch (e) {
      writeError = e;
    }
  });
  try {
    await inspector.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } catch (e) {
    throw new CaptureError('ECAPTURE', `the snapshot of process ${pid} failed: ${(e as Error).message}`);
  }
  if (writeError !== undefined) throw outputError(file, writeError);
  if (bytes === 0) throw new CaptureError('ECAPTURE', `process ${pid} sent an empty snapshot`);
  await handle.sync().catch((e: NodeJS.ErrnoException) => {
    // A device or FIFO written in place may not sync; a file's data must be on disk before the rename.
    if (e.code !== 'EINVAL' && e.code !== 'EROFS' && e.code !== 'ENOTSUP') throw outputError(file, e);
  });
  return bytes;
}

/**
 * Closes the inspector we opened, from inside the target (`require` is part of the console's
 * command-line API there): the process stops listening and runs on as before. The target drops
 * the connection as it closes, so the answer may never come; its port going quiet is the proof.
 */
async function closeInspector(inspector: RemoteInspector, pid: number, fallbackPort: number, answerMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    inspector.post('Runtime.evaluate', { expression: "require('inspector').close()", includeCommandLineAPI: true }).catch(() => undefined),
    new Promise((r) => (timer = setTimeout(r, answerMs))),
  ]);
  clearTimeout(timer);
  inspector.close();
  const still = await waitFor(async () => ((await findInspector(pid, fallbackPort).catch(() => undefined)) === undefined ? true : undefined), 2000);
  if (still === undefined) throw new CaptureError('ECAPTURE', `the snapshot was written, but process ${pid} still has its inspector open`);
}
