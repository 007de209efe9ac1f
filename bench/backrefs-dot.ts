/**
 * Child process: the biggest picture the CLI draws of the file, `--walk bfs --max-targets
 * 1000000` (a million-node graph from the 250 MB heap), and its DOT streamed to a file the way
 * `-o out.dot` writes it; load, walk and DOT timed apart.
 */
import { rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findByType } from '../src/graph/select.js';
import { retainerGraph } from '../src/graph/walk.js';
import { dotChunks } from '../src/output/dot.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: backrefs-dot FILE');
  process.exit(2);
}
const out = join(tmpdir(), `backrefs-bench-dot-${process.pid}.dot`);
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
const graph = retainerGraph(snap, findByType(snap, 'Test', { limit: 1_000_000 }), { maxDepth: 10, tooMany: 10 });
const t2 = performance.now();
await writeFile(out, dotChunks(graph));
const t3 = performance.now();
const bytes = statSync(out).size;
rmSync(out);
console.log(JSON.stringify({ nodes: graph.nodes.length + graph.more.length, edges: graph.edges.length, loadMs: t1 - t0, walkMs: t2 - t1, dotMs: t3 - t2, bytes }));
