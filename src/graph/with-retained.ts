import { retainedSizesOfSets } from '../analysis/retained-sizes.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { memberOrdinals } from './members.js';
import type { RetainerGraph } from './types.js';

/**
 * The graph with DevTools' retained size on every box; a group's is what all its members free
 * together (one dominated by another counted once). Runs the dominator tree on first use: a
 * whole-heap pass, so views call this only when asked (`--retained`).
 */
export function withRetainedSizes(snap: HeapSnapshot, graph: RetainerGraph): RetainerGraph {
  const sizes = retainedSizesOfSets(snap, memberOrdinals(snap, graph.nodes));
  return { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, retainedSize: sizes[i]! })) };
}
