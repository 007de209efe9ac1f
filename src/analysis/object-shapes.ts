import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/**
 * Names for plain objects (`Object` nodes) by their shape, as Chrome DevTools' Summary gives them:
 * `{foo, bar}`. DevTools infers the common shapes of the heap first (the first properties of each
 * plain object, in edge order, up to a name of about 120 characters; a shape counts when at least
 * 2 objects, and at least one in a thousand plain objects, have it), then names every plain object
 * after the largest of those shapes whose properties it all has (ties: the more common shape).
 * Objects no shape fits stay `Object`.
 */
export interface ObjectShapes {
  /** Each shape's name (`{foo, bar}`), most common first, as DevTools orders them. */
  readonly names: readonly string[];
  /** Each shape's property names, in the order of its name. */
  readonly properties: readonly (readonly string[])[];
  /** Ordinals of every plain object, ascending. */
  readonly objects: Uint32Array;
  /** Per entry of `objects`: the index of the shape it is named after, or -1 (`Object`). */
  readonly shapeOf: Int32Array;
  /** Per shape: how many objects are named after it. */
  readonly counts: Uint32Array;
}

/** DevTools' limits (HeapSnapshot.ts): name length, and how common a shape must be to count. */
const MAX_NAME_LENGTH = 120;
const MIN_OBJECTS_PER_SHAPE = 2;
const MIN_PROPORTION_PER_SHAPE = 1000;

const computed = new WeakMap<HeapSnapshot, ObjectShapes>();

/** The shapes of a snapshot's plain objects: one pass to infer, one to name; computed once per snapshot, on first use. */
export function objectShapes(snap: HeapSnapshot): ObjectShapes {
  let s = computed.get(snap);
  if (!s) {
    s = compute(snap);
    computed.set(snap, s);
  }
  return s;
}

/** The shape index of node `ordinal`, or -1 when it is not a plain object or no shape fits it. */
export function shapeIndexOf(shapes: ObjectShapes, ordinal: number): number {
  const { objects } = shapes;
  let lo = 0;
  let hi = objects.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = objects[mid]!;
    if (v === ordinal) return shapes.shapeOf[mid]!;
    if (v < ordinal) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** `{foo, bar}` for a plain object that a shape fits, else undefined. */
export function shapeName(snap: HeapSnapshot, ordinal: number): string | undefined {
  const shapes = objectShapes(snap);
  const k = shapeIndexOf(shapes, ordinal);
  return k === -1 ? undefined : shapes.names[k];
}

/** DevTools quotes property names holding a comma, a quote or a brace, so that a shape's name reads unambiguously. */
export function formatPropertyName(name: string): string {
  return /[,'"{}]/.test(name) ? JSON.stringify(name) : name;
}

/**
 * Property names, one dense id per distinct text: the string table may hold one text at several
 * indices, and DevTools compares texts. Decoded once per string index met.
 */
class PropertyNames {
  readonly texts: string[] = [];
  readonly formattedLength: number[] = [];
  readonly isProto: number[] = [];
  private readonly byIndex = new Map<number, number>();
  private readonly byText = new Map<string, number>();
  constructor(private readonly snap: HeapSnapshot) {}

  idOf(stringIndex: number): number {
    let id = this.byIndex.get(stringIndex);
    if (id === undefined) {
      const text = this.snap.strings.get(stringIndex);
      id = this.byText.get(text);
      if (id === undefined) {
        id = this.texts.length;
        this.texts.push(text);
        this.formattedLength.push(formatPropertyName(text).length);
        this.isProto.push(text === '__proto__' ? 1 : 0);
        this.byText.set(text, id);
      }
      this.byIndex.set(stringIndex, id);
    }
    return id;
  }
}

function compute(snap: HeapSnapshot): ObjectShapes {
  const { edges, edgeFieldCount: ef, meta } = snap;
  const propertyType = meta.edgeTypes.indexOf('property');
  const edgeTypeOff = meta.edgeOffsets.type;
  const edgeNameOff = meta.edgeOffsets.nameOrIndex;
  const objects = plainObjects(snap);
  const plainCount = objects.length;
  const props = new PropertyNames(snap);

  // Pass 1: each plain object's leading properties, counted in a trie of property ids (no
  // string per object). A node of the trie is a candidate shape when some object ends there.
  const trie = new Trie();
  const ends: number[] = [];
  for (let i = 0; i < plainCount; i++) {
    const o = objects[i]!;
    const e = snap.firstEdge(o);
    const end = e + snap.edgeCountOf(o) * ef;
    let at = 0;
    let length = 1;
    for (let k = e; k < end; k += ef) {
      if (edges[k + edgeTypeOff] !== propertyType) continue;
      const id = props.idOf(edges[k + edgeNameOff]!);
      // DevTools leaves the prototype link out of the name (it still counts in pass 2).
      if (props.isProto[id] === 1) continue;
      const f = props.formattedLength[id]!;
      if (length > 1 && length + f > MAX_NAME_LENGTH) break;
      length += (length === 1 ? 0 : 2) + f;
      at = trie.child(at, id);
    }
    if (at !== 0) {
      if (trie.count[at] === 0) ends.push(at);
      trie.count[at]++;
    }
  }

  // The common ones, most common first; among equals, the first met (DevTools' stable sort).
  const minCount = Math.max(MIN_OBJECTS_PER_SHAPE, plainCount / MIN_PROPORTION_PER_SHAPE);
  const chosen = ends.filter((t) => trie.count[t]! >= minCount);
  chosen.sort((a, b) => trie.count[b]! - trie.count[a]!);
  const properties = chosen.map((t) => trie.path(t).map((id) => props.texts[id]!));
  const names = chosen.map((t) => `{${trie.path(t).map((id) => formatPropertyName(props.texts[id]!)).join(', ')}}`);

  const shapeOf = new Int32Array(plainCount).fill(-1);
  const counts = new Uint32Array(chosen.length);
  if (chosen.length > 0) nameObjects(snap, props, properties, objects, shapeOf, counts);
  return { names, properties, objects, shapeOf, counts };
}

/** A growable trie over property ids: per node its parent, the id that leads to it, and a count. */
/**
 * Ordinals of the plain objects, ascending. A loop of its own: the scan of every node stays two
 * integer compares, and the work on the few plain objects cannot deoptimise it.
 */
function plainObjects(snap: HeapSnapshot): Uint32Array {
  const { nodes, nodeFieldCount: nf, meta } = snap;
  const objectType = meta.nodeTypes.indexOf('object');
  const { type: typeOff, name: nameOff } = meta.nodeOffsets;
  const names = snap.strings.indicesOf('Object');
  // V8 writes each string once: then one index to compare with.
  const only = names.length === 1 ? names[0]! : -1;
  const any = new Set(names);
  let out = new Uint32Array(1024);
  let count = 0;
  for (let n = 0; n < nodes.length; n += nf) {
    if (nodes[n + typeOff] !== objectType) continue;
    const name = nodes[n + nameOff]!;
    if (name !== only && (only !== -1 || !any.has(name))) continue;
    if (count === out.length) {
      const grown = new Uint32Array(count * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = n / nf;
  }
  return out.slice(0, count);
}

class Trie {
  private readonly children: Map<number, number>[] = [new Map()];
  parent: number[] = [-1];
  label: number[] = [-1];
  count: number[] = [0];

  child(at: number, id: number): number {
    const next = this.children[at]!;
    let c = next.get(id);
    if (c === undefined) {
      c = this.parent.length;
      next.set(id, c);
      this.children.push(new Map());
      this.parent.push(at);
      this.label.push(id);
      this.count.push(0);
    }
    return c;
  }

  path(at: number): number[] {
    const ids: number[] = [];
    for (let t = at; t > 0; t = this.parent[t]!) ids.push(this.label[t]!);
    return ids.reverse();
  }
}

/**
 * Pass 2: an object is named after the shape with the most properties among those whose
 * properties it all has; ties go to the more common shape. The shapes are a trie over their
 * sorted property names; an object's own sorted names walk it along every path they contain.
 * Only names some shape uses take part, ranked in string order once.
 */
function nameObjects(
  snap: HeapSnapshot,
  props: PropertyNames,
  properties: readonly (readonly string[])[],
  objects: Uint32Array,
  shapeOf: Int32Array,
  counts: Uint32Array,
): void {
  const { edges, edgeFieldCount: ef, meta } = snap;
  const propertyType = meta.edgeTypes.indexOf('property');
  const edgeTypeOff = meta.edgeOffsets.type;
  const edgeNameOff = meta.edgeOffsets.nameOrIndex;

  const used = [...new Set(properties.flat())].sort();
  const rankOfText = new Map(used.map((text, r) => [text, r]));
  const rank = new Int32Array(props.texts.length).fill(-1);
  props.texts.forEach((text, id) => (rank[id] = rankOfText.get(text) ?? -1));

  // The shapes' trie: per node its children by rank, its greatest child rank, and the shape that
  // ends there first (the more common one wins among shapes of the same names).
  const next: Map<number, number>[] = [new Map()];
  const greatest: number[] = [-1];
  const shapeAt: number[] = [-1];
  const sizeAt: number[] = [0];
  properties.forEach((names, k) => {
    const ranks = names.map((text) => rankOfText.get(text)!).sort((a, b) => a - b);
    let at = 0;
    for (const r of ranks) {
      let c = next[at]!.get(r);
      if (c === undefined) {
        c = next.length;
        next[at]!.set(r, c);
        if (r > greatest[at]!) greatest[at] = r;
        next.push(new Map());
        greatest.push(-1);
        shapeAt.push(-1);
        sizeAt.push(0);
      }
      at = c;
    }
    if (shapeAt[at] === -1) {
      shapeAt[at] = k;
      sizeAt[at] = ranks.length;
    }
  });

  let ranks = new Int32Array(16);
  const states = new Int32Array(next.length);
  const seen = new Uint32Array(next.length);
  let stamp = 0;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    const e = snap.firstEdge(o);
    const end = e + snap.edgeCountOf(o) * ef;
    let m = 0;
    for (let k = e; k < end; k += ef) {
      if (edges[k + edgeTypeOff] !== propertyType) continue;
      const id = props.idOf(edges[k + edgeNameOff]!);
      // Names first met here (past where pass 1 cut a long name) are in no shape.
      if (id >= rank.length) continue;
      const r = rank[id]!;
      if (r < 0) continue;
      if (m === ranks.length) {
        const grown = new Int32Array(m * 2);
        grown.set(ranks);
        ranks = grown;
      }
      ranks[m++] = r;
    }
    // Insertion sort: an object mostly has a handful of names that any shape uses.
    if (m > 16) ranks.subarray(0, m).sort();
    else for (let a = 1; a < m; a++) {
      const v = ranks[a]!;
      let b = a - 1;
      for (; b >= 0 && ranks[b]! > v; b--) ranks[b + 1] = ranks[b]!;
      ranks[b + 1] = v;
    }
    stamp++;
    let live = 1;
    states[0] = 0;
    seen[0] = stamp;
    let best = -1;
    let bestSize = 0;
    for (let a = 0; a < m && live > 0; a++) {
      const r = ranks[a]!;
      const before = live;
      let kept = 0;
      for (let s = 0; s < before; s++) {
        const state = states[s]!;
        const c = next[state]!.get(r);
        // No path from a state whose children all rank at or below r can use a later name.
        if (greatest[state]! > r) states[kept++] = state;
        if (c === undefined || seen[c] === stamp) continue;
        seen[c] = stamp;
        states[live++] = c;
        const k = shapeAt[c]!;
        if (k !== -1 && (sizeAt[c]! > bestSize || (sizeAt[c] === bestSize && k < best))) {
          best = k;
          bestSize = sizeAt[c]!;
        }
      }
      // Move the states added this round down after the kept ones.
      for (let s = before; s < live; s++) states[kept++] = states[s]!;
      live = kept;
    }
    shapeOf[i] = best;
    if (best !== -1) counts[best]!++;
  }
}
