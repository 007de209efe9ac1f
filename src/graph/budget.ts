import { byEnd, edgeEnds } from './edge-ends.js';
import { moreBox } from './more-box.js';
import type { GraphEdge, MoreNode, RetainerGraph } from './types.js';

/**
 * Marks each target's shortest path to a root (up the drawn retainer closest to a root, box by
 * box) and, past `maxNodes` boxes (objects and groups), keeps those paths first, the biggest target groups first,
 * then the rest nearest the targets first. What is left out is counted into the "more" box of
 * the box it held, and in `omitted`.
 *
 * By box number, on typed arrays (see edgeEnds): keyed by string, with a Map of arrays for the
 * arrows into each box and Sets for what was seen and kept, a million-box chain took 9 s here.
 */
export function budgetGraph(graph: RetainerGraph, maxNodes: number): RetainerGraph {
  const { nodes, edges } = graph;
  const n = nodes.length;
  const { index, from, to } = edgeEnds(graph);
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) distance[i] = nodes[i]!.distance ?? Infinity;
  const hasMore = new Uint8Array(n);
  for (const m of graph.more) {
    const of = index.get(m.key.slice('more_'.length));
    if (of !== undefined) hasMore[of] = 1;
  }
  // The arrows into each box from a box ("more" arrows come from none).
  const into = byEnd(n, Int32Array.from(to, (t, k) => (from[k]! >= 0 ? t : -1)));

  const targets: number[] = [];
  for (let i = 0; i < n; i++) if (nodes[i]!.role === 'target') targets.push(i);
  targets.sort((a, b) => nodes[b]!.count - nodes[a]!.count || nodes[b]!.totalSize - nodes[a]!.totalSize || a - b);
  const spines = new Spines(n);
  for (const t of targets) spines.add(t, into, from, distance);
  for (const k of spines.edges) edges[k]!.onPath = true;

  // The default view writes its "more" counts inside the boxes: they cost nothing.
  const inBox = graph.walk === 'why';
  const cost = (i: number) => 1 + (!inBox && hasMore[i] === 1 ? 1 : 0);
  let total = 0;
  for (let i = 0; i < n; i++) total += cost(i);
  if (total <= maxNodes) return graph;

  const kept = new Uint8Array(n);
  let used = 0;
  const keep = (i: number, force: boolean): boolean => {
    if (kept[i] === 1) return true;
    if (!force && used + cost(i) > maxNodes) return false;
    kept[i] = 1;
    used += cost(i);
    return true;
  };
  // The first target's whole path is drawn whatever the budget: it is the answer.
  targets.forEach((t, i) => {
    if (!keep(t, i === 0)) return;
    for (let k = spines.start[i]!; k < spines.start[i + 1]!; k++) if (!keep(from[spines.edges[k]!]!, i === 0)) break;
  });
  // Then the rest, nearest the targets first and, at one depth, nearest a root first: a box
  // left out is never closer to a root than one kept beside it. (The nodes come in breadth-first
  // order, so the sort mostly finds them in order already.)
  const rest = Array.from({ length: n }, (_, i) => i);
  rest.sort((a, b) => nodes[a]!.depth - nodes[b]!.depth || nearer(distance[a]!, distance[b]!) || a - b);
  for (const i of rest) keep(i, false);

  // Arrows from boxes left out are counted into the "more" box of the box they held.
  const lost = new Float64Array(n);
  const lostState = new Uint8Array(n); // 0 none, 1 counted, 2 added to its box
  const lostOrder: number[] = [];
  const out: GraphEdge[] = [];
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    const t = to[k]!;
    if (t < 0 || kept[t] === 0) continue;
    if (e.type === 'more' || (from[k]! >= 0 && kept[from[k]!] === 1)) out.push(e);
    else {
      if (lostState[t] === 0) {
        lostState[t] = 1;
        lostOrder.push(t);
      }
      lost[t]! += e.count ?? 1;
    }
  }
  const more: MoreNode[] = [];
  for (const m of graph.more) {
    const of = index.get(m.key.slice('more_'.length));
    if (of === undefined || kept[of] === 0) continue;
    const extra = lostState[of] === 1 ? lost[of]! : 0;
    if (lostState[of] === 1) lostState[of] = 2;
    more.push(extra ? { ...m, count: m.count + extra } : m);
  }
  // Each "more" arrow carries its box's count: looked up by key, not by a scan of the boxes
  // (a scan per arrow was quadratic in the boxes kept under a huge --max-nodes).
  const moreByKey = new Map<string, MoreNode>();
  for (const m of more) if (!moreByKey.has(m.key)) moreByKey.set(m.key, m);
  for (let k = 0; k < out.length; k++) {
    const e = out[k]!;
    if (e.type !== 'more') continue;
    const m = moreByKey.get(e.from)!;
    if (m.count !== e.name) out[k] = { ...e, name: m.count };
  }
  for (const t of lostOrder) {
    if (lostState[t] !== 1) continue;
    const box = moreBox(nodes[t]!.key, nodes[t]!.depth + 1, lost[t]!);
    more.push(box.node);
    out.push(box.edge);
  }
  const keptNodes = nodes.filter((_, i) => kept[i] === 1);
  let droppedTargets = 0;
  let droppedTargetObjects = 0;
  for (let i = 0; i < n; i++) {
    if (kept[i] === 1 || nodes[i]!.role !== 'target') continue;
    droppedTargets++;
    droppedTargetObjects += nodes[i]!.count;
  }
  return {
    ...graph,
    nodes: keptNodes,
    more,
    edges: out,
    omitted: { nodes: n - keptNodes.length, targetGroups: droppedTargets, targets: droppedTargetObjects },
  };
}

/** Distances compared, unknown (Infinity) equal to unknown. */
function nearer(a: number, b: number): number {
  return a === b ? 0 : a - b;
}

/** Each target's path, one after another: target i's arrows are edges[start[i]..start[i+1]). */
class Spines {
  readonly edges: number[] = [];
  readonly start: number[] = [0];
  /** The target whose path last passed each box (+1), so a path never turns back on itself. */
  private readonly seenBy: Int32Array;

  constructor(n: number) {
    this.seenBy = new Int32Array(n);
  }

  /** From a target up to a root: at each box the drawn retainer closest to a root (the first of equals). */
  add(target: number, into: { start: Int32Array; list: Int32Array }, from: Int32Array, distance: Float64Array): void {
    const stamp = this.start.length;
    this.seenBy[target] = stamp;
    for (let at = target; ; ) {
      let best = -1;
      for (let j = into.start[at]!; j < into.start[at + 1]!; j++) {
        const k = into.list[j]!;
        const f = from[k]!;
        if (this.seenBy[f] === stamp) continue;
        if (best < 0 || distance[f]! < distance[from[best]!]!) best = k;
      }
      if (best < 0) break;
      this.edges.push(best);
      at = from[best]!;
      this.seenBy[at] = stamp;
    }
    this.start.push(this.edges.length);
  }
}
