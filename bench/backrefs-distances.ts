/**
 * Child process: loadSnapshot computing DevTools' distances from the roots while it loads (the
 * default picture needs them; the two-thread reader runs them while its worker links the
 * retainer lists). The JSON line gives the whole load and the time spent in the distances.
 */
import { distances } from '../src/analysis/distances.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: backrefs-distances FILE');
  process.exit(2);
}
let distancesMs = 0;
const t0 = performance.now();
const snap = await loadSnapshot(file, {
  whileIndexing: (s) => {
    const t = performance.now();
    distances(s);
    distancesMs = performance.now() - t;
  },
});
const loadMs = performance.now() - t0;
const { distance } = distances(snap);
let reached = 0;
for (let o = 0; o < distance.length; o++) if (distance[o]! >= 0) reached++;
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs, distancesMs, reached }));
