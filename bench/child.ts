import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';

/** A bench child's arguments: its usage line and exit code 2 when the first is missing. */
export function childArgs(usage: string): [string, ...(string | undefined)[]] {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return [file, ...rest];
}

/** The file through backrefs' reader, timed: what every backrefs child measures first. */
export async function loadTimed(file: string): Promise<{ snap: HeapSnapshot; loadMs: number }> {
  const t0 = performance.now();
  const snap = await loadSnapshot(file);
  return { snap, loadMs: performance.now() - t0 };
}
