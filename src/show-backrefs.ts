import type { HeapSnapshot } from './snapshot/heap-snapshot.js';
import { retainerGraph, type WalkOptions } from './graph/walk.js';
import { toDot, type DotOptions } from './output/dot.js';

export interface ShowBackrefsOptions extends WalkOptions, DotOptions {}

/** objgraph's `show_backrefs(objs, max_depth, ...)` in one call: the DOT of the targets' retainers. */
export function showBackrefs(snap: HeapSnapshot, targets: readonly number[], options: ShowBackrefsOptions = {}): string {
  return toDot(retainerGraph(snap, targets, options), options);
}
