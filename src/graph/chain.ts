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
  const { distance, parentEdge } = distances(snap);
  if (distance[target] === UNREACHABLE) return undefined;
  const up: ChainStep[] = [];
  let n = target;
  for (;;) {
    const d = distance[n]!;
    // A global object (distance 1) or a child of the root: where a path begins.
    if (d <= 1 || parentEdge[n] === NO_EDGE || snap.edgeSource(parentEdge[n]!) === 0 || (n !== target && stopAt?.(n))) {
      up.push({ ordinal: n, edge: undefined, label: '' });
      break;
    }
    let best: { source: number; edge: number; label: string } | undefined;
    for (const r of retainers.of(n)) {
      const rd = distance[r.source]!;
      if (rd === UNREACHABLE || rd >= d) continue;
      if (!best || rd < distance[best.source]!) best = r;
    }
    if (!best) {
      const edge = parentEdge[n]!;
      const source = snap.edgeSource(edge);
      best = { source, edge, label: edgeLabel(snap, source, edge, false) || `${snap.edgeType(edge)} edge` };
    }
    up.push({ ordinal: n, edge: best.edge, label: best.label });
    n = best.source;
  }
  // Each step holds the edge its holder holds it by: reversed, that is the edge from the step before.
  return up.reverse();
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
  const isTarget = new Uint8Array(snap.nodeCount);
  for (const t of targets) isTarget[t] = 1;
  const stopAt = (o: number) => isTarget[o] === 1;
  const groups = new Map<string, { steps: ChainStep[]; targets: number[]; fromTarget?: boolean }>();
  const unreachable: number[] = [];
  for (const t of targets) {
    const steps = shortestChain(snap, t, retainers, stopAt);
    if (!steps) {
      unreachable.push(t);
      continue;
    }
    const fromTarget = steps.length > 1 && isTarget[steps[0]!.ordinal] === 1;
    const key = `${fromTarget}\0${steps.map((s) => `${className(snap, s.ordinal)}\0${s.label.replace(/^\[\d+\]$/, '[]')}`).join('\0\0')}`;
    const group = groups.get(key);
    if (group) group.targets.push(t);
    else groups.set(key, fromTarget ? { steps, targets: [t], fromTarget } : { steps, targets: [t] });
  }
  return { groups: [...groups.values()].sort((a, b) => b.targets.length - a.targets.length), unreachable };
}
