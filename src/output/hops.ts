import type { GraphNode, RetainerGraph } from '../graph/types.js';

/** Where the walk stopped short of a root: `… 7 more hops to global via Array`. */
export function hopsLeft(stopped: NonNullable<GraphNode['stopped']>): string {
  if (stopped.hops <= 1) return `… held by ${stopped.root}`;
  return `… ${stopped.hops} more hops to ${stopped.root} via ${stopped.via}`;
}

/** `3 more retainers`, or in the forward view `3 more references`. */
export function moreText(graph: RetainerGraph, count: number): string {
  return `${count} more ${graph.walk === 'refs' ? 'reference' : 'retainer'}${count === 1 ? '' : 's'}`;
}
