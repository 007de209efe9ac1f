/**
 * Child process: loadSnapshot, then DevTools' distances from the roots (the pass the default
 * picture needs), timed apart; the JSON line reports both.
 */
import { distances } from '../src/analysis/distances.js';
import { childArgs, loadTimed } from './child.js';

const [file] = childArgs('backrefs-distances FILE');
const { snap, loadMs } = await loadTimed(file);
const t1 = performance.now();
const { distance } = distances(snap);
const t2 = performance.now();
let reached = 0;
for (let o = 0; o < distance.length; o++) if (distance[o]! >= 0) reached++;
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs, distancesMs: t2 - t1, reached }));
