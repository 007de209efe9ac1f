import { retainedSize } from '../analysis/retained-sizes.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { preview, title } from '../snapshot/names.js';
import { heapNode } from './heap-node.js';
import { isRoot } from './noise.js';
import type { GraphEdge, GraphNode, RetainerGraph } from './types.js';
import { nodeKeys } from './node-keys.js';

/**
 * Dominator chains (root first, target last) as a graph for DOT and JSON: each arrow from a
 * dominator to the node it immediately dominates, labelled with the reference when the dominator
 * holds the node directly, `(through others)` when it holds it only through nodes it also dominates.
 */
export function dominatorGraph(snap: HeapSnapshot, chains: readonly (readonly number[])[]): RetainerGraph {
  const keyOf = nodeKeys(snap);
  const nodes = new Map<number, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const total = retainedSize(snap, 0);
  for (const chain of chains) {
    chain.forEach((o, i) => {
      const depth = chain.length - 1 - i;
      const isTarget = i === chain.length - 1;
      const existing = nodes.get(o);
      if (!existing || isTarget || existing.depth > depth) {
        const retained = retainedSize(snap, o);
        // The retained size itself is drawn from `retainedSize`, beside the self size; the preview adds the share.
        const share = total > 0 ? `${((100 * retained) / total).toFixed(1)}% of the heap` : '';
        const own = preview(snap, o);
        nodes.set(o, {
          ...heapNode(snap, o),
          key: keyOf(o),
          title: title(snap, o),
          preview: [own, share].filter(Boolean).join(', '),
          depth,
          role: isTarget || existing?.role === 'target' ? 'target' : isRoot(snap, o) ? 'root' : 'retainer',
          count: 1,
          totalSize: snap.selfSize(o),
          ids: [snap.nodeId(o)],
          retainedSize: retained,
        });
      }
      if (i === 0) return;
      const from = chain[i - 1]!;
      const id = `${from}>${o}`;
      if (edges.has(id)) return;
      const direct = directEdge(snap, from, o);
      const label = direct === -1 ? '(through others)' : edgeLabel(snap, direct);
      edges.set(id, { from: keyOf(from), to: keyOf(o), type: direct === -1 ? 'dominates' : snap.edgeType(direct), name: direct === -1 ? '' : snap.edgeName(direct), label, weak: false, collapsed: false, inCycle: false, onPath: true });
    });
  }
  const maxDepth = chains.reduce((m, c) => Math.max(m, c.length - 1), 0);
  return { nodes: [...nodes.values()].sort((a, b) => b.depth - a.depth), more: [], edges: [...edges.values()], maxDepth, raw: true, walk: 'why' };
}

/** The first edge from `from` straight to `to`, or -1. */
function directEdge(snap: HeapSnapshot, from: number, to: number): number {
  const first = snap.firstEdge(from);
  for (let e = first; e < first + snap.edgeCountOf(from) * snap.edgeFieldCount; e += snap.edgeFieldCount) if (snap.edgeTarget(e) === to) return e;
  return -1;
}

export function edgeLabel(snap: HeapSnapshot, edge: number): string {
  const name = snap.edgeName(edge);
  const type = snap.edgeType(edge);
  return type === 'element' ? `[${name}]` : type === 'hidden' ? `(${name})` : String(name);
}
