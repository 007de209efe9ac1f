import type { GraphEdge, MoreNode } from './types.js';

/** objgraph's "K more retainers" box for the node keyed `of`, and its arrow. */
export function moreBox(of: string, depth: number, count: number): { node: MoreNode; edge: GraphEdge } {
  const key = `more_${of}`;
  return { node: { key, depth, count }, edge: { from: key, to: of, type: 'more', name: count, label: '', weak: false, collapsed: false, inCycle: false } };
}
