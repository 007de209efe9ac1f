/**
 * Child process: backrefs' reader, then the dominator tree and retained sizes (what `top`,
 * `dominators` and `--retained` pay on first use), started during the load as those commands
 * start it. The JSON line gives the load (with the part of the dominators it runs while the
 * worker links), and the rest of the dominators after it.
 */
import { dominatorTree, startDominatorTree } from '../src/analysis/dominators.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: backrefs-retained FILE');
  process.exit(2);
}
let duringLoadMs = 0;
const t0 = performance.now();
const snap = await loadSnapshot(file, {
  whileIndexing: (s) => {
    const t = performance.now();
    startDominatorTree(s);
    duringLoadMs = performance.now() - t;
  },
});
const t1 = performance.now();
const tree = dominatorTree(snap);
const t2 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs: t1 - t0, duringLoadMs, dominatorsMs: t2 - t1, totalRetained: tree.retainedSize[0] }));
