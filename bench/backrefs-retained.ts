/**
 * Child process: backrefs' reader, then the dominator tree and retained sizes (what `top`,
 * `dominators` and `--retained` pay on first use), timed apart.
 */
import { dominatorTree } from '../src/analysis/dominators.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: backrefs-retained FILE');
  process.exit(2);
}
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
const tree = dominatorTree(snap);
const t2 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs: t1 - t0, dominatorsMs: t2 - t1, totalRetained: tree.retainedSize[0] }));
