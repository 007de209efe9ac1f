import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads a file through once, so that the timed runs find it in the page cache as the report says
 * they do: a big memlab run, or another big input, can push it out, and some machines keep only
 * a few GB of cache.
 */
export function warmPageCache(path: string): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(16 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
