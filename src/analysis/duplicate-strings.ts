import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { shallowSizes } from './shallow-sizes.js';

/** One text stored in several string objects. */
export interface DuplicateString {
  /** The content as the snapshot records it (V8 cuts string node names at 1024 characters). */
  readonly text: string;
  readonly count: number;
  /** Shallow sizes of all the copies, in bytes. */
  readonly totalBytes: number;
  /** What keeping one copy would save: the total less the largest copy. */
  readonly wastedBytes: number;
  /** Ordinals of the first copies met (up to `sample` of them). */
  readonly ordinals: readonly number[];
}

export interface DuplicateStringOptions {
  /** How many ordinals to keep per text (default 10). */
  readonly sample?: number;
}

/**
 * Strings stored more than once, as DevTools' "Duplicated strings" filter finds them: string and
 * concatenated-string nodes grouped by content, leaving out a concatenated string V8 has already
 * flattened (one half empty: it would repeat its own content). Sorted by wasted bytes, then count.
 *
 * Grouped by the name's index in the string table, which V8 writes with each content once; so
 * two texts that differ only after their first 1024 characters count as one, as in DevTools.
 * Sizes are shallow sizes as DevTools shows them (an external string's data counted in it).
 */
export function duplicateStrings(snap: HeapSnapshot, options: DuplicateStringOptions = {}): DuplicateString[] {
  const sample = options.sample ?? 10;
  const { nodes, edges, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const countOff = meta.nodeOffsets.edgeCount;
  const flat = meta.nodeTypes.indexOf('string');
  const cons = meta.nodeTypes.indexOf('concatenated string');
  const internal = meta.edgeTypes.indexOf('internal');
  const halves = new Set([...snap.strings.indicesOf('first'), ...snap.strings.indicesOf('second')]);
  const empty = new Set(snap.strings.indicesOf(''));

  const isFlattened = (o: number): boolean => {
    const first = snap.firstEdge(o);
    const end = first + nodes[o * nf + countOff]! * ef;
    for (let e = first; e < end; e += ef) {
      if (edges[e + meta.edgeOffsets.type] !== internal || !halves.has(edges[e + meta.edgeOffsets.nameOrIndex]!)) continue;
      if (empty.has(nodes[snap.edgeTarget(e) * nf + nameOff]!)) return true;
    }
    return false;
  };
  const counted = (o: number): boolean => {
    const type = nodes[o * nf + typeOff]!;
    return type === flat || (type === cons && cons !== -1 && !isFlattened(o));
  };

  const copies = new Uint32Array(snap.strings.count);
  for (let o = 0; o < nodeCount; o++) if (counted(o)) copies[nodes[o * nf + nameOff]!]++;

  const sizes = snap.strings.indicesOf('system / ExternalStringData').length > 0 ? shallowSizes(snap) : undefined;
  const groups = new Map<number, { count: number; totalBytes: number; largest: number; ordinals: number[] }>();
  for (let o = 0; o < nodeCount; o++) {
    const name = nodes[o * nf + nameOff]!;
    if (copies[name]! < 2 || !counted(o)) continue;
    const size = sizes ? sizes[o]! : snap.selfSize(o);
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { count: 0, totalBytes: 0, largest: 0, ordinals: [] }));
    g.count++;
    g.totalBytes += size;
    if (size > g.largest) g.largest = size;
    if (g.ordinals.length < sample) g.ordinals.push(o);
  }
  const out: DuplicateString[] = [];
  for (const [name, g] of groups) out.push({ text: snap.strings.get(name), count: g.count, totalBytes: g.totalBytes, wastedBytes: g.totalBytes - g.largest, ordinals: g.ordinals });
  return out.sort((a, b) => b.wastedBytes - a.wastedBytes || b.count - a.count);
}
