import { className } from '../analysis/class-names.js';
import { distances, NO_EDGE, UNREACHABLE } from '../analysis/distances.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { edgeLabel, Retainers } from './retainers.js';

/** One step of a path from a root: the node, and how the step before holds it. */
export interface ChainStep {
  readonly ordinal: number;
  /** The edge from the previous step (an index into `edges`); undefined on the first step. */
  readonly edge: number | undefined;
  readonly label: string;
}

/** Targets whose paths from a root read the same (the same classes through the same edges). */
export interface ChainGroup {
  /** The path of the first of them, root first, the target last. */
  readonly steps: readonly ChainStep[];
  readonly targets: readonly number[];
  /** The path starts at another of the targets, not at a root: that one's own path is among the groups. */
  readonly fromTarget?: boolean;
}

/**
 * objgraph's find_backref_chain, memlab's trace: a shortest path from a root to each target. It
 * climbs from the target, each step to the retainer closest to a root in the default view
 * (noise rules, containers collapsed into their owners), so the path reads as the program wrote
 * it; where the noise rules hide every closer retainer, it takes the edge of DevTools' own
 * shortest path. It ends at a global object (a user root) or at the root list under
 * `(GC roots)` that holds it, or, with `stopAt`, at the first node on the way it says.
 */
export function shortestChain(snap: HeapSnapshot, target: number, retainers = new Retainers(snap, { raw: false, includeWeak: false }), stopAt?: (ordinal: number) => boolean): ChainStep[] | undefined {
  if (distances(snap).distance[target] === UNREACHABLE) return undefined;
  const up: ChainStep[] = [];
  for (let n = target; ; ) {
    const step = stepUp(snap, n, n === target, retainers, stopAt);
    if (!step) {
      up.push({ ordinal: n, edge: undefined, label: '' });
      break;
    }
    up.push({ ordinal: n, edge: step.edge, label: step.label });
    n = step.source;
  }
  // Each step holds the edge its holder holds it by: reversed, that is the edge from the step before.
  return up.reverse();
}

/** The retainer a path climbs to from `n`, or undefined where the path begins at `n`. */
function stepUp(snap: HeapSnapshot, n: number, atStart: boolean, retainers: Retainers, stopAt?: (ordinal: number) => boolean): { source: number; edge: number; label: string } | undefined {
  const { distance, parentEdge } = distances(snap);
  const d = distance[n]!;
  // A global object (distance 1) or a child of the root: where a path begins.
  if (d <= 1 || parentEdge[n] === NO_EDGE || snap.edgeSource(parentEdge[n]!) === 0 || (!atStart && stopAt?.(n))) return undefined;
  let best: { source: number; edge: number; label: string } | undefined;
  for (const r of retainers.of(n)) {
    const rd = distance[r.source]!;
    if (rd === UNREACHABLE || rd >= d) continue;
    if (!best || rd < distance[best.source]!) best = r;
  }
  if (best) return best;
  const edge = parentEdge[n]!;
  const source = snap.edgeSource(edge);
  return { source, edge, label: edgeLabel(snap, source, edge, false) || `${snap.edgeType(edge)} edge` };
}

/** A node's part of a path, climbed once for all the targets whose paths pass it. */
interface Link {
  readonly step: ChainStep;
  /** The node the path climbs to next, -1 where it begins here. */
  readonly next: number;
  /** Where the path begins. */
  readonly begin: number;
  /** How the path from its beginning down to here reads (classes and edge names), for grouping. */
  readonly key: string;
}

/**
 * The paths of many targets, one per distinct way of reading, biggest group first; and the
 * targets no root reaches. A path that passes another target stops there (`fromTarget`): that
 * target's own path is listed too, and the links of a list of targets, each the next one's
 * holder, read as one path shared by all instead of n paths of up to n steps (a list of 8,000
 * printed 480 MB in 260 s).
 */
export function chains(snap: HeapSnapshot, targets: readonly number[]): { groups: ChainGroup[]; unreachable: number[] } {
  const retainers = new Retainers(snap, { raw: false, includeWeak: false });
  const { distance } = distances(snap);
  const isTarget = new Uint8Array(snap.nodeCount);
  for (const t of targets) isTarget[t] = 1;
  const stopAt = (o: number) => isTarget[o] === 1;
  // Above its first step a path depends only on the node it has reached: a million targets in
  // one array climb from the array once, not a million times.
  const above = new Map<number, Link>();
  const link = (n: number, rest: Link | undefined, step: ChainStep): Link => {
    const part = `${className(snap, n)}\0${step.label.replace(/^\[\d+\]$/, '[]')}`;
    return rest ? { step, next: rest.step.ordinal, begin: rest.begin, key: `${rest.key}\0\0${part}` } : { step, next: -1, begin: n, key: part };
  };
  const climb = (from: number, atStart: boolean): Link => {
    // The nodes up to the first one already climbed from, then their links from the top down.
    const path: ChainStep[] = [];
    let known: Link | undefined;
    for (let n = from, start = atStart; ; start = false) {
      if (!start && (known = above.get(n))) break;
      const up = stepUp(snap, n, start, retainers, stopAt);
      path.push({ ordinal: n, edge: up?.edge, label: up?.label ?? '' });
      if (!up) break;
      n = up.source;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i]!;
      known = link(step.ordinal, known, step);
      // The start's own link depends on its being the start (it may be another path's stop).
      if (!(atStart && i === 0)) above.set(step.ordinal, known);
    }
    return known!;
  };
  const groups = new Map<string, { first: Link; targets: number[]; fromTarget: boolean }>();
  const unreachable: number[] = [];
  for (const t of targets) {
    if (distance[t] === UNREACHABLE) {
      unreachable.push(t);
      continue;
    }
    const path = climb(t, true);
    const fromTarget = path.next !== -1 && isTarget[path.begin] === 1;
    const key = `${fromTarget}\0${path.key}`;
    const group = groups.get(key);
    if (group) group.targets.push(t);
    else groups.set(key, { first: path, targets: [t], fromTarget });
  }
  const stepsOf = (last: Link): ChainStep[] => {
    const down: ChainStep[] = [];
    for (let l: Link | undefined = last; l; l = l.next === -1 ? undefined : above.get(l.next)) down.push(l.step);
    return down.reverse();
  };
  return {
    groups: [...groups.values()]
      .sort((a, b) => b.targets.length - a.targets.length)
      .map(({ first, targets: members, fromTarget }) => (fromTarget ? { steps: stepsOf(first), targets: members, fromTarget } : { steps: stepsOf(first), targets: members })),
    unreachable,
  };
}
