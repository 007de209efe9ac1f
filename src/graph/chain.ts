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
}

/**
 * objgraph's find_backref_chain, memlab's trace: a shortest path from a root to each target. It
 * climbs from the target, each step to the retainer closest to a root in the default view
 * (noise rules, containers collapsed into their owners), so the path reads as the program wrote
 * it; where the noise rules hide every closer retainer, it takes the edge of DevTools' own
 * shortest path. It ends at a global object (a user root) or at the root list under
 * `(GC roots)` that holds it.
 */
export function shortestChain(snap: HeapSnapshot, target: number, retainers = new Retainers(snap, { raw: false, includeWeak: false })): ChainStep[] | undefined {
  const { distance, parentEdge } = distances(snap);
  if (distance[target] === UNREACHABLE) return undefined;
  const up: ChainStep[] = [];
  let n = target;
  for (;;) {
    const d = distance[n]!;
    // A global object (distance 1) or a child of the root: where a path begins.
    if (d <= 1 || parentEdge[n] === NO_EDGE || snap.edgeSource(parentEdge[n]!) === 0) {
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

/** The paths of many targets, one per distinct way of reading, biggest group first; and the targets no root reaches. */
export function chains(snap: HeapSnapshot, targets: readonly number[]): { groups: ChainGroup[]; unreachable: number[] } {
  const retainers = new Retainers(snap, { raw: false, includeWeak: false });
  const groups = new Map<string, { steps: ChainStep[]; targets: number[] }>();
  const unreachable: number[] = [];
  for (const t of targets) {
    const steps = shortestChain(snap, t, retainers);
    if (!steps) {
      unreachable.push(t);
      continue;
    }
    const key = steps.map((s) => `${className(snap, s.ordinal)}\0${s.label.replace(/^\[\d+\]$/, '[]')}`).join('\0\0');
    const group = groups.get(key);
    if (group) group.targets.push(t);
    else groups.set(key, { steps, targets: [t] });
  }
  return { groups: [...groups.values()].sort((a, b) => b.targets.length - a.targets.length), unreachable };
}
