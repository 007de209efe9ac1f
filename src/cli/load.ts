import { basename, resolve } from 'node:path';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { loadSnapshot } from '../snapshot/load.js';
import type { CliIO } from './command.js';
import { visible } from '../output/escape.js';
import { CliError } from './errors.js';
import { newestSnapshot } from './find-snapshot.js';
import { progressBar } from './progress.js';

/** Below this, loading is quick enough that a progress bar would only flicker. */
const PROGRESS_MIN_BYTES = 32 * 1024 * 1024;

/** The snapshot a command names (`-` for stdin; none: the newest in the folder), with a progress bar on a terminal. */
export async function loadForCli(path: string | undefined, io: CliIO, note: (line: string) => void): Promise<{ snap: HeapSnapshot; name: string }> {
  if (path === '') throw new CliError('the SNAPSHOT argument is empty: name a .heapsnapshot file, or - for stdin');
  if (path === undefined) {
    path = newestSnapshot(io.cwd);
    note(`Using ${visible(path)}, the newest snapshot in this folder`);
  }
  // Messages name the file as the user typed it.
  const name = path === '-' ? '<stdin>' : path;
  const stderr = io.stderr as NodeJS.WriteStream;
  const bar = stderr.isTTY ? progressBar(stderr, path === '-' ? 'stdin' : visible(basename(path))) : undefined;
  try {
    const snap = await loadSnapshot(path === '-' ? io.stdin : resolve(io.cwd, path), {
      name,
      // The benchmark's correctness check compares the graph with and without the second thread.
      parallel: !process.env['BACKREFS_NO_FAST_PATH'],
      onProgress: bar && ((done, total) => (total === undefined || total >= PROGRESS_MIN_BYTES) && bar.update(done, total)),
    });
    return { snap, name };
  } finally {
    bar?.finish();
  }
}
