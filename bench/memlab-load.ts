/**
 * Child process: loads one snapshot with @memlab/core's `utils.getSnapshotFromFile` and prints
 * its counts as JSON: `memlab-load FILE [CLASS]`. Run alone so its time and peak RSS are memlab's load only.
 */
import { childArgs } from './child.js';
import { memlabLoadTimed } from './memlab-child.js';

const [file, className] = childArgs('memlab-load FILE [CLASS]');
const { snap, loadMs } = await memlabLoadTimed(file);
// With a class name: how many objects of it and how many edges retain them, to compare with
// backrefs' retainer index (not part of the timed load).
let objects = 0;
let retainers = 0;
if (className) {
  snap.nodes.forEach((node) => {
    if (node.type === 'object' && node.name === className) {
      objects++;
      retainers += node.numOfReferrers;
    }
  });
}
console.log(JSON.stringify({ nodes: snap.nodes.length, edges: snap.edges.length, loadMs, objects, retainers }));
