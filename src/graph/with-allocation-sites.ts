import { allocatingFunction, allocationFunction, hasAllocationTraces } from '../analysis/allocation-sites.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { memberOrdinals } from './members.js';
import type { GraphNode, RetainerGraph } from './types.js';

/**
 * The graph with the allocating function on every box, when the snapshot was taken with
 * allocation tracking on (unchanged otherwise). A group names the function that made most of
 * its members, and says how many distinct functions made them when more than one did.
 */
export function withAllocationSites(snap: HeapSnapshot, graph: RetainerGraph): RetainerGraph {
  if (!hasAllocationTraces(snap)) return graph;
  const sets = memberOrdinals(snap, graph.nodes);
  return { ...graph, nodes: graph.nodes.map((n, i) => withSite(snap, n, sets[i]!)) };
}

function withSite(snap: HeapSnapshot, n: GraphNode, members: readonly number[]): GraphNode {
  const made = new Map<number, number>();
  for (const o of members) {
    const fn = allocatingFunction(snap, o);
    if (fn !== -1) made.set(fn, (made.get(fn) ?? 0) + 1);
  }
  let best = -1;
  let most = 0;
  for (const [fn, count] of made) {
    if (count > most) {
      best = fn;
      most = count;
    }
  }
  const frame = best === -1 ? undefined : allocationFunction(snap, best);
  if (!frame) return n;
  return { ...n, allocatedBy: frame, ...(made.size > 1 ? { allocationSites: made.size } : {}) };
}
