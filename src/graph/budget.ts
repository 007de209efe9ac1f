import { moreBox } from './more-box.js';
import type { GraphEdge, GraphNode, MoreNode, RetainerGraph } from './types.js';

/**
 * Marks each target's shortest path to a root (up the drawn retainer closest to a root, box by
 * box) and, past `maxNodes` boxes (objects and groups), keeps those paths first, the biggest target groups first,
 * then the rest nearest the targets first. What is left out is counted into the "more" box of
 * the box it held, and in `omitted`.
 */
export function budgetGraph(graph: RetainerGraph, maxNodes: number): RetainerGraph {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const into = new Map<string, GraphEdge[]>();
  const moreOf = new Map<string, MoreNode>();
  for (const m of graph.more) moreOf.set(m.key.slice('more_'.length), m);
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  const targets = graph.nodes.filter((n) => n.role === 'target').sort((a, b) => b.count - a.count || b.totalSize - a.totalSize);
  const spines = targets.map((t) => spine(t, into, byKey));
  for (const path of spines) for (const e of path) e.onPath = true;

  // The default view writes its "more" counts inside the boxes: they cost nothing.
  const cost = (n: GraphNode) => 1 + (graph.walk !== 'why' && moreOf.has(n.key) ? 1 : 0);
  const total = graph.nodes.reduce((s, n) => s + cost(n), 0);
  if (total <= maxNodes) return graph;

  const kept = new Set<string>();
  let used = 0;
  const keep = (n: GraphNode, force: boolean): boolean => {
    if (kept.has(n.key)) return true;
    if (!force && used + cost(n) > maxNodes) return false;
    kept.add(n.key);
    used += cost(n);
    return true;
  };
  // The first target's whole path is drawn whatever the budget: it is the answer.
  spines.forEach((path, i) => {
    if (!keep(targets[i]!, i === 0)) return;
    for (const e of path) if (!keep(byKey.get(e.from)!, i === 0)) break;
  });
  // Then the rest, nearest the targets first and, at one depth, nearest a root first: a box
  // left out is never closer to a root than one kept beside it.
  const rest = [...graph.nodes].sort((a, b) => a.depth - b.depth || (a.distance ?? Infinity) - (b.distance ?? Infinity));
  for (const n of rest) keep(n, false);

  const lost = new Map<string, number>();
  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    if (!kept.has(e.to)) continue;
    if (e.type === 'more' || kept.has(e.from)) edges.push(e);
    else lost.set(e.to, (lost.get(e.to) ?? 0) + (e.count ?? 1));
  }
  const more: MoreNode[] = [];
  for (const m of graph.more) {
    const of = m.key.slice('more_'.length);
    if (!kept.has(of)) continue;
    const extra = lost.get(of) ?? 0;
    lost.delete(of);
    more.push(extra ? { ...m, count: m.count + extra } : m);
  }
  // Each "more" arrow carries its box's count: looked up by key, not by a scan of the boxes
  // (a scan per arrow was quadratic in the boxes kept under a huge --max-nodes).
  const moreByKey = new Map<string, MoreNode>();
  for (const m of more) if (!moreByKey.has(m.key)) moreByKey.set(m.key, m);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (e.type !== 'more') continue;
    const m = moreByKey.get(e.from)!;
    if (m.count !== e.name) edges[i] = { ...e, name: m.count };
  }
  for (const [of, count] of lost) {
    const box = moreBox(of, byKey.get(of)!.depth + 1, count);
    more.push(box.node);
    edges.push(box.edge);
  }
  const dropped = graph.nodes.filter((n) => !kept.has(n.key));
  const droppedTargets = dropped.filter((n) => n.role === 'target');
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => kept.has(n.key)),
    more,
    edges,
    omitted: { nodes: dropped.length, targetGroups: droppedTargets.length, targets: droppedTargets.reduce((s, n) => s + n.count, 0) },
  };
}

/** From a target up to a root: at each box the drawn retainer closest to a root. */
function spine(target: GraphNode, into: Map<string, GraphEdge[]>, byKey: Map<string, GraphNode>): GraphEdge[] {
  const path: GraphEdge[] = [];
  const seen = new Set([target.key]);
  for (let at = target.key; ; ) {
    let best: GraphEdge | undefined;
    for (const e of into.get(at) ?? []) {
      if (seen.has(e.from)) continue;
      const d = byKey.get(e.from)!.distance ?? Infinity;
      if (!best || d < (byKey.get(best.from)!.distance ?? Infinity)) best = e;
    }
    if (!best) return path;
    path.push(best);
    seen.add(best.from);
    at = best.from;
  }
}
