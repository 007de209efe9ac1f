import type { GraphNode } from '../graph/types.js';

/** Where the walk stopped short of a root: `… 7 more hops to global via Array`. */
export function hopsLeft(stopped: NonNullable<GraphNode['stopped']>): string {
  if (stopped.hops <= 1) return `… held by ${stopped.root}`;
  return `… ${stopped.hops} more hops to ${stopped.root} via ${stopped.via}`;
}
