/**
 * Child process: @memlab/core's load, then its dominator step alone (TraceFinder's
 * calculateAllNodesRetainedSizes, which memlab's leak analysis runs after its shortest paths).
 */
import memlab from '@memlab/core';
import { childArgs } from './child.js';
import { memlabLoadTimed } from './memlab-child.js';

const [file] = childArgs('memlab-retained FILE');
const { snap, loadMs } = await memlabLoadTimed(file);
const t1 = performance.now();
new memlab.TraceFinder().calculateAllNodesRetainedSizes(snap);
const t2 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodes.length, loadMs, dominatorsMs: t2 - t1, totalRetained: snap.nodes.get(0)?.retainedSize }));
