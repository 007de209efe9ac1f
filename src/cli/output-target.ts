import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * How an output path is written: `replace` a regular file (or a new one) atomically at `path`,
 * which is the symlink's target when one is given, so the link survives and the temp file sits in
 * the target's own folder; write `in-place` what is not a regular file (a device, a FIFO, a
 * terminal, /dev/stdout), as a shell redirect does: renaming over those would replace the device
 * node itself; refuse a `directory`.
 */
export type OutputTarget = { kind: 'replace' | 'in-place' | 'directory'; path: string };

/** Paths the kernel resolves to an open file descriptor: following them by name finds nothing real. */
const FD_ALIAS = /^\/(?:dev\/(?:stdout|stderr|stdin|fd\/)|proc\/)/;
/** Linux gives up after 40 links (ELOOP); so does this. */
const MAX_LINKS = 40;

export async function outputTarget(path: string): Promise<OutputTarget> {
  if (FD_ALIAS.test(path)) return { kind: 'in-place', path };
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (st?.isDirectory()) return { kind: 'directory', path };
  if (st && !st.isFile()) return { kind: 'in-place', path };
  if (st) return { kind: 'replace', path: await realpath(path) };
  return { kind: 'replace', path: await danglingTarget(path) };
}

/** Where a new file for `path` goes: through a dangling symlink to the name it points at. */
async function danglingTarget(path: string): Promise<string> {
  let current = path;
  for (let i = 0; i < MAX_LINKS; i++) {
    const st = await lstat(current).catch(() => undefined);
    if (!st?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  const e = new Error(`too many levels of symbolic links: ${path}`) as NodeJS.ErrnoException;
  e.code = 'ELOOP';
  throw e;
}
