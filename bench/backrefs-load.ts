/**
 * Child process: backrefs' reader alone (loadSnapshot, which builds the retainer index), for the
 * reader's own MB/s; given a class name, also the counts memlab-load prints, for the checks.
 */
import { childArgs, loadTimed } from './child.js';

const [file, className] = childArgs('backrefs-load FILE [CLASS]');
const { snap, loadMs } = await loadTimed(file);
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
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs, objects, retainers }));
