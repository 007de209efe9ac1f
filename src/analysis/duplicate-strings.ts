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
 * A string's content is its name, which V8 cuts at 1024 characters (so texts that differ only
 * after that count as one, as in DevTools). A concatenated string's content is read from its
 * halves, as DevTools does (older V8 names them all `(concatenated string)`), until it reaches
 * 1024 characters. Flat strings are grouped by their name's index in the string table, which
 * V8 writes with each content once; their text is decoded only when a concatenated string could
 * share it. Sizes are shallow sizes as DevTools shows them (an external string's data counted in it).
 */
export function duplicateStrings(snap: HeapSnapshot, options: DuplicateStringOptions = {}): DuplicateString[] {
  const sample = options.sample ?? 10;
  const { nodes, nodeCount, nodeFieldCount: nf, meta } = snap;
  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const flat = meta.nodeTypes.indexOf('string');
  const cons = meta.nodeTypes.indexOf('concatenated string');
  const halves = consHalves(snap);

  const flatCopies = new Uint32Array(snap.strings.count);
  const consByText = new Map<string, number[]>();
  for (let o = 0; o < nodeCount; o++) {
    const type = nodes[o * nf + typeOff]!;
    if (type === flat) flatCopies[nodes[o * nf + nameOff]!]++;
    else if (type === cons && cons !== -1) {
      const text = halves.content(o);
      if (text === undefined) continue;
      const list = consByText.get(text);
      if (list) list.push(o);
      else consByText.set(text, [o]);
    }
  }

  const sizes = snap.strings.indicesOf('system / ExternalStringData').length > 0 ? shallowSizes(snap) : undefined;
  const sizeOf = (o: number): number => (sizes ? sizes[o]! : snap.selfSize(o));
  const groups = new Map<string | number, { count: number; totalBytes: number; largest: number; ordinals: number[] }>();
  const add = (key: string | number, o: number): void => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { count: 0, totalBytes: 0, largest: 0, ordinals: [] }));
    const size = sizeOf(o);
    g.count++;
    g.totalBytes += size;
    if (size > g.largest) g.largest = size;
    if (g.ordinals.length < sample) g.ordinals.push(o);
  };
  for (let o = 0; o < nodeCount; o++) {
    if (nodes[o * nf + typeOff] !== flat) continue;
    const name = nodes[o * nf + nameOff]!;
    if (consByText.size === 0) {
      if (flatCopies[name]! >= 2) add(name, o);
      continue;
    }
    const text = snap.strings.get(name);
    if (flatCopies[name]! + (consByText.get(text)?.length ?? 0) >= 2) add(text, o);
  }
  for (const [text, list] of consByText) {
    const flatTwins = groups.get(text)?.count ?? 0;
    if (list.length + flatTwins < 2) continue;
    for (const o of list) add(text, o);
  }
  const out: DuplicateString[] = [];
  for (const [key, g] of groups) {
    const text = typeof key === 'number' ? snap.strings.get(key) : key;
    out.push({ text, count: g.count, totalBytes: g.totalBytes, wastedBytes: g.totalBytes - g.largest, ordinals: g.ordinals.sort((a, b) => a - b) });
  }
  return out.sort((a, b) => b.wastedBytes - a.wastedBytes || b.count - a.count);
}

/** A concatenated string's halves: its `first` and `second` internal edges. */
function consHalves(snap: HeapSnapshot): { content(o: number): string | undefined } {
  const { nodes, edges, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const countOff = meta.nodeOffsets.edgeCount;
  const cons = meta.nodeTypes.indexOf('concatenated string');
  const internal = meta.edgeTypes.indexOf('internal');
  const firstName = new Set(snap.strings.indicesOf('first'));
  const secondName = new Set(snap.strings.indicesOf('second'));
  const halvesOf = (o: number): [number, number] => {
    let first = -1;
    let second = -1;
    const start = snap.firstEdge(o);
    const end = start + nodes[o * nf + countOff]! * ef;
    for (let e = start; e < end && (first === -1 || second === -1); e += ef) {
      if (edges[e + meta.edgeOffsets.type] !== internal) continue;
      const name = edges[e + meta.edgeOffsets.nameOrIndex]!;
      if (firstName.has(name)) first = snap.edgeTarget(e);
      else if (secondName.has(name)) second = snap.edgeTarget(e);
    }
    return [first, second];
  };
  const nameOf = (o: number): string => snap.strings.get(nodes[o * nf + nameOff]!);
  return {
    /** undefined for a flattened one (a half with an empty name). */
    content(o) {
      const [first, second] = halvesOf(o);
      if ((first !== -1 && nameOf(first) === '') || (second !== -1 && nameOf(second) === '')) return undefined;
      // Depth first, first half before second, as DevTools builds the name.
      const stack = [o];
      let text = '';
      while (stack.length > 0 && text.length < 1024) {
        const at = stack.pop()!;
        if (nodes[at * nf + typeOff] !== cons) {
          text += nameOf(at);
          continue;
        }
        const [a, b] = at === o ? [first, second] : halvesOf(at);
        if (b !== -1) stack.push(b);
        if (a !== -1) stack.push(a);
      }
      return text;
    },
  };
}
