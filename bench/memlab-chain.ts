/**
 * Child process: @memlab/core's load, then its shortest path from a root to every object of the
 * bench's class, as `memlab trace` finds one (preparePathFinder: a search over the whole heap;
 * then getPathToGCRoots a target), timed apart.
 */
import memlab from '@memlab/core';
import { childArgs } from './child.js';
import { memlabLoadTimed } from './memlab-child.js';

const [file, className = 'Test'] = childArgs('memlab-chain FILE [CLASS]');
const { snap, loadMs } = await memlabLoadTimed(file);
const t1 = performance.now();
const finder = memlab.analysis.preparePathFinder(snap);
let targets = 0;
let withPath = 0;
snap.nodes.forEach((node) => {
  if (node.type !== 'object' || node.name !== className) return;
  targets++;
  if (finder.getPathToGCRoots(snap, node)) withPath++;
});
const t2 = performance.now();
console.log(JSON.stringify({ loadMs, pathsMs: t2 - t1, targets, withPath }));
