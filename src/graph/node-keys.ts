import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/**
 * DOT-safe node keys from heap ids (`n123`), stable across runs on the same snapshot. Heap ids
 * are unique in V8's output; other producers may repeat one, so a repeat gets the ordinal too.
 */
export function nodeKeys(snap: HeapSnapshot): (ordinal: number) => string {
  const keyOf = new Map<number, string>();
  const used = new Set<string>();
  return (ordinal) => {
    let key = keyOf.get(ordinal);
    if (key === undefined) {
      const id = snap.nodeId(ordinal);
      key = used.has(`n${id}`) ? `n${id}_${ordinal}` : `n${id}`;
      used.add(key);
      keyOf.set(ordinal, key);
    }
    return key;
  };
}
