/**
 * Child process: loadSnapshot, then the class-name passes DevTools runs while it loads (object
 * shapes, and the detached natives), each timed on its own, and classCounts
 * of objects (what the CLI lists when a class is not found), timed after them.
 */
import { detachedNatives } from '../src/analysis/detached.js';
import { objectShapes } from '../src/analysis/object-shapes.js';
import { classCounts } from '../src/graph/select.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: shapes-pass FILE');
  process.exit(2);
}
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
const shapes = objectShapes(snap);
const t2 = performance.now();
detachedNatives(snap);
const t3 = performance.now();
const classes = classCounts(snap).size;
const t4 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs: t1 - t0, shapesMs: t2 - t1, detachedMs: t3 - t2, classCountsMs: t4 - t3, shapes: shapes.names.length, plainObjects: shapes.objects.length, classes }));
