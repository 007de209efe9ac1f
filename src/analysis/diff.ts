import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from './class-names.js';
import { IdSet } from './id-set.js';
import { sortStats, typeStats, type ClassStat, type TypeStatsOptions } from './type-stats.js';

/**
 * What a comparison keeps of an earlier snapshot, so that the snapshot itself can be dropped
 * before the next one is read: per-class counts and sizes, the set of its heap ids, and a small
 * sample of (id, class) pairs to tell whether the ids of a later snapshot mean the same objects.
 */
export interface HeapSummary {
  readonly source: string;
  readonly nodeCount: number;
  readonly stats: readonly ClassStat[];
  readonly ids: IdSet;
  /** Node type and name of the nodes whose id falls in the sample (see `sampled`). */
  readonly sample: ReadonlyMap<number, string>;
}

/** One heap id in 256 (odd ids, in steps of 2; even ones are native addresses): chosen by id so both snapshots pick the same ones. */
const sampled = (id: number): boolean => (id & 511) === 1;

export function summarize(snap: HeapSnapshot, options: TypeStatsOptions = {}): HeapSummary {
  return { source: snap.source, nodeCount: snap.nodeCount, stats: typeStats(snap, options), ids: allIds(snap), sample: idSample(snap) };
}

function allIds(snap: HeapSnapshot): IdSet {
  return IdSet.fromStrided(snap.nodes, snap.meta.nodeOffsets.id, snap.nodeFieldCount);
}

function idSample(snap: HeapSnapshot): Map<number, string> {
  const { nodes, nodeFieldCount: nf } = snap;
  const idOff = snap.meta.nodeOffsets.id;
  const sample = new Map<number, string>();
  for (let n = 0, o = 0; n < nodes.length; n += nf, o++) {
    const id = nodes[n + idOff]!;
    if (sampled(id)) sample.set(id, identity(snap, o));
  }
  return sample;
}

/** What stays the same about one object between two snapshots of its process: its type and name (strings cut short: V8 cuts long ones anyway). */
function identity(snap: HeapSnapshot, ordinal: number): string {
  return `${snap.nodeType(ordinal)}\u0000${snap.nodeName(ordinal).slice(0, 64)}`;
}

/** Whether the heap ids of two snapshots can be compared, and if not, why. */
export interface IdCheck {
  readonly comparable: boolean;
  /** One sentence for the user when `comparable` is false, or when something looks off. */
  readonly warning?: string;
  /** Sampled ids present in both, and how many of them name a node of another type or name. */
  readonly shared: number;
  readonly mismatched: number;
}

/**
 * V8 gives an object its id once, and the id stays with it for the life of the process; a new
 * object gets an id above every id handed out before. Two snapshots of one process therefore
 * agree on what the ids they share are, and the later one has the higher ids. Two processes
 * both start counting from the same numbers, so their ids collide on different objects: a
 * sample of shared ids whose nodes differ in type or name gives them away.
 */
export function checkIds(before: HeapSummary, after: HeapSummary | HeapSnapshot): IdCheck {
  const afterSummary = 'sample' in after ? after : undefined;
  const sampleAfter = afterSummary?.sample ?? idSample(after as HeapSnapshot);
  let shared = 0;
  let mismatched = 0;
  for (const [id, who] of before.sample) {
    const other = sampleAfter.get(id);
    if (other === undefined) continue;
    shared++;
    if (other !== who) mismatched++;
  }
  const maxAfter = afterSummary ? afterSummary.ids.maxHeapId : allIds(after as HeapSnapshot).maxHeapId;
  const name = (s: string): string => s || 'the first snapshot';
  const afterName = name(afterSummary?.source ?? (after as HeapSnapshot).source);
  // One process can rename a few (a string made internal, a prototype swapped); another names many.
  if (shared >= 20 && mismatched >= 3 && mismatched / shared > 0.02) {
    return { comparable: false, shared, mismatched, warning: `heap ids of ${name(before.source)} and ${afterName} name different objects (${mismatched} of ${shared} sampled ids): they are not snapshots of one process, so objects cannot be matched by id` };
  }
  if (before.sample.size >= 20 && shared === 0) {
    return { comparable: false, shared, mismatched, warning: `${name(before.source)} and ${afterName} have no heap ids in common: they are not snapshots of one process, so objects cannot be matched by id` };
  }
  if (maxAfter < before.ids.maxHeapId) {
    return { comparable: true, shared, mismatched, warning: `${afterName} has no id as high as ${name(before.source)}'s highest: it looks older; are the snapshots in the right order?` };
  }
  return { comparable: true, shared, mismatched };
}

/** A row of objgraph's show_growth: the class, its count now, and how much count and size grew. */
export interface Growth {
  readonly name: string;
  readonly count: number;
  readonly delta: number;
  readonly selfSize: number;
  readonly sizeDelta: number;
}

/**
 * objgraph's `show_growth`: the classes whose count grew from `before` to `after`, largest
 * growth first (then size growth, then name). Counts need no ids, so this holds across processes too.
 */
export function growth(before: HeapSummary | readonly ClassStat[], after: HeapSummary | HeapSnapshot | readonly ClassStat[], options: TypeStatsOptions & { limit?: number } = {}): Growth[] {
  const beforeStats = statsOf(before, options);
  const afterStats = statsOf(after, options);
  const old = new Map(beforeStats.map((s) => [s.name, s]));
  const rows: Growth[] = [];
  for (const s of afterStats) {
    const o = old.get(s.name);
    const delta = s.count - (o?.count ?? 0);
    if (delta > 0) rows.push({ name: s.name, count: s.count, delta, selfSize: s.selfSize, sizeDelta: s.selfSize - (o?.selfSize ?? 0) });
  }
  rows.sort((a, b) => b.delta - a.delta || b.sizeDelta - a.sizeDelta || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return options.limit === undefined ? rows : rows.slice(0, options.limit);
}

function statsOf(x: HeapSummary | HeapSnapshot | readonly ClassStat[], options: TypeStatsOptions): readonly ClassStat[] {
  if (Array.isArray(x)) return x as readonly ClassStat[];
  if ('stats' in x) return (x as HeapSummary).stats;
  return typeStats(x as HeapSnapshot, options);
}

/**
 * Of `ordinals` (nodes of `after`), those whose heap id is not in `before`: objects allocated
 * since (objgraph's `get_new_ids`, DevTools' "Objects allocated between snapshots"). `before` is
 * the earlier snapshot, its summary, or its ids.
 */
export function newSince(before: HeapSnapshot | HeapSummary | IdSet, after: HeapSnapshot, ordinals: readonly number[]): number[] {
  const ids = before instanceof IdSet ? before : 'ids' in before ? before.ids : allIds(before);
  return ordinals.filter((o) => !ids.has(after.nodeId(o)));
}

/** The new objects of class `name` in `after` (by DevTools' class name), as ordinals of `after`, in snapshot order. */
export function newOfClass(before: HeapSnapshot | HeapSummary | IdSet, after: HeapSnapshot, name: string): number[] {
  const ids = before instanceof IdSet ? before : 'ids' in before ? before.ids : allIds(before);
  const { nodes, nodeFieldCount: nf } = after;
  const idOff = after.meta.nodeOffsets.id;
  const nameOff = after.meta.nodeOffsets.name;
  // Compare name strings first: a node whose name string cannot give the class is skipped
  // without building its class name (plain objects are named by shape, so `{` is kept too).
  const candidates = new Set(after.strings.indicesOf(name));
  const shaped = name.startsWith('{') || name.startsWith('(');
  if (shaped) for (const i of after.strings.indicesOf('Object')) candidates.add(i);
  const found: number[] = [];
  for (let n = 0, o = 0; n < nodes.length; n += nf, o++) {
    if (!shaped && !candidates.has(nodes[n + nameOff]!)) continue;
    if (ids.has(nodes[n + idOff]!) || className(after, o) !== name) continue;
    found.push(o);
  }
  return found;
}

/** A class's stats over some nodes, for reports on subsets (new objects, leaks). */
export function statsOfNodes(snap: HeapSnapshot, ordinals: Iterable<number>): ClassStat[] {
  const byName = new Map<string, { count: number; selfSize: number }>();
  for (const o of ordinals) {
    const name = className(snap, o);
    const s = byName.get(name) ?? { count: 0, selfSize: 0 };
    s.count++;
    s.selfSize += snap.selfSize(o);
    byName.set(name, s);
  }
  return sortStats([...byName].map(([name, s]) => ({ name, ...s })));
}
