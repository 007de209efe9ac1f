import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../snapshot/names.js';

export interface SelectOptions {
  /**
   * Node types to match (`object`, `closure`, `native`, `string`, ...), or 'all'. Default
   * `['object']`: class instances, as DevTools' Summary lists them.
   */
  nodeTypes?: readonly string[] | 'all';
}

/** objgraph's `by_type`: ordinals of every node whose class name is `name`, in snapshot order. */
export function findByType(snap: HeapSnapshot, name: string, options: SelectOptions = {}): number[] {
  const names = snap.strings.indicesOf(name);
  if (names.length === 0) return [];
  const types = typeMask(snap, options.nodeTypes ?? ['object']);
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff } = snap.meta.nodeOffsets;
  const found: number[] = [];
  // Compare indices, not strings: one pass over the nodes array, no decoding.
  const single = names.length === 1 ? names[0]! : -1;
  const wanted = new Set(names);
  for (let n = 0, ordinal = 0; n < nodes.length; n += nf, ordinal++) {
    const nameIndex = nodes[n + nameOff]!;
    if ((single >= 0 ? nameIndex === single : wanted.has(nameIndex)) && types[nodes[n + typeOff]!] === 1) found.push(ordinal);
  }
  return found;
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

/** Every class name of the selected node types with its instance count. */
export function classCounts(snap: HeapSnapshot, options: SelectOptions = {}): Map<string, number> {
  const types = typeMask(snap, options.nodeTypes ?? ['object']);
  const byName = new Map<number, number>();
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff } = snap.meta.nodeOffsets;
  const ordinalOf = new Map<number, number>();
  for (let n = 0; n < nodes.length; n += nf) {
    if (types[nodes[n + typeOff]!] !== 1) continue;
    const nameIndex = nodes[n + nameOff]!;
    const c = byName.get(nameIndex);
    if (c === undefined) ordinalOf.set(nameIndex, n / nf);
    byName.set(nameIndex, (c ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const [nameIndex, c] of byName) {
    const name = className(snap, ordinalOf.get(nameIndex)!);
    counts.set(name, (counts.get(name) ?? 0) + c);
  }
  return counts;
}

/** Up to `limit` class names close to `name` (case, substring, or a few edits away), most common first. */
export function closestClassNames(snap: HeapSnapshot, name: string, options: SelectOptions = {}, limit = 5): string[] {
  const lower = name.toLowerCase();
  const scored: [string, number, number][] = [];
  for (const [candidate, count] of classCounts(snap, options)) {
    const c = candidate.toLowerCase();
    const edits = editDistance(c, lower);
    const score = c === lower ? 0 : edits <= Math.max(2, Math.floor(lower.length / 3)) ? 1 + edits : c.includes(lower) || lower.includes(c) ? 10 : -1;
    if (score >= 0 && candidate.length > 0) scored.push([candidate, score, count]);
  }
  scored.sort((a, b) => a[1] - b[1] || b[2] - a[2] || a[0].localeCompare(b[0]));
  return scored.slice(0, limit).map((s) => s[0]);
}

function typeMask(snap: HeapSnapshot, types: readonly string[] | 'all'): Uint8Array {
  const mask = new Uint8Array(snap.meta.nodeTypes.length);
  snap.meta.nodeTypes.forEach((t, i) => {
    if (types === 'all' || types.includes(t)) mask[i] = 1;
  });
  return mask;
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
