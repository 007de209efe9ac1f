/**
 * Child process: `backrefs growth OLD NEW` as the library does it, timed by phase: read OLD,
 * keep its summary (class stats, id set), drop it, read NEW, count, compare. The JSON line
 * reports the phases and what the summary of OLD holds.
 */
import { growth, summarize } from '../src/analysis/diff.js';
import { typeStats } from '../src/analysis/type-stats.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const [oldFile, newFile] = process.argv.slice(2);
if (!oldFile || !newFile) {
  console.error('usage: backrefs-growth OLD NEW');
  process.exit(2);
}
const t0 = performance.now();
let old: Awaited<ReturnType<typeof loadSnapshot>> | undefined = await loadSnapshot(oldFile);
const t1 = performance.now();
const summary = summarize(old);
old = undefined;
const t2 = performance.now();
const snap = await loadSnapshot(newFile);
const t3 = performance.now();
const rows = growth(summary, typeStats(snap));
const t4 = performance.now();
console.log(JSON.stringify({ nodes: snap.nodeCount, loadOldMs: t1 - t0, summarizeMs: t2 - t1, loadNewMs: t3 - t2, growthMs: t4 - t3, classes: summary.stats.length, keptIdBytes: summary.ids.bytes, grew: rows.length }));
