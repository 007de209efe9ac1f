import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import type { HeapNode } from './types.js';

/** The view of one node that callbacks and selections get. */
export function heapNode(snap: HeapSnapshot, ordinal: number): HeapNode {
  return {
    ordinal,
    id: snap.nodeId(ordinal),
    type: snap.nodeType(ordinal),
    name: snap.nodeName(ordinal),
    className: className(snap, ordinal),
    selfSize: snap.selfSize(ordinal),
  };
}
