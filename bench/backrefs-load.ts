/**
 * Child process: backrefs' reader alone (loadSnapshot, which builds the retainer index), for the
 * reader's own MB/s; given a class name, also the counts memlab-load prints, for the checks.
 */
import { loadSnapshot } from '../src/snapshot/load.js';

const [file, className] = process.argv.slice(2);
if (!file) {
  console.error('usage: backrefs-load FILE [CLASS]');
  process.exit(2);
}
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
let objects = 0;
let retainers = 0;
if (className) {
  const names = new Set(snap.strings.indicesOf(className));
  const objectType = snap.meta.nodeTypes.indexOf('object');
  for (let o = 0; o < snap.nodeCount; o++) {
    if (snap.nodeTypeIndex(o) === objectType && names.has(snap.nodeNameIndex(o))) {
      objects++;
      retainers += snap.retainingEdges(o).length;
    }
  }
}
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs: t1 - t0, objects, retainers }));
