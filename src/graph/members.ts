import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import type { GraphNode } from './types.js';

/**
 * The ordinals each box stands for: its `members`, the one object, or (for a group built by
 * code that lists only `ids`) its ids looked up in one pass over the nodes. A group whose ids
 * were cut short and that lists no members cannot be measured: that is the builder's bug.
 */
export function memberOrdinals(snap: HeapSnapshot, nodes: readonly GraphNode[]): (readonly number[])[] {
  const out: (readonly number[] | undefined)[] = nodes.map((n) => n.members ?? (n.count === 1 ? [n.ordinal] : undefined));
  const missing = nodes.filter((_, i) => out[i] === undefined);
  if (missing.length === 0) return out as (readonly number[])[];
  const wanted = new Map<number, number>();
  for (const n of missing) {
    if (n.ids.length < n.count) throw new Error(`box ${n.key} stands for ${n.count} objects but lists ${n.ids.length} ids and no members`);
    for (const id of n.ids) wanted.set(id, -1);
  }
  const { nodes: fields, nodeFieldCount: nf } = snap;
  const idOff = snap.meta.nodeOffsets.id;
  for (let i = idOff, o = 0; i < fields.length; i += nf, o++) if (wanted.get(fields[i]!) === -1) wanted.set(fields[i]!, o);
  return nodes.map((n, i) => out[i] ?? n.ids.map((id) => wanted.get(id)!).filter((o) => o >= 0));
}
