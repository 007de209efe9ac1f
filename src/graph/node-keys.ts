import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/**
 * DOT-safe node keys from heap ids (`n123`), stable across runs on the same snapshot. Heap ids
 * are unique in V8's output; other producers may repeat one, so a repeat gets the ordinal too.
 * Kept by number (the ordinal a key was made for, which ordinal holds each id): a Set of the
 * key strings, each made again to be looked up, was a tenth of a million-node walk.
 */
export function nodeKeys(snap: HeapSnapshot): (ordinal: number) => string {
  const keyOf = new Map<number, string>();
  const holderOf = new Map<number, number>();
  return (ordinal) => {
    let key = keyOf.get(ordinal);
    if (key === undefined) {
      const id = snap.nodeId(ordinal);
      const holder = holderOf.get(id);
      if (holder === undefined) holderOf.set(id, ordinal);
      key = holder === undefined ? `n${id}` : `n${id}_${ordinal}`;
      keyOf.set(ordinal, key);
    }
    return key;
  };
}
