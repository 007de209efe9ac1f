import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where generated snapshots live: outside the repository (they are never committed) and kept
 * between runs, because the 1.2 GB one takes about a minute for V8 to write.
 * BACKREFS_BENCH_DIR moves it, e.g. to a bigger disk.
 */
export function cacheDir(): string {
  const dir = process.env['BACKREFS_BENCH_DIR'] ?? join(tmpdir(), 'backrefs-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}
