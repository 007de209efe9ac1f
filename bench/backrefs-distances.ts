/**
 * Child process: loadSnapshot, then DevTools' distances from the roots (the pass the default
 * picture needs), timed apart; the JSON line reports both.
 */
import { distances } from '../src/analysis/distances.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: backrefs-distances FILE');
  process.exit(2);
}
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
const { distance } = distances(snap);
const t2 = performance.now();
let reached = 0;
for (let o = 0; o < distance.length; o++) if (distance[o]! >= 0) reached++;
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs: t1 - t0, distancesMs: t2 - t1, reached }));
