import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from './class-names.js';

/** One class of DevTools' Summary: how many nodes, and their self sizes added up. */
export interface ClassStat {
  readonly name: string;
  readonly count: number;
  readonly selfSize: number;
}

/**
 * The node types of what JavaScript allocates: objects, functions, strings, numbers and the
 * like, and embedder objects. V8's own arrays, code, maps and hidden objects come and go with
 * them and with V8's own work (compiling, caching), and would drown them in a count of growth.
 */
export const JS_TYPES: readonly string[] = ['object', 'closure', 'string', 'concatenated string', 'sliced string', 'regexp', 'number', 'symbol', 'bigint', 'native'];

export interface TypeStatsOptions {
  /** Node types to count (`object`, `closure`, `string`, ...), or 'all' (the default: the whole heap, as objgraph's typestats counts every object). */
  nodeTypes?: readonly string[] | 'all';
}

/**
 * The nodes grouped by (node type, name string index), in one pass over the nodes array. The
 * same name string is shared by nodes of different types (class `Test`'s instances and the
 * closure `Test`), so the type is part of the key. Group g holds `count[g]` nodes of type
 * `type[g]` named by string `name[g]`, `size[g]` bytes of self size; `first[g]` is one of them.
 */
export interface NameGroups {
  readonly length: number;
  readonly type: Uint32Array;
  readonly name: Uint32Array;
  readonly first: Uint32Array;
  readonly count: Float64Array;
  readonly size: Float64Array;
}

/**
 * The node types `className` names by the node's name (constructor names, embedder names); it
 * names every other type by the type alone (`(string)`, `(closure)`), so for counting classes
 * those are grouped by type: a heap holds a million distinct strings, and naming a million
 * groups one by one cost more than the pass itself.
 */
export const NAMED_TYPES: readonly string[] = ['object', 'native'];
/** The name index of a group keyed by node type alone. */
export const ANY_NAME = 0xffffffff;

export function groupByName(snap: HeapSnapshot, nodeTypes: readonly string[] | 'all' = 'all', byName: readonly string[] | 'all' = 'all'): NameGroups {
  const types = typeMask(snap, nodeTypes);
  const named = typeMask(snap, byName);
  const typeGroup = new Int32Array(snap.meta.nodeTypes.length).fill(-1);
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff, selfSize: sizeOff } = snap.meta.nodeOffsets;
  // The group of a name string for the first node type seen with it: one typed-array read per
  // node in the common case; a name used by a second type goes through the map.
  const slot = new Int32Array(snap.strings.count).fill(-1);
  const other = new Map<number, number>();
  const typeCount = snap.meta.nodeTypes.length;
  let cap = 1024;
  let type = new Uint32Array(cap);
  let name = new Uint32Array(cap);
  let first = new Uint32Array(cap);
  let count = new Float64Array(cap);
  let size = new Float64Array(cap);
  let length = 0;
  const newGroup = (t: number, s: number, ordinal: number): number => {
    if (length === cap) {
      cap *= 2;
      type = grown(type, cap);
      name = grown(name, cap);
      first = grown(first, cap);
      count = grown(count, cap);
      size = grown(size, cap);
    }
    type[length] = t;
    name[length] = s;
    first[length] = ordinal;
    return length++;
  };
  for (let n = 0; n < nodes.length; n += nf) {
    const t = nodes[n + typeOff]!;
    if (types[t] !== 1) continue;
    let g: number;
    if (named[t] !== 1) {
      g = typeGroup[t]!;
      if (g < 0) g = typeGroup[t] = newGroup(t, ANY_NAME, n / nf);
    } else {
      const s = nodes[n + nameOff]!;
      g = s < slot.length ? slot[s]! : -2;
      if (g < 0 || type[g] !== t) {
        const key = s * typeCount + t;
        const known = g === -1 ? undefined : other.get(key);
        if (known !== undefined) g = known;
        else {
          g = newGroup(t, s, n / nf);
          if (s < slot.length && slot[s] === -1) slot[s] = g;
          else other.set(key, g);
        }
      }
    }
    count[g]! += 1;
    size[g]! += nodes[n + sizeOff]!;
  }
  return { length, type, name, first, count, size };
}

/**
 * objgraph's `typestats` / DevTools' Summary: every class with its count and total self size,
 * largest count first. Classes are named as DevTools names them (`className`); plain objects,
 * which DevTools names by their properties, are named node by node.
 */
export function typeStats(snap: HeapSnapshot, options: TypeStatsOptions = {}): ClassStat[] {
  const groups = groupByName(snap, options.nodeTypes ?? 'all', NAMED_TYPES);
  const byName = new Map<string, { count: number; selfSize: number }>();
  const add = (label: string, count: number, selfSize: number): void => {
    const s = byName.get(label);
    if (s) {
      s.count += count;
      s.selfSize += selfSize;
    } else byName.set(label, { count, selfSize });
  };
  const objectType = snap.meta.nodeTypes.indexOf('object');
  const plain = snap.strings.indicesOf('Object');
  for (let g = 0; g < groups.length; g++) {
    if (groups.type[g] === objectType && plain.includes(groups.name[g]!) && namedByShape(snap, groups.name[g]!, objectType)) {
      eachPlainObject(snap, groups.name[g]!, objectType, (o, self) => add(className(snap, o), 1, self));
    }
    else add(className(snap, groups.first[g]!), groups.count[g]!, groups.size[g]!);
  }
  return sortStats([...byName].map(([name, s]) => ({ name, count: s.count, selfSize: s.selfSize })));
}

/** Count first (objgraph), then size, then name, so equal rows always come out in one order. */
export function sortStats(stats: ClassStat[]): ClassStat[] {
  return stats.sort((a, b) => b.count - a.count || b.selfSize - a.selfSize || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Whether className names these plain objects by their shape (DevTools' `{a, b}`): asked of the
 * first few; where it gives them all plain `Object`, naming each of a million costs for nothing.
 */
function namedByShape(snap: HeapSnapshot, nameIndex: number, objectType: number): boolean {
  let asked = 0;
  let shaped = false;
  eachPlainObject(snap, nameIndex, objectType, (o) => {
    if (asked++ < 16 && className(snap, o) !== 'Object') shaped = true;
  }, 16);
  return shaped;
}

function eachPlainObject(snap: HeapSnapshot, nameIndex: number, objectType: number, visit: (ordinal: number, selfSize: number) => void, max = Infinity): void {
  const { nodes, nodeFieldCount: nf } = snap;
  const { name: nameOff, type: typeOff, selfSize: sizeOff } = snap.meta.nodeOffsets;
  let seen = 0;
  for (let n = 0; n < nodes.length && seen < max; n += nf) {
    if (nodes[n + nameOff] === nameIndex && nodes[n + typeOff] === objectType) {
      seen++;
      visit(n / nf, nodes[n + sizeOff]!);
    }
  }
}

export function typeMask(snap: HeapSnapshot, types: readonly string[] | 'all'): Uint8Array {
  const mask = new Uint8Array(snap.meta.nodeTypes.length);
  snap.meta.nodeTypes.forEach((t, i) => {
    if (types === 'all' || types.includes(t)) mask[i] = 1;
  });
  return mask;
}

function grown<T extends Uint32Array | Float64Array>(a: T, cap: number): T {
  const next = new (a.constructor as new (n: number) => T)(cap);
  next.set(a);
  return next;
}
