import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './errors.js';
import { writeAtomic, type OutputData } from './write.js';

/**
 * xdot that fails fails fast (no display, a broken GTK: about 0.3-0.6 s here); one that is still
 * running after this long has opened its window. Waiting is the only signal xdot gives.
 */
const STARTUP_MS = 2000;
const INSTALL = 'install it with `apt-get install xdot`, `brew install xdot` or `pip install xdot`';

export interface ViewOptions {
  /** The environment xdot runs in (DISPLAY, PATH); the process's by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens a DOT file in xdot, as objgraph does when it is given no file name, and returns once xdot
 * is up (it keeps running on its own). Throws a one-line CliError saying why nothing was shown:
 * no display, xdot missing, or xdot's own message when it exits at once.
 */
export async function viewDot(file: string, options: ViewOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const noDisplay = displayProblem(env);
  if (noDisplay) throw new CliError(`${noDisplay}; the graph is in ${file}`);
  // Loaded here, not with the module: child_process costs every run about 6 ms to load.
  const { spawn } = await import('node:child_process');
  const xdot = spawn('xdot', [file], { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  xdot.stderr.setEncoding('utf8');
  xdot.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-8192)));
  let timer: NodeJS.Timeout | undefined;
  const outcome = await new Promise<'running' | NodeJS.ErrnoException | { code: number | null; signal: string | null }>((resolve) => {
    xdot.on('spawn', () => (timer = setTimeout(resolve, STARTUP_MS, 'running')));
    xdot.on('error', resolve);
    xdot.on('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  if (outcome === 'running') {
    // Let backrefs exit while xdot stays open; what xdot prints from now on goes nowhere.
    xdot.stderr.destroy();
    xdot.unref();
    return;
  }
  if (outcome instanceof Error) {
    if (outcome.code === 'ENOENT') throw new CliError(`cannot open xdot: it is not installed (not found on PATH); ${INSTALL}; the graph is in ${file}`);
    throw new CliError(`cannot open xdot: ${outcome.message}; the graph is in ${file}`);
  }
  const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
  const said = lastMessage(stderr);
  throw new CliError(`xdot ${how} at start${said ? `: ${said}` : ''}; the graph is in ${file}`);
}

/**
 * Why xdot cannot show anything here, known without starting it (undefined when it may): checked
 * before a snapshot is read, so `--view` without a display fails at once.
 */
export function displayProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // macOS and Windows builds of GTK draw without X11 or Wayland.
  if (process.platform === 'darwin' || process.platform === 'win32' || env['DISPLAY'] || env['WAYLAND_DISPLAY']) return undefined;
  return 'cannot open xdot: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

/**
 * Writes `dot` to a temporary file and opens it in xdot. The file is kept only when xdot opened
 * it (xdot reads it again on reload) and its path is returned, for the caller to tell the user;
 * when nothing could be shown it is removed and the error says so.
 */
export async function viewTemporaryDot(dot: OutputData, options: ViewOptions = {}): Promise<string> {
  const file = join(tmpdir(), `backrefs-${process.pid}-${Date.now()}.dot`);
  await writeAtomic(file, dot);
  try {
    await viewDot(file, options);
    return file;
  } catch (e) {
    await unlink(file).catch(() => undefined);
    if (e instanceof CliError) throw new CliError(`${e.message.replace(/; the graph is in .*$/, '')}; nothing was kept: write the graph with -o FILE.dot`);
    throw e;
  }
}

/**
 * The line of xdot's stderr that says what went wrong: the last one not indented (a Python
 * traceback ends with the exception; GTK prints `Gtk-WARNING **: cannot open display`), cleaned of
 * control characters and cut short, since it reaches the terminal.
 */
export function lastMessage(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
  const line = [...lines].reverse().find((l) => !/^\s/.test(l)) ?? lines.at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  const short = clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
  return short.replace(/[.:;,]$/, '');
}
