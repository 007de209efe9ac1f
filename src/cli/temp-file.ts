import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { onInterrupt } from '../live/interrupt.js';

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
 * no temp file. An existing file's permissions carry over to its replacement; a new file gets
 * `newMode` (less the umask), 0o666 unless told.
 */
export async function replaceAtomically(path: string, write: (handle: FileHandle) => Promise<void>, newMode = 0o666): Promise<void> {
  const mode = await stat(path).then(
    (st) => st.mode & 0o7777,
    () => undefined,
  );
  const tmp = tempPathBeside(path);
  const handle = await open(tmp, 'wx', mode ?? newMode);
  const release = onInterrupt(() => {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
  });
  try {
    try {
      await write(handle);
      if (mode !== undefined) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    release();
  }
}
