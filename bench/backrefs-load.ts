/**
 * Child process: backrefs' reader alone (loadSnapshot + the retainer index), the same counts as
 * memlab-load prints, plus the time of each phase. Stands in for the CLI until it exists, and
 * gives the reader's own MB/s either way.
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
const { first } = snap.retainers();
const t2 = performance.now();
let objects = 0;
let retainers = 0;
if (className) {
  const names = new Set(snap.strings.indicesOf(className));
  const objectType = snap.meta.nodeTypes.indexOf('object');
  for (let o = 0; o < snap.nodeCount; o++) {
    if (snap.nodeTypeIndex(o) === objectType && names.has(snap.nodeNameIndex(o))) {
      objects++;
      retainers += first[o + 1]! - first[o]!;
    }
  }
}
console.log(JSON.stringify({ nodes: snap.nodeCount, edges: snap.edgeCount, loadMs: t1 - t0, retainersMs: t2 - t1, objects, retainers }));
