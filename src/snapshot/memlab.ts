import type { HeapSnapshot } from './heap-snapshot.js';
import { SnapshotBuilder } from './builder.js';

/** The parts of @memlab/core's IHeapSnapshot the adapter reads (structural, so memlab stays optional). */
export interface MemlabSnapshotLike {
  readonly nodes: {
    forEach(callback: (node: MemlabNodeLike) => void | boolean): void;
  };
}
export interface MemlabNodeLike {
  readonly type: string;
  readonly name: string;
  readonly id: number;
  readonly self_size: number;
  readonly nodeIndex: number;
  readonly references: readonly { readonly type: string; readonly name_or_index: string | number; readonly toNode: { readonly nodeIndex: number } }[];
}

/**
 * A backrefs HeapSnapshot from a snapshot memlab already loaded, so users of memlab get the same
 * graphs without reading the file twice. Ordinals follow memlab's node indices.
 */
export function fromMemlab(snapshot: MemlabSnapshotLike): HeapSnapshot {
  const builder = new SnapshotBuilder();
  const pending: [number, MemlabNodeLike][] = [];
  snapshot.nodes.forEach((node) => {
    const ordinal = builder.node(node.type, node.name, { id: node.id, selfSize: node.self_size });
    if (ordinal !== node.nodeIndex) throw new Error(`memlab node ${node.id} has index ${node.nodeIndex}, expected ${ordinal}`);
    pending.push([ordinal, node]);
  });
  for (const [ordinal, node] of pending) {
    for (const edge of node.references) builder.edge(ordinal, edge.toNode.nodeIndex, edge.type, edge.name_or_index);
  }
  return builder.build();
}
