/**
 * Child process: Chrome DevTools' own heap snapshot code (heap-snapshot-toolkit's parse), which
 * computes dominators and retained sizes while loading, as the Memory panel's worker does.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'heap-snapshot-toolkit';

const file = process.argv[2];
if (!file) {
  console.error('usage: devtools-load FILE');
  process.exit(2);
}
const t0 = performance.now();
const snap = (await parse(createReadStream(file, 'utf-8'))) as unknown as { nodeCount: number; retainedSizes: Float64Array };
const loadMs = performance.now() - t0;
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs, totalRetained: snap.retainedSizes[0] }));
