import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { allocatingFunctions, allocationFunction, hasAllocationTraces, type AllocationFrame } from './allocation-sites.js';
import { classRetainedSizes } from './retained-sizes.js';

/** The nodes one function allocated (DevTools' Allocation view, bottom-up, by function). */
export interface SiteStat {
  /** Undefined for the nodes with no trace (made before tracking started, or by V8 itself). */
  readonly site: AllocationFrame | undefined;
  readonly count: number;
  readonly selfSize: number;
  /** What they free together, a node below another of the same site counted once (with `retained`). */
  readonly retainedSize?: number;
}

/**
 * Every node grouped by the function that allocated it, most nodes first. One pass over the
 * nodes, each looked up by its trace node; with `retained`, the dominator tree too, and each
 * site's total as classRetainedSizes counts a class. Empty when the snapshot has no traces.
 */
export function siteStats(snap: HeapSnapshot, options: { retained?: boolean } = {}): SiteStat[] {
  if (!hasAllocationTraces(snap)) return [];
  const fnOf = allocatingFunctions(snap);
  const totals = new Map<number, { count: number; selfSize: number }>();
  for (let o = 0; o < snap.nodeCount; o++) {
    const fn = fnOf[o]!;
    const t = totals.get(fn);
    if (t) {
      t.count++;
      t.selfSize += snap.selfSize(o);
    } else totals.set(fn, { count: 1, selfSize: snap.selfSize(o) });
  }
  const retained = options.retained ? classRetainedSizes(snap, { classOf: (o) => String(fnOf[o]) }) : undefined;
  const rows = [...totals].map(([fn, t]): SiteStat => ({
    site: fn === -1 ? undefined : allocationFunction(snap, fn),
    ...t,
    ...(retained ? { retainedSize: retained.get(String(fn))?.retained ?? 0 } : {}),
  }));
  return rows.sort((a, b) => b.count - a.count || b.selfSize - a.selfSize);
}
