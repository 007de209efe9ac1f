import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors.js';

/**
 * Writes to a temporary name beside `path`, then renames: a reader never sees half a file, and a
 * failed run leaves an existing file as it was.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${describe(e as NodeJS.ErrnoException)}`);
  }
}

function describe(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return e.message;
  }
}

/** True when writing `output` would overwrite the snapshot being read. */
export function sameFile(input: string, output: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(input) === real(output);
}

/** Writes the output: to `path` atomically, or to stdout when there is none. */
export async function writeOutput(io: { stdout: NodeJS.WritableStream }, path: string | undefined, data: string | Uint8Array): Promise<void> {
  if (path !== undefined) return writeAtomic(path, data);
  await new Promise<void>((resolve, reject) => io.stdout.write(data, (e) => (e ? reject(e) : resolve())));
}
