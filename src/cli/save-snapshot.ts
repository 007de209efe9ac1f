import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.js';
import { OutputError, outputError, writableTarget } from './output-file.js';
import { writeOutput, type OutputIO } from './write.js';

/**
 * --save FILE refused before the program runs, where it could never be written: otherwise the
 * failure would come only after the whole program had run, and its snapshot would be lost.
 */
export async function checkSavePath(io: OutputIO, save: string): Promise<void> {
  if (save === '-') return;
  try {
    const target = await writableTarget(resolve(io.cwd, save), save);
    // A replaced file's temp file is made in the target's folder: that folder must take a new file.
    if (target.kind === 'replace') {
      await access(dirname(target.path), constants.W_OK | constants.X_OK).catch((e: unknown) => {
        throw outputError(save, e);
      });
    }
  } catch (e) {
    throw e instanceof OutputError ? new CliError(e.message) : e;
  }
}

/** Writes the snapshot file at `from` to --save FILE as every output is written (src/cli/write.ts). */
export async function saveSnapshot(io: OutputIO, save: string, from: string): Promise<void> {
  await writeOutput(io, save, createReadStream(from));
}
