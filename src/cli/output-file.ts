import { open, type FileHandle } from 'node:fs/promises';
import { outputTarget } from './output-target.js';
import { replaceAtomically } from './temp-file.js';
import { describeWriteError } from './write-errors.js';

/** The output itself could not be written: one `cannot write X: …` line. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** The line for an errno error met writing `shown`. */
export function outputError(shown: string, e: unknown): OutputError {
  return new OutputError(`cannot write ${shown}: ${describeWriteError(e as NodeJS.ErrnoException)}`);
}

/** How `path` would be written (see output-target.ts), or the OutputError that says why it cannot be: a directory, or a path that cannot be looked at. */
export async function writableTarget(path: string, shown: string): Promise<{ kind: 'replace' | 'in-place'; path: string }> {
  const target = await outputTarget(path).catch((e: unknown) => {
    throw outputError(shown, e);
  });
  if (target.kind === 'directory') throw new OutputError(`cannot write ${shown}: it is a directory`);
  return { kind: target.kind, path: target.path };
}

/**
 * Writes `path` as every `-o` does (see output-target.ts): a regular file replaced atomically, a
 * device or FIFO written in place, a directory refused. The output is opened (its temp file made)
 * before `write` is called with the handle, so a missing or read-only folder is found before any
 * work is done for it: a capture asks nothing of its target for an output it cannot write.
 * Failures of the output's own steps (opening, renaming) are OutputErrors; what `write` throws
 * passes through as it is.
 */
export async function writeOutputFile(path: string, shown: string, write: (handle: FileHandle) => Promise<void>, newMode?: number): Promise<void> {
  const target = await writableTarget(path, shown);
  const thrown = new Set<unknown>();
  const guarded = async (handle: FileHandle) => {
    try {
      await write(handle);
    } catch (e) {
      thrown.add(e);
      throw e;
    }
  };
  try {
    if (target.kind === 'replace') return await replaceAtomically(target.path, guarded, newMode);
    // O_WRONLY|O_CREAT|O_TRUNC, what `>` does; a FIFO waits for its reader here, as with a shell.
    const handle = await open(target.path, 'w');
    try {
      await guarded(handle);
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (thrown.has(e)) throw e;
    throw outputError(shown, e);
  }
}
