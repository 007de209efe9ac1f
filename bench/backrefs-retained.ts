/**
 * Child process: backrefs' reader, then the dominator tree and retained sizes (what `top`,
 * `dominators` and `--retained` pay on first use), timed apart.
 */
import { dominatorTree } from '../src/analysis/dominators.js';
import { childArgs, loadTimed } from './child.js';

const [file] = childArgs('backrefs-retained FILE');
const { snap, loadMs } = await loadTimed(file);
const t1 = performance.now();
const tree = dominatorTree(snap);
const t2 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs, dominatorsMs: t2 - t1, totalRetained: tree.retainedSize[0] }));
