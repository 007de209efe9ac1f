/**
 * Child process: loadSnapshot, then the class-name passes DevTools runs while it loads (object
 * shapes, and the detached natives), each timed on its own, and classCounts
 * of objects (what the CLI lists when a class is not found), timed after them.
 */
import { detachedNatives } from '../src/analysis/detached.js';
import { objectShapes } from '../src/analysis/object-shapes.js';
import { classCounts } from '../src/graph/select.js';
import { childArgs, loadTimed } from './child.js';

const [file] = childArgs('shapes-pass FILE');
const { snap, loadMs } = await loadTimed(file);
const t1 = performance.now();
const shapes = objectShapes(snap);
const t2 = performance.now();
detachedNatives(snap);
const t3 = performance.now();
const classes = classCounts(snap).size;
const t4 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, loadMs, shapesMs: t2 - t1, detachedMs: t3 - t2, classCountsMs: t4 - t3, shapes: shapes.names.length, plainObjects: shapes.objects.length, classes }));
