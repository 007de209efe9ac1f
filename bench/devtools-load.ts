/**
 * Child process: DevTools' own loader (heap-snapshot-toolkit's parse: the heap snapshot worker's
 * code, run in one thread), which computes class names, shapes included, while it loads.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'heap-snapshot-toolkit';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: devtools-load FILE');
  process.exit(2);
}
const t0 = performance.now();
const snap = (await parse(createReadStream(file))) as unknown as { nodeCount: number };
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs: performance.now() - t0 }));
