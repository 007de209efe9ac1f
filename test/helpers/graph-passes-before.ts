/**
 * The default view's passes over a drawn graph as they were before issue 9's last items, keyed by
 * node key strings: the budget (with its lookup of each "more" box by a scan of the list, quadratic
 * past a huge --max-nodes), the strongly connected components, and the merge of grouped boxes.
 * The oracles test/graph-passes.test.ts holds the integer-indexed passes to, output for output.
 * Copied from src/graph/budget.ts, cycles.ts and group.ts at commit 50b244a; not to be improved.
 */
import { groupLabel, labelKind } from '../../src/graph/group.js';
import { moreBox } from '../../src/graph/more-box.js';
import { MAX_IDS } from '../../src/graph/target-groups.js';
import type { GraphEdge, GraphNode, MoreNode, RetainerGraph } from '../../src/graph/types.js';

export function budgetGraphBefore(graph: RetainerGraph, maxNodes: number): RetainerGraph {
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
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    if (e.type !== 'more') continue;
    const m = more.find((x) => x.key === e.from)!;
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

/**
 * Marks the edges that lie on a reference cycle of the drawn graph: both ends in one strongly
 * connected component of more than one node.
 */
export function markCyclesBefore(edges: GraphEdge[]): void {
  const { component, sizes } = stronglyConnected(edges);
  for (const e of edges) {
    const c = component.get(e.from);
    e.inCycle = c !== undefined && c === component.get(e.to) && sizes[c]! > 1;
  }
}

/**
 * The default view marks only the cycles that matter to the question: those through a target or
 * through a node on a shortest path from a root to one. In a V8 heap almost everything sits on
 * some cycle (scope and closure, request and response, prototype and constructor); marking them
 * all makes the colour mean nothing.
 */
export function markCyclesThatMatterBefore(graph: RetainerGraph): void {
  const { component, sizes } = stronglyConnected(graph.edges);
  const matters = new Set<number>();
  const onPath = new Set<string>();
  for (const e of graph.edges) {
    if (e.onPath) {
      onPath.add(e.from);
      onPath.add(e.to);
    }
  }
  for (const n of graph.nodes) {
    const c = component.get(n.key);
    if (c !== undefined && (n.role === 'target' || onPath.has(n.key))) matters.add(c);
  }
  for (const e of graph.edges) {
    const c = component.get(e.from);
    e.inCycle = c !== undefined && c === component.get(e.to) && sizes[c]! > 1 && matters.has(c);
  }
}

/** Every reference cycle of the drawn graph, as the keys of its strongly connected component (in drawing order). */
export function listCyclesBefore(graph: RetainerGraph): string[][] {
  const { component, sizes } = stronglyConnected(graph.edges);
  const byComponent = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const c = component.get(n.key);
    if (c === undefined || sizes[c]! < 2) continue;
    const list = byComponent.get(c);
    if (list) list.push(n.key);
    else byComponent.set(c, [n.key]);
  }
  return [...byComponent.values()];
}

/** Tarjan's algorithm, iterative so deep graphs cannot overflow the stack. */
function stronglyConnected(edges: readonly GraphEdge[]): { component: Map<string, number>; sizes: number[] } {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  const sizes: number[] = [];

  for (const start of out.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
      }
      const next = out.get(v) ?? [];
      if (i < next.length) {
        frame[1] = i + 1;
        const w = next[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        let size = 0;
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          component.set(w, components);
          size++;
          if (w === v) break;
        }
        sizes.push(size);
        components++;
      }
    }
  }
  return { component, sizes };
}

export function mergeBefore(graph: RetainerGraph, block: Map<string, number>): RetainerGraph {
  const members = new Map<number, GraphNode[]>();
  for (const n of graph.nodes) {
    const b = block.get(n.key)!;
    const list = members.get(b);
    if (list) list.push(n);
    else members.set(b, [n]);
  }
  const keyOfBlock = new Map<number, string>();
  const nodes: GraphNode[] = [];
  for (const [b, list] of members) {
    const first = list[0]!;
    keyOfBlock.set(b, first.key);
    if (list.length === 1) {
      nodes.push(first);
      continue;
    }
    const previews = new Set(list.map((n) => n.preview));
    const inside = list.reduce((s, n) => s + (n.inside ?? 0), 0);
    nodes.push({
      ...first,
      preview: previews.size === 1 ? first.preview : first.preview ? `${first.preview}, …` : '',
      depth: list.reduce((m, n) => Math.min(m, n.depth), Infinity),
      count: list.reduce((s, n) => s + n.count, 0),
      totalSize: list.reduce((s, n) => s + n.totalSize, 0),
      ids: firstIds(list),
      members: memberOrdinals(list),
      distance: list.reduce((m, n) => Math.min(m, n.distance ?? Infinity), Infinity),
      ...(inside > 0 ? { inside } : {}),
    });
  }
  const keyOf = (key: string) => keyOfBlock.get(block.get(key)!)!;

  const edges = new Map<string, { edge: GraphEdge; labels: Set<string>; parts: number; count: number }>();
  const moreCount = new Map<string, number>();
  for (const e of graph.edges) {
    const to = keyOf(e.to);
    if (e.type === 'more') {
      moreCount.set(to, (moreCount.get(to) ?? 0) + (e.name as number));
      continue;
    }
    const from = keyOf(e.from);
    const id = `${from}\0${to}\0${labelKind(e.label)}\0${e.weak}`;
    const merged = edges.get(id);
    if (merged) {
      merged.labels.add(e.label);
      merged.parts++;
      merged.count += e.count ?? 1;
    } else edges.set(id, { edge: { ...e, from, to }, labels: new Set([e.label]), parts: 1, count: e.count ?? 1 });
  }
  const out: GraphEdge[] = [];
  for (const { edge, labels, parts, count } of edges.values()) {
    out.push(parts === 1 ? edge : { ...edge, label: groupLabel(edge.label, labels, count), count });
  }
  const more: MoreNode[] = [];
  const depthOf = new Map(nodes.map((n) => [n.key, n.depth]));
  for (const [to, count] of moreCount) {
    const box = moreBox(to, depthOf.get(to)! + 1, count);
    more.push(box.node);
    out.push(box.edge);
  }
  return { ...graph, nodes, more, edges: out };
}

/** The ordinals a merged box stands for: its parts' members, or the part itself. */
function memberOrdinals(list: readonly GraphNode[]): number[] {
  // A loop, not concat(...lists): a box of a million parts would pass a million arguments.
  const out: number[] = [];
  for (const n of list) {
    if (n.members) for (const o of n.members) out.push(o);
    else out.push(n.ordinal);
  }
  return out;
}

/** The first MAX_IDS heap ids of the parts, in order (a part's own list is capped already). */
function firstIds(list: readonly GraphNode[]): number[] {
  const ids: number[] = [];
  for (const n of list) {
    for (const id of n.ids) {
      if (ids.length === MAX_IDS) return ids;
      ids.push(id);
    }
  }
  return ids;
}
