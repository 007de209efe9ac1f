import { SnapshotBuilder } from './builder.js';
import type { HeapSnapshot, SourceLocation } from './heap-snapshot.js';

/** The parts of @memlab/core's IHeapSnapshot the adapter reads (structural, so memlab stays optional). */
export interface MemlabSnapshotLike {
  readonly nodes: {
    forEach(callback: (node: MemlabNodeLike) => void | boolean): void;
  };
  /** memlab's parsed file, where the `locations` array is (memlab's HeapSnapshot keeps it). */
  readonly snapshot?: {
    readonly snapshot?: { readonly meta?: { readonly node_fields?: readonly string[]; readonly location_fields?: readonly string[] } };
    readonly locations?: ArrayLike<number>;
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
  const locations = rawLocations(snapshot);
  const pending: [number, MemlabNodeLike][] = [];
  snapshot.nodes.forEach((node) => {
    const ordinal = builder.node(node.type, node.name, { id: node.id, selfSize: node.self_size, location: locations.get(node.nodeIndex) });
    if (ordinal !== node.nodeIndex) throw new Error(`memlab node ${node.id} has index ${node.nodeIndex}, expected ${ordinal}`);
    pending.push([ordinal, node]);
  });
  for (const [ordinal, node] of pending) {
    for (const edge of node.references) builder.edge(ordinal, edge.toNode.nodeIndex, edge.type, edge.name_or_index);
  }
  return builder.build();
}

/**
 * Source locations by node ordinal, read from the file's own `locations` array. Not from
 * `node.location`: memlab 2.0 indexes that by the location's `object_index`, which is a node
 * index (ordinal × field count), so it hangs each location on the wrong node.
 */
function rawLocations(snapshot: MemlabSnapshotLike): Map<number, SourceLocation> {
  const byOrdinal = new Map<number, SourceLocation>();
  const meta = snapshot.snapshot?.snapshot?.meta;
  const locs = snapshot.snapshot?.locations;
  const fields = meta?.location_fields ?? [];
  const nf = meta?.node_fields?.length ?? 0;
  const [obj, script, line, column] = ['object_index', 'script_id', 'line', 'column'].map((f) => fields.indexOf(f)) as [number, number, number, number];
  if (!locs || nf === 0 || obj < 0 || script < 0 || line < 0 || column < 0) return byOrdinal;
  for (let i = 0; i + fields.length <= locs.length; i += fields.length) {
    byOrdinal.set(locs[i + obj]! / nf, { scriptId: locs[i + script]!, line: locs[i + line]!, column: locs[i + column]! });
  }
  return byOrdinal;
}
