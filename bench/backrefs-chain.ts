/**
 * Child process: loadSnapshot, then a path from a root to every object of the bench's class
 * (`backrefs chain --type CLASS` without its output: the distances, one climb a target, grouped),
 * timed apart; the JSON line reports both.
 */
import { chains } from '../src/graph/chain.js';
import { findByType } from '../src/graph/select.js';
import { childArgs, loadTimed } from './child.js';

const [file, className = 'Test'] = childArgs('backrefs-chain FILE [CLASS]');
const { snap, loadMs } = await loadTimed(file);
const t1 = performance.now();
const targets = findByType(snap, className);
const { groups, unreachable } = chains(snap, targets);
const t2 = performance.now();
console.log(JSON.stringify({ loadMs, pathsMs: t2 - t1, targets: targets.length, withPath: targets.length - unreachable.length, groups: groups.length }));
