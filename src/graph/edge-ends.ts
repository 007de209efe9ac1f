import type { RetainerGraph } from './types.js';

/** A drawn graph by number: node i is graph.nodes[i], and each arrow's ends are node numbers. */
export interface EdgeEnds {
  readonly index: Map<string, number>;
  /** Per arrow, the node numbers of its ends; -1 for a "more" box or any key that is no node. */
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/**
 * Numbers the nodes by key once, for passes over a drawn graph that then run on typed arrays:
 * Maps and Sets keyed by string at every step made the default view's grouping, budget and
 * cycles most of its time on a million-node chain.
 */
export function edgeEnds(graph: RetainerGraph): EdgeEnds {
  const { nodes, edges } = graph;
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) index.set(nodes[i]!.key, i);
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    from[k] = index.get(edges[k]!.from) ?? -1;
    to[k] = index.get(edges[k]!.to) ?? -1;
  }
  return { index, from, to };
}

/**
 * Arrows grouped by one end, in arrow order (a counting sort): node i's are list[start[i]..start[i+1]),
 * each the arrow's `other` value (its number when not given). Arrows whose `by` end is -1 are left out.
 */
export function byEnd(n: number, by: ArrayLike<number>, other?: ArrayLike<number>): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < by.length; k++) if (by[k]! >= 0) start[by[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const list = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let k = 0; k < by.length; k++) if (by[k]! >= 0) list[fill[by[k]!]!++] = other ? other[k]! : k;
  return { start, list };
}
