import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Temp files are named `.backrefs-<16 hex>.tmp` in the output's folder: short (27 bytes), so any
 * name that fits in a folder leaves room for them; hidden, and ending in `.tmp`, so one left by a
 * SIGKILL is never taken for output (nor for a snapshot: only `*.heapsnapshot` is).
 */
export const TEMP_NAME = /^\.backrefs-[0-9a-f]{16}\.tmp$/;

let made = 0;

/**
 * Unique, not secret: the file is opened with `wx`, which refuses a name that exists (a symlink
 * too), so nothing else is ever written through it. The process id keeps two backrefs apart, the
 * clock and a count two files of one run and a name left by a killed run. (node:crypto would cost
 * a small snapshot's whole command about 3 ms to load.)
 */
function tempPathBeside(path: string): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return join(dirname(path), `.backrefs-${hex(process.pid)}${hex(Date.now() + made++)}.tmp`);
}

/**
 * Writes through `write` into a temp file beside `path`, then renames it over `path`: a reader
 * never sees half a file, and a failure (or SIGINT/SIGTERM meanwhile) leaves `path` as it was and
 * no temp file. An existing file's permissions carry over to its replacement.
 */
export async function replaceAtomically(path: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const mode = await stat(path).then(
    (st) => st.mode & 0o7777,
    () => undefined,
  );
  const tmp = tempPathBeside(path);
  const handle = await open(tmp, 'wx', mode ?? 0o666);
  live.add(tmp);
  armSignals();
  try {
    try {
      await write(handle);
      if (mode !== undefined) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    live.delete(tmp);
  } catch (e) {
    live.delete(tmp);
    await unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    if (live.size === 0) disarmSignals();
  }
}

/** Temp files that exist right now. */
const live = new Set<string>();
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof SIGNALS;
const handlers = new Map<Signal, () => void>();

/**
 * Only while a temp file exists: the rest of the time the default action (exit at once) is right,
 * and a handler would only delay it.
 */
function armSignals(): void {
  if (handlers.size > 0) return;
  for (const signal of Object.keys(SIGNALS) as Signal[]) {
    const handler = () => {
      for (const tmp of live) {
        try {
          unlinkSync(tmp);
        } catch {
          // Already gone.
        }
      }
      live.clear();
      // The exit status a shell reports for death by that signal (128 + its number).
      process.exit(SIGNALS[signal]);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function disarmSignals(): void {
  for (const [signal, handler] of handlers) process.off(signal, handler);
  handlers.clear();
}
