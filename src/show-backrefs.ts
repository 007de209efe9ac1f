import type { HeapSnapshot } from './snapshot/heap-snapshot.js';
import { retainerGraph, type WalkOptions } from './graph/walk.js';
import { toDot, type DotOptions } from './output/dot.js';
import { withAllocationSites } from './graph/with-allocation-sites.js';
import { withRetainedSizes } from './graph/with-retained.js';

export interface ShowBackrefsOptions extends WalkOptions, DotOptions {
  /** DevTools' retained size on every box (`withRetainedSizes`: the dominator tree, a whole-heap pass). */
  retained?: boolean;
}

/**
 * objgraph's `show_backrefs(objs, max_depth, ...)` in one call: the DOT of the targets' retainers,
 * each box with its allocating function when the snapshot was taken with allocation tracking.
 */
export function showBackrefs(snap: HeapSnapshot, targets: readonly number[], options: ShowBackrefsOptions = {}): string {
  let graph = retainerGraph(snap, targets, options);
  if (options.retained) graph = withRetainedSizes(snap, graph);
  return toDot(withAllocationSites(snap, graph), options);
}
