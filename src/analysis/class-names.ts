import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { baseClassName, tagClassName, title } from '../snapshot/names.js';
import { isDetachedNative } from './detached.js';
import { objectShapes, shapeIndexOf } from './object-shapes.js';

/**
 * What DevTools' Summary calls a node's class, node for node: `baseClassName`, with two things
 * that need the whole heap: a plain object is named after its shape (`{foo, bar}`) when one fits,
 * and a native that DevTools finds detached is `Detached <div>`. Each is a pass run once per
 * snapshot, on the first node that needs it. It lives among the analyses for that reason; the
 * snapshot layer keeps the per-node part, so imports run one way: analysis → snapshot.
 */
export function className(snap: HeapSnapshot, ordinal: number): string {
  const type = snap.nodeType(ordinal);
  if (type === 'native' && isDetachedNative(snap, ordinal)) return tagClassName(`Detached ${snap.nodeName(ordinal)}`);
  const base = baseClassName(snap, ordinal);
  if (base !== 'Object' || type !== 'object') return base;
  const shapes = objectShapes(snap);
  const k = shapeIndexOf(shapes, ordinal);
  return k === -1 ? base : shapes.names[k]!;
}

/** The first line of a node's box (`title` of src/snapshot/names.ts), with a plain object's shape name (`{foo, bar}`) for `Object`. */
export function nodeTitle(snap: HeapSnapshot, ordinal: number): string {
  const t = title(snap, ordinal);
  return t === 'Object' && snap.nodeType(ordinal) === 'object' ? className(snap, ordinal) : t;
}
