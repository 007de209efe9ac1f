/**
 * Child process: loads one snapshot with @memlab/core's `utils.getSnapshotFromFile` and prints
 * its counts as JSON: `memlab-load FILE [CLASS]`. Run alone so its time and peak RSS are memlab's load only.
 */
import memlab from '@memlab/core';

const file = process.argv[2];
if (!file) {
  console.error('usage: memlab-load FILE');
  process.exit(2);
}
// memlab calls process.exit on a bad file by default, and chats on stdout.
memlab.config.errorHandling = memlab.ErrorHandling.Throw;
memlab.config.muteConsole = true;
const started = performance.now();
const snap = await memlab.utils.getSnapshotFromFile(file, {});
const loadMs = performance.now() - started;
// With a class name: how many objects of it and how many edges retain them, to compare with
// backrefs' retainer index (not part of the timed load).
const className = process.argv[3];
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
