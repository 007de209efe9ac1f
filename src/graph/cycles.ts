import type { GraphEdge, RetainerGraph } from './types.js';

/**
 * Marks the edges that lie on a reference cycle of the drawn graph: both ends in one strongly
 * connected component of more than one node.
 */
export function markCycles(edges: GraphEdge[]): void {
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
export function markCyclesThatMatter(graph: RetainerGraph): void {
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
export function listCycles(graph: RetainerGraph): string[][] {
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
