import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import { groupByName, typeMask } from '../analysis/type-stats.js';
import { objectShapes, shapeIndexOf } from '../analysis/object-shapes.js';
import { baseClassName, typeClassName } from '../snapshot/names.js';

export interface SelectOptions {
  /**
   * Node types to match (`object`, `closure`, `native`, `string`, ...), or 'all'. Default
   * `['object']`: class instances, as DevTools' Summary lists them.
   */
  nodeTypes?: readonly string[] | 'all';
}

/** objgraph's `by_type`: ordinals of every node whose class name is `name` (up to `limit`), in snapshot order. */
export function findByType(snap: HeapSnapshot, name: string, options: SelectOptions & { limit?: number } = {}): number[] {
  return sampleByType(snap, name, options).found;
}

/** How many nodes `findByType` would return, without collecting them (a heap may hold millions). */
export function countByType(snap: HeapSnapshot, name: string, options: SelectOptions = {}): number {
  return sampleByType(snap, name, { ...options, limit: 0 }).count;
}

/** Both in one pass over the nodes: the first `limit` matches, and how many there are in all. */
export function sampleByType(snap: HeapSnapshot, name: string, options: SelectOptions & { limit?: number } = {}): { found: number[]; count: number; nodeType?: string } {
  // A shape name (`{foo, bar}`) is no node's name: it is found through the shapes pass.
  if (name.startsWith('{')) return sampleByShape(snap, name, options);
  const byName = sampleByName(snap, name, options);
  const asked = options.nodeTypes;
  if (byName.count > 0 || (asked !== undefined && (asked === 'all' || asked.length !== 1 || asked[0] !== 'object'))) return byName;
  // What `types` lists is always found: a type of node without names of its own (`Function`,
  // `(string)`, `(system)`) selects every node of that type, and a native class its natives,
  // unless other node types than the default (objects) were asked for.
  const limit = options.limit ?? Infinity;
  const nodeType = snap.meta.nodeTypes.find((t) => typeClassName(t) === name);
  if (nodeType !== undefined) return { ...sampleOfType(snap, snap.meta.nodeTypes.indexOf(nodeType), () => true, limit), nodeType };
  // Natives, by the class the Summary gives them (`<div>` for `<div id="a">`, `Detached <div>`).
  const native = snap.meta.nodeTypes.indexOf('native');
  if (native === -1) return byName;
  const natives = sampleOfType(snap, native, (o) => className(snap, o) === name, limit);
  return natives.count > 0 ? { ...natives, nodeType: 'native' } : byName;
}

function sampleOfType(snap: HeapSnapshot, type: number, test: (ordinal: number) => boolean, limit: number): { found: number[]; count: number } {
  const found: number[] = [];
  let count = 0;
  const { nodes, nodeFieldCount: nf } = snap;
  const typeOff = snap.meta.nodeOffsets.type;
  for (let n = typeOff, o = 0; n < nodes.length; n += nf, o++) if (nodes[n] === type && test(o) && count++ < limit) found.push(o);
  return { found, count };
}

function sampleByName(snap: HeapSnapshot, name: string, options: SelectOptions & { limit?: number }): { found: number[]; count: number } {
  const found: number[] = [];
  const limit = options.limit ?? Infinity;
  let count = 0;
  const names = snap.strings.indicesOf(name);
  if (names.length === 0) return { found, count };
  const types = typeMask(snap, options.nodeTypes ?? ['object']);
  // `Object`, as the Summary counts it, is the plain objects no shape fits.
  if (name === 'Object' && types[snap.meta.nodeTypes.indexOf('object')] === 1) return sampleUnshaped(snap, names, types, limit);
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff } = snap.meta.nodeOffsets;
  // Compare indices, not strings: one pass over the nodes array, no decoding. The common case
  // (one string, one node type) gets a loop with nothing but two integer compares.
  const typeIndices = [...types.keys()].filter((t) => types[t] === 1);
  if (names.length === 1 && typeIndices.length === 1) {
    const nameIndex = names[0]!;
    const typeIndex = typeIndices[0]!;
    for (let n = 0; n < nodes.length; n += nf) {
      if (nodes[n + nameOff] === nameIndex && nodes[n + typeOff] === typeIndex && count++ < limit) found.push(n / nf);
    }
    return { found, count };
  }
  const wanted = new Set(names);
  for (let n = 0; n < nodes.length; n += nf) {
    if (types[nodes[n + typeOff]!] === 1 && wanted.has(nodes[n + nameOff]!) && count++ < limit) found.push(n / nf);
  }
  return { found, count };
}

/** The plain objects DevTools names after shape `name`, when objects are among the selected types. */
function sampleByShape(snap: HeapSnapshot, name: string, options: SelectOptions & { limit?: number }): { found: number[]; count: number } {
  const found: number[] = [];
  const limit = options.limit ?? Infinity;
  let count = 0;
  if (typeMask(snap, options.nodeTypes ?? ['object'])[snap.meta.nodeTypes.indexOf('object')] !== 1) return { found, count };
  const { names, objects, shapeOf } = objectShapes(snap);
  const k = names.indexOf(name);
  if (k === -1) return { found, count };
  for (let i = 0; i < objects.length; i++) if (shapeOf[i] === k && count++ < limit) found.push(objects[i]!);
  return { found, count };
}

/** Nodes named `Object` of the selected types, leaving out the plain objects DevTools names after a shape. */
function sampleUnshaped(snap: HeapSnapshot, names: readonly number[], types: Uint8Array, limit: number): { found: number[]; count: number } {
  const found: number[] = [];
  let count = 0;
  const shapes = objectShapes(snap);
  const wanted = new Set(names);
  const objectType = snap.meta.nodeTypes.indexOf('object');
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff } = snap.meta.nodeOffsets;
  for (let n = 0; n < nodes.length; n += nf) {
    const type = nodes[n + typeOff]!;
    if (types[type] !== 1 || !wanted.has(nodes[n + nameOff]!)) continue;
    if (type === objectType && shapeIndexOf(shapes, n / nf) !== -1) continue;
    if (count++ < limit) found.push(n / nf);
  }
  return { found, count };
}

/** Ordinals of the nodes with these heap ids (`@123` or `123`); ids not present are reported in `missing`. */
export function findById(snap: HeapSnapshot, ids: readonly (string | number)[]): { found: number[]; missing: string[] } {
  const found: number[] = [];
  const missing: string[] = [];
  for (const raw of ids) {
    const text = String(raw).trim();
    const id = /^@?\d+$/.test(text) ? Number(text.replace('@', '')) : NaN;
    const ordinal = Number.isNaN(id) ? -1 : snap.ordinalOfId(id);
    if (ordinal === -1) missing.push(text);
    else found.push(ordinal);
  }
  return { found, missing };
}

/**
 * Every class name of the selected node types with its instance count, as DevTools' Summary
 * counts them: plain objects under their shape names, natives DevTools finds detached under
 * `Detached …`.
 */
export function classCounts(snap: HeapSnapshot, options: SelectOptions = {}): Map<string, number> {
  const types = typeMask(snap, options.nodeTypes ?? ['object']);
  const nativeType = snap.meta.nodeTypes.indexOf('native');
  // Natives are few; their class depends on the node, not only on its name string.
  const counts = countNames(snap, options, (ordinal) => baseClassName(snap, ordinal), nativeType);
  if (types[nativeType] === 1) {
    const { nodes, nodeFieldCount: nf } = snap;
    const typeOff = snap.meta.nodeOffsets.type;
    for (let n = 0; n < nodes.length; n += nf) {
      if (nodes[n + typeOff] !== nativeType) continue;
      const name = className(snap, n / nf);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  if (types[snap.meta.nodeTypes.indexOf('object')] === 1) moveShapes(snap, counts);
  return counts;
}

/** Plain objects counted as `Object` go to the shape each is named after. */
function moveShapes(snap: HeapSnapshot, counts: Map<string, number>): void {
  const { names, counts: perShape } = objectShapes(snap);
  let moved = 0;
  names.forEach((name, k) => {
    if (perShape[k]! === 0) return;
    counts.set(name, (counts.get(name) ?? 0) + perShape[k]!);
    moved += perShape[k]!;
  });
  const left = (counts.get('Object') ?? 0) - moved;
  if (left > 0) counts.set('Object', left);
  else counts.delete('Object');
}

/**
 * Instances per name of the selected node types. Counted per (node type, name string): the same
 * name string is shared by nodes of different types (class `Test`'s instances and the closure
 * `Test` itself), and keying by the name alone gave them all the class name of whichever came
 * first (a closure counted as an instance of `Test`, `(closure)` missing).
 */
function countNames(snap: HeapSnapshot, options: SelectOptions, label: (ordinal: number) => string, skipType = -1): Map<string, number> {
  const wanted = options.nodeTypes ?? ['object'];
  const types = snap.meta.nodeTypes.filter((t, i) => i !== skipType && (wanted === 'all' || wanted.includes(t)));
  const groups = groupByName(snap, types);
  const counts = new Map<string, number>();
  for (let g = 0; g < groups.length; g++) {
    const name = label(groups.first[g]!);
    counts.set(name, (counts.get(name) ?? 0) + groups.count[g]!);
  }
  return counts;
}

/**
 * Up to `limit` names close to `name` (case, substring, or a few edits away), most common first.
 * Candidates are the names `findByType` matches with the same options (node names, and the shape
 * names of plain objects): for objects that is the class name; for a widened selection,
 * suggesting `(closure)` would name something `--type` can never find.
 */
export function closestClassNames(snap: HeapSnapshot, name: string, options: SelectOptions = {}, limit = 5): string[] {
  const lower = name.toLowerCase();
  const scored: [string, number, number][] = [];
  const candidates = countNames(snap, options, (ordinal) => snap.nodeName(ordinal));
  // Only a name that looks like a shape is compared with the shapes (their pass is not free).
  if (name.startsWith('{') && typeMask(snap, options.nodeTypes ?? ['object'])[snap.meta.nodeTypes.indexOf('object')] === 1) {
    const { names, counts } = objectShapes(snap);
    names.forEach((shape, k) => candidates.set(shape, counts[k]!));
  }
  for (const [candidate, count] of candidates) {
    const c = candidate.toLowerCase();
    const edits = editDistance(c, lower);
    const score = c === lower ? 0 : edits <= Math.max(2, Math.floor(lower.length / 3)) ? 1 + edits : c.includes(lower) || lower.includes(c) ? 10 : -1;
    if (score >= 0 && candidate.length > 0) scored.push([candidate, score, count]);
  }
  scored.sort((a, b) => a[1] - b[1] || b[2] - a[2] || a[0].localeCompare(b[0]));
  return scored.slice(0, limit).map((s) => s[0]);
}


function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
