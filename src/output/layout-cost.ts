import type { RetainerGraph } from '../graph/types.js';

/**
 * About how many boxes Graphviz's dot lays out for a graph: its own, plus one hidden box on each
 * rank an arrow passes through (dot splits every arrow longer than one rank into a chain of
 * them, and its crossing minimisation runs on all). A ladder of a hundred list links, each also
 * held from one array, has 123 boxes but about 7,000 hidden ones, and kept dot busy 15 minutes.
 *
 * The ranks are those of the longest path after dot's own cycle breaking (arrows that close a
 * cycle in depth-first order turn around), counted from the top and from the bottom; the smaller
 * total is taken, since dot's ranking pulls boxes toward the shorter arrows.
 */
export function layoutBoxes(graph: RetainerGraph): number {
  const index = new Map<string, number>();
  for (const n of graph.nodes) index.set(n.key, index.size);
  for (const m of graph.more) index.set(m.key, index.size);
  const n = index.size;
  const tails: number[] = [];
  const heads: number[] = [];
  for (const e of graph.edges) {
    const t = index.get(e.from);
    const h = index.get(e.to);
    if (t !== undefined && h !== undefined && t !== h) {
      tails.push(t);
      heads.push(h);
    }
  }
  const m = tails.length;
  reverseBackEdges(n, adjacency(n, tails), tails, heads);
  const down = adjacency(n, tails);
  const order = topologicalOrder(n, down, heads);
  const fromTop = new Int32Array(n);
  const fromBottom = new Int32Array(n);
  for (const v of order) {
    for (let k = down.start[v]!; k < down.start[v + 1]!; k++) {
      const h = heads[down.edge[k]!]!;
      fromTop[h] = Math.max(fromTop[h]!, fromTop[v]! + 1);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    for (let k = down.start[v]!; k < down.start[v + 1]!; k++) fromBottom[v] = Math.max(fromBottom[v]!, fromBottom[heads[down.edge[k]!]!]! + 1);
  }
  let top = 0;
  let bottom = 0;
  for (let e = 0; e < m; e++) {
    top += fromTop[heads[e]!]! - fromTop[tails[e]!]! - 1;
    bottom += fromBottom[tails[e]!]! - fromBottom[heads[e]!]! - 1;
  }
  return n + Math.min(top, bottom);
}

/** Per box, the arrows leaving it (indexes into tails/heads), in the order given. */
interface Adjacency {
  readonly start: Int32Array;
  readonly edge: Int32Array;
}

function adjacency(n: number, tails: readonly number[]): Adjacency {
  const start = new Int32Array(n + 1);
  for (const t of tails) start[t + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const edge = new Int32Array(tails.length);
  tails.forEach((t, e) => (edge[fill[t]!++] = e));
  return { start, edge };
}

/** Depth-first from each box in order, as dot does: an arrow into a box still on the path is turned around. */
function reverseBackEdges(n: number, out: Adjacency, tails: number[], heads: number[]): void {
  const state = new Uint8Array(n); // 0 unseen, 1 on the path, 2 done
  const next = new Int32Array(n);
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (state[s]) continue;
    state[s] = 1;
    next[s] = out.start[s]!;
    stack.push(s);
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      if (next[v] === out.start[v + 1]) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      const e = out.edge[next[v]!++]!;
      const h = heads[e]!;
      if (state[h] === 1) {
        heads[e] = tails[e]!;
        tails[e] = h;
      } else if (state[h] === 0) {
        state[h] = 1;
        next[h] = out.start[h]!;
        stack.push(h);
      }
    }
  }
}

/** Kahn's order of the boxes once no arrow closes a cycle. */
function topologicalOrder(n: number, out: Adjacency, heads: readonly number[]): number[] {
  const indegree = new Int32Array(n);
  for (const h of heads) indegree[h]!++;
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    for (let k = out.start[v]!; k < out.start[v + 1]!; k++) if (--indegree[heads[out.edge[k]!]!]! === 0) order.push(heads[out.edge[k]!]!);
  }
  return order;
}
