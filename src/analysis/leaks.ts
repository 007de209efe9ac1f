import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from './class-names.js';
import { distances, NO_EDGE, UNREACHABLE } from './distances.js';
import { IdSet } from './id-set.js';
import { statsOfNodes, type HeapSummary } from './diff.js';
import { JS_TYPES, typeMask, type ClassStat } from './type-stats.js';

/** One hop of a retainer path, from the roots down: the holder's class and the edge it holds the next one by. */
export interface PathStep {
  readonly className: string;
  /** The edge's name; element indexes are `[]`, so paths that differ only in an index group together. */
  readonly edge: string;
}

/** Leaked objects that hang from the heap by the same path. */
export interface LeakGroup {
  /** From the root to the holder of the first leaked object. */
  readonly path: readonly PathStep[];
  /** The class of the leaked objects at the end of the path (the first leaked object of each trace). */
  readonly className: string;
  /** How many leaked objects the path ends at, and how many leaked objects (and bytes) they hold in all, themselves included. */
  readonly traces: number;
  readonly count: number;
  readonly selfSize: number;
  /** A heap id in the final snapshot at the end of the path, to draw with `--id`. */
  readonly exampleId: number;
}

export interface LeakReport {
  /** Objects of `final` allocated between the baseline and the target, by class, largest total size first. */
  readonly byClass: readonly ClassStat[];
  readonly byPath: readonly LeakGroup[];
  readonly count: number;
  readonly selfSize: number;
  /** Their ordinals in `final`. */
  readonly leaked: Uint32Array;
}

/** A retainer path longer than this is cut (and grouped by its last hops). */
const MAX_PATH = 32;

/** The ids of `target` that `baseline` does not have: what was allocated between the two (and survived to `target`). */
export function allocatedBetween(baseline: HeapSummary | IdSet, target: HeapSnapshot): IdSet {
  const before = baseline instanceof IdSet ? baseline : baseline.ids;
  const { nodes, nodeFieldCount: nf } = target;
  const idOff = target.meta.nodeOffsets.id;
  return IdSet.fromStrided(nodes, idOff, nf, (i) => !before.has(nodes[i]!));
}

/**
 * memlab's find-leaks on three snapshots of one process (baseline, target: after the action,
 * final: after undoing it): the objects allocated between baseline and target that are still
 * alive in final, by class and by the retainer path that holds them (the shortest path from the
 * roots, as DevTools' distances find it). Objects held by other leaked objects are counted with
 * the first leaked object on their path, so one leaked array of a million items is one trace.
 */
export function findLeaks(allocated: IdSet, final: HeapSnapshot): LeakReport {
  const { nodes, nodeFieldCount: nf, nodeCount } = final;
  const { id: idOff, type: typeOff, selfSize: sizeOff } = final.meta.nodeOffsets;
  const types = typeMask(final, JS_TYPES);
  const { distance, parentEdge } = distances(final);
  const isLeaked = new Uint8Array(nodeCount);
  let count = 0;
  for (let n = 0, o = 0; n < nodes.length; n += nf, o++) {
    if (types[nodes[n + typeOff]!] === 1 && distance[o] !== UNREACHABLE && allocated.has(nodes[n + idOff]!)) {
      isLeaked[o] = 1;
      count++;
    }
  }
  const leaked = new Uint32Array(count);
  for (let o = 0, k = 0; o < nodeCount; o++) if (isLeaked[o] === 1) leaked[k++] = o;

  const parent = (o: number): number => (parentEdge[o] === NO_EDGE ? -1 : final.edgeSource(parentEdge[o]!));
  // The first leaked object on each leaked object's path from the roots.
  const top = new Int32Array(nodeCount).fill(-1);
  const chain: number[] = [];
  for (const o of leaked) {
    let x = o;
    while (top[x] === -1) {
      chain.push(x);
      const p = parent(x);
      if (p === -1 || isLeaked[p] !== 1) break;
      x = p;
    }
    const t = top[x] === -1 ? x : top[x]!;
    for (const c of chain) top[c] = t;
    chain.length = 0;
  }

  const pathOf = retainerPaths(final, parentEdge, parent);
  const groups = new Map<string, { path: PathStep[]; className: string; traces: number; count: number; selfSize: number; exampleId: number }>();
  const groupOfTop = new Map<number, { traces: number; count: number; selfSize: number }>();
  for (const o of leaked) {
    const t = top[o]!;
    let g = groupOfTop.get(t);
    if (!g) {
      const path = pathOf(t);
      const name = className(final, t);
      const key = `${path.map((s) => `${s.className}\u0000${s.edge}`).join('\u0001')}\u0002${name}`;
      let group = groups.get(key);
      if (!group) {
        group = { path, className: name, traces: 0, count: 0, selfSize: 0, exampleId: final.nodeId(t) };
        groups.set(key, group);
      }
      group.traces++;
      g = group;
      groupOfTop.set(t, g);
    }
    g.count++;
    g.selfSize += nodes[o * nf + sizeOff]!;
  }
  const byPath = [...groups.values()].sort((a, b) => b.selfSize - a.selfSize || b.count - a.count);
  const byClass = sortBySize(statsOfNodes(final, leaked));
  return { byClass, byPath, count, selfSize: byClass.reduce((s, c) => s + c.selfSize, 0), leaked };
}

/** The steps from the roots to a node's holder, memoised per holder: a million leaked items of one array share one path. */
function retainerPaths(snap: HeapSnapshot, parentEdge: Uint32Array, parent: (o: number) => number): (o: number) => PathStep[] {
  const memo = new Map<number, PathStep[]>();
  const elementType = snap.meta.edgeTypes.indexOf('element');
  const hiddenType = snap.meta.edgeTypes.indexOf('hidden');
  const pathTo = (o: number, depth: number): PathStep[] => {
    const p = parent(o);
    if (p === -1 || depth >= MAX_PATH) return [];
    const e = parentEdge[o]!;
    const t = snap.edgeTypeIndex(e);
    const name = String(snap.edgeName(e));
    const step: PathStep = { className: holderName(snap, p), edge: t === elementType || t === hiddenType || /^\d+$/.test(name) ? '[]' : name };
    let above = memo.get(p);
    if (!above) {
      above = pathTo(p, depth + 1);
      memo.set(p, above);
    }
    return [...above, step];
  };
  return (o) => pathTo(o, 0);
}

function sortBySize(stats: ClassStat[]): ClassStat[] {
  return stats.sort((a, b) => b.selfSize - a.selfSize || b.count - a.count);
}

/** Roots by their own names (`(GC roots)`, `(Handle scope)`), everything else by class. */
function holderName(snap: HeapSnapshot, ordinal: number): string {
  if (snap.nodeType(ordinal) !== 'synthetic') return className(snap, ordinal);
  return snap.nodeName(ordinal) || '(root)';
}

/** A path as one line: `(GC roots) --x--> Foo --cache--> Map --[]--> Test`. */
export function pathText(group: Pick<LeakGroup, 'path' | 'className'>): string {
  return [...group.path.map((s) => `${s.className} --${s.edge}-->`), group.className].join(' ');
}
