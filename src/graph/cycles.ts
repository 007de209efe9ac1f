import { byEnd } from './edge-ends.js';
import type { GraphEdge, RetainerGraph } from './types.js';

/**
 * Marks the edges that lie on a reference cycle of the drawn graph: both ends in one strongly
 * connected component of more than one node.
 */
export function markCycles(edges: GraphEdge[]): void {
  const { from, to, component, sizes } = stronglyConnected(edges);
  for (let i = 0; i < edges.length; i++) {
    const c = component[from[i]!]!;
    edges[i]!.inCycle = c === component[to[i]!] && sizes[c]! > 1;
  }
}

/**
 * The default view marks only the cycles that matter to the question: those through a target or
 * through a node on a shortest path from a root to one. In a V8 heap almost everything sits on
 * some cycle (scope and closure, request and response, prototype and constructor); marking them
 * all makes the colour mean nothing.
 */
export function markCyclesThatMatter(graph: RetainerGraph): void {
  const { edges } = graph;
  const { index, from, to, component, sizes } = stronglyConnected(edges);
  const onPath = new Uint8Array(index.size);
  for (let i = 0; i < edges.length; i++) {
    if (edges[i]!.onPath) onPath[from[i]!] = onPath[to[i]!] = 1;
  }
  const matters = new Uint8Array(sizes.length);
  for (const n of graph.nodes) {
    const v = index.get(n.key);
    if (v !== undefined && (n.role === 'target' || onPath[v] === 1)) matters[component[v]!] = 1;
  }
  for (let i = 0; i < edges.length; i++) {
    const c = component[from[i]!]!;
    edges[i]!.inCycle = c === component[to[i]!] && sizes[c]! > 1 && matters[c] === 1;
  }
}

/** Every reference cycle of the drawn graph, as the keys of its strongly connected component (in drawing order). */
export function listCycles(graph: RetainerGraph): string[][] {
  const { index, component, sizes } = stronglyConnected(graph.edges);
  const byComponent = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const v = index.get(n.key);
    if (v === undefined) continue;
    const c = component[v]!;
    if (sizes[c]! < 2) continue;
    const list = byComponent.get(c);
    if (list) list.push(n.key);
    else byComponent.set(c, [n.key]);
  }
  return [...byComponent.values()];
}

/** The components of a drawn graph, by vertex: each key the edges name, numbered in order of appearance. */
interface Components {
  readonly index: Map<string, number>;
  /** Each edge's ends as vertex numbers. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly component: Int32Array;
  /** Vertices in each component. */
  readonly sizes: Int32Array;
}

/**
 * Tarjan's algorithm over vertex numbers and typed arrays, iterative so deep graphs cannot
 * overflow the stack. Keys are numbered once; with Maps and Sets keyed by string at every step
 * (and a frame array per vertex), a million-node chain took 8 s here, the largest share of the
 * default view's time.
 */
function stronglyConnected(edges: readonly GraphEdge[]): Components {
  const index = new Map<string, number>();
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const number = (key: string): number => {
    let v = index.get(key);
    if (v === undefined) index.set(key, (v = index.size));
    return v;
  };
  for (let i = 0; i < m; i++) {
    from[i] = number(edges[i]!.from);
    to[i] = number(edges[i]!.to);
  }
  const n = index.size;
  // Out-edges by vertex, self edges left out (they make no cycle of two).
  const { start, list: next } = byEnd(n, from.map((f, k) => (f === to[k] ? -1 : f)), to);

  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  // Tarjan's stack, and the depth-first path: a vertex and the next of its out-edges to look at.
  const stack = new Int32Array(n);
  let sp = 0;
  const pathVertex = new Int32Array(n);
  const pathEdge = new Int32Array(n);
  let depth = 0;
  let counter = 0;
  const enter = (v: number) => {
    order[v] = low[v] = counter++;
    stack[sp++] = v;
    pathVertex[depth] = v;
    pathEdge[depth++] = start[v]!;
  };
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    enter(s);
    while (depth > 0) {
      const v = pathVertex[depth - 1]!;
      const e = pathEdge[depth - 1]!;
      if (e < start[v + 1]!) {
        pathEdge[depth - 1] = e + 1;
        const w = next[e]!;
        if (order[w] === -1) enter(w);
        // On Tarjan's stack: seen, and not yet in a finished component.
        else if (component[w] === -1 && order[w]! < low[v]!) low[v] = order[w]!;
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = pathVertex[depth - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === order[v]) {
        const c = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          component[w] = c;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
    }
  }
  return { index, from, to, component, sizes: Int32Array.from(sizes) };
}
