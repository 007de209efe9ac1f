/**
 * Child process: loadSnapshot, then a path from a root to every object of the bench's class
 * (`backrefs chain --type CLASS` without its output: the distances, one climb a target, grouped),
 * timed apart; the JSON line reports both.
 */
import { chains } from '../src/graph/chain.js';
import { findByType } from '../src/graph/select.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const [file, className = 'Test'] = process.argv.slice(2);
if (!file) {
  console.error('usage: backrefs-chain FILE [CLASS]');
  process.exit(2);
}
const t0 = performance.now();
const snap = await loadSnapshot(file);
const t1 = performance.now();
const targets = findByType(snap, className);
const { groups, unreachable } = chains(snap, targets);
const t2 = performance.now();
console.log(JSON.stringify({ loadMs: t1 - t0, pathsMs: t2 - t1, targets: targets.length, withPath: targets.length - unreachable.length, groups: groups.length }));
