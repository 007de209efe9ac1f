/**
 * Child process: @memlab/core's load, then its dominator step alone (TraceFinder's
 * calculateAllNodesRetainedSizes, which memlab's leak analysis runs after its shortest paths).
 */
import memlab from '@memlab/core';

const file = process.argv[2];
if (!file) {
  console.error('usage: memlab-retained FILE');
  process.exit(2);
}
memlab.config.errorHandling = memlab.ErrorHandling.Throw;
memlab.config.muteConsole = true;
const t0 = performance.now();
const snap = await memlab.utils.getSnapshotFromFile(file, {});
const t1 = performance.now();
new memlab.TraceFinder().calculateAllNodesRetainedSizes(snap);
const t2 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodes.length, loadMs: t1 - t0, dominatorsMs: t2 - t1, totalRetained: snap.nodes.get(0)?.retainedSize }));
