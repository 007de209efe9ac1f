import { isScopeName } from '../snapshot/names.js';
import { isPlainRetainer, mergeBlocks, oneArrowPerPair } from './group.js';
import type { GraphNode, RetainerGraph } from './types.js';

/** Fewer objects stay drawn one by one: two of a class holding one another is not yet a list. */
export const MIN_LINKED = 3;

/**
 * One box for each linked structure of one class: retainers of one class and title that hold one
 * another, such as the `_idlePrev` / `_idleNext` links of Node's timer lists, the reactions of a
 * pending promise, the nodes of a cache's or a queue's own linked list, or a chain of parse-tree
 * nodes. Left as it is, the walk draws such a list link by link, and what hangs off each link
 * (a timer's callback, a reaction's closure) is held by a different box every time, so the
 * grouping cannot merge that either. As one box, `Timeout ×20` with arrows `_idlePrev ×10` onto
 * itself, the callbacks are held by one box and become one row too. Targets, roots, globals and
 * boxes where the walk stopped keep their own. Union-find over the arrows: near-linear.
 */
export function collapseLinkedStructures(graph: RetainerGraph): RetainerGraph {
  const { nodes } = graph;
  const n = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(nodes[i]!.key, i);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const e of graph.edges) {
    if (e.type === 'more' || e.from === e.to) continue;
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined || !linkable(nodes[from]!, nodes[to]!)) continue;
    const a = find(from);
    const b = find(to);
    // The smaller index stays the representative: the box keeps the first member's place.
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const size = new Uint32Array(n);
  for (let i = 0; i < n; i++) size[find(i)]++;
  let joined = false;
  const block = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const big = size[root]! >= MIN_LINKED;
    joined ||= big && root !== i;
    block.set(nodes[i]!.key, big ? root : i);
  }
  if (!joined) return graph;
  const merged = mergeBlocks(graph, block);
  // The links inside, one arrow onto the box: Graphviz stacks the labels of several loops on one
  // node over each other (`_idlePrev ×10` and `_idleNext ×10` became unreadable).
  return { ...merged, edges: oneArrowPerPair(merged.edges, (e) => e.from === e.to) };
}

/**
 * Whether an arrow between two boxes links them into one structure: plain retainers drawn alike.
 * Closure scopes also need the same variables: a chain of scopes is a function's nesting, each
 * scope a different one, not a list.
 */
function linkable(from: GraphNode, to: GraphNode): boolean {
  return isPlainRetainer(from) && isPlainRetainer(to) && from.type === to.type && from.className === to.className && from.title === to.title && (!isScopeName(from.name) || from.preview === to.preview);
}
