import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { ROOT, essentialEdges, pageOwnedNodes } from './essential-edges.js';
import { ownersBeside } from './owners-in-parallel.js';
import { moveOwnedSizes, selfSizes } from './shallow-sizes.js';

/** The dominator tree and what hangs on each node, per ordinal. */
export interface DominatorTree {
  /** The immediate dominator of each node (the root's is the root). */
  readonly dominator: Uint32Array;
  /** Self size plus the self sizes of every node it dominates, in bytes (can pass 2^32). */
  readonly retainedSize: Float64Array;
  /** Self size as DevTools shows it (internal backing stores counted in their owner; see shallow-sizes.ts). */
  readonly shallowSize: Uint32Array;
  /**
   * How many nodes were reached from the root over essential edges; the rest hang from nodes
   * with no essential retainer (weak-only retainers) or from unreachable cycles, and are
   * dominated by the root as in DevTools.
   */
  readonly reachedFromRoot: number;
}

const computed = new WeakMap<HeapSnapshot, DominatorTree>();

/**
 * The dominator tree over the essential edges (essential-edges.ts), with retained sizes, as Chrome
 * DevTools computes them: a node with no essential retainer hangs from the root, and so does every
 * node of a cycle nothing else reaches. Computed once per snapshot, on first use.
 */
export function dominatorTree(snap: HeapSnapshot): DominatorTree {
  let tree = computed.get(snap);
  if (!tree) {
    tree = compute(snap);
    computed.set(snap, tree);
  }
  return tree;
}

/**
 * Lengauer and Tarjan's semi-dominators with path compression, then immediate dominators by
 * walking up from the DFS parent (the SEMI-NCA variant: no buckets). Vertices are DFS numbers
 * 1..n, 0 is "none". Six arrays of n + 1 words; the ones that are free during the search hold
 * its edge cursors, and the results reuse them: the peak is 24 bytes a node beside the snapshot.
 */
function compute(snap: HeapSnapshot): DominatorTree {
  const { edges, nodeCount: count, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const size = count + 1;
  const num = new Uint32Array(size); // ordinal -> DFS number
  const vertex = new Uint32Array(size); // DFS number -> ordinal
  const parent = new Uint32Array(size); // DFS number -> DFS parent, then immediate dominator
  const semi = new Uint32Array(size);
  const pair = new ArrayBuffer(size * 8);
  const ancestor = new Uint32Array(pair, 0, size);
  const label = new Uint32Array(pair, size * 4, size);
  if (count === 0) return { dominator: new Uint32Array(0), retainedSize: new Float64Array(0), shallowSize: new Uint32Array(0), reachedFromRoot: 0 };

  // Shallow sizes need only the snapshot: on the second core, beside everything below.
  const ownersTask = ownersBeside(snap);
  // During the search `label` is each node's edge cursor; `vertex` is the page-owned pass's stack.
  const firstEdge = snap.firstEdges;
  const essential = essentialEdges(snap, pageOwnedNodes(snap, vertex));
  const toOff = meta.edgeOffsets.toNode;

  let n = 0;
  const search = (start: number, from: number): void => {
    num[start] = ++n;
    vertex[n] = start;
    parent[n] = from;
    label[start] = firstEdge[start]!;
    let v = n;
    while (v !== from) {
      const o = vertex[v]!;
      const end = firstEdge[o + 1]!;
      let e = label[o]!;
      let next = parent[v]!;
      for (let k = (e / ef) | 0; e < end; e += ef, k++) {
        if ((essential[k >>> 5]! & (1 << (k & 31))) === 0) continue;
        const child = (edges[e + toOff]! / nf) | 0;
        if (num[child] !== 0) continue;
        num[child] = ++n;
        vertex[n] = child;
        parent[n] = v;
        label[child] = firstEdge[child]!;
        next = n;
        e += ef;
        break;
      }
      label[o] = e;
      v = next;
    }
  };
  search(ROOT, 0);
  const reachedFromRoot = n;
  const { lastRetainer, previousRetainer } = snap.retainerLists;
  // Nodes with no essential retainer (kept by weak edges only, or by nothing) hang from the root.
  if (n < count) {
    for (let o = 0; o < count; o++) {
      if (num[o] !== 0 || hasEssentialRetainer(o, lastRetainer, previousRetainer, essential)) continue;
      search(o, 1);
    }
  }
  const searched = n;
  // What is left is only kept by cycles nothing else reaches: the root dominates each node.
  for (let o = 0; n < count && o < count; o++) {
    if (num[o] !== 0) continue;
    num[o] = ++n;
    vertex[n] = o;
    parent[n] = 1;
  }

  ancestor.fill(0);
  for (let i = 0; i < size; i++) label[i] = semi[i] = i;
  const sources = snap.edgeOwnerIndex;
  for (let w = searched; w >= 2; w--) {
    let s = w;
    let orphan = true;
    for (let k = lastRetainer[vertex[w]!]!; k !== 0; k = previousRetainer[k - 1]!) {
      const edge = k - 1;
      if ((essential[edge >>> 5]! & (1 << (edge & 31))) === 0) continue;
      orphan = false;
      const v = num[sources.ofOrdinal(edge)]!;
      // A node of an unreached cycle is numbered last: it can never lower a semi-dominator.
      if (v > searched) continue;
      let u = v;
      if (ancestor[v] !== 0) {
        compress(v, ancestor, label, semi);
        u = label[v]!;
      }
      if (semi[u]! < s) s = semi[u]!;
    }
    semi[w] = orphan ? 1 : s;
    ancestor[w] = parent[w]!;
  }
  const idom = parent;
  idom[1] = 1;
  for (let w = 2; w <= searched; w++) {
    let d = idom[w]!;
    while (d > semi[w]!) d = idom[d]!;
    idom[w] = d;
  }

  // Results, in buffers whose contents are spent: dominators by ordinal in `semi`, sizes in
  // `pair` and shallow sizes in `num`.
  const dominator = semi.subarray(0, count);
  for (let o = 0; o < count; o++) dominator[o] = vertex[idom[num[o]!]!]!;
  const owners = ownersTask.owners();
  const retainedSize = new Float64Array(pair, 0, count);
  selfSizes(snap, retainedSize);
  if (owners) moveOwnedSizes(snap, owners, retainedSize);
  const shallowSize = num.subarray(0, count);
  for (let o = 0; o < count; o++) shallowSize[o] = Math.min(retainedSize[o]!, 0xffffffff);
  for (let w = n; w >= 2; w--) {
    const o = vertex[w]!;
    retainedSize[dominator[o]!] += retainedSize[o]!;
  }
  return { dominator, retainedSize, shallowSize, reachedFromRoot };
}

function hasEssentialRetainer(o: number, last: Uint32Array, previous: Uint32Array, essential: Uint32Array): boolean {
  for (let k = last[o]!; k !== 0; k = previous[k - 1]!) {
    const edge = k - 1;
    if ((essential[edge >>> 5]! & (1 << (edge & 31))) !== 0) return true;
  }
  return false;
}

/**
 * Path compression without a stack: the ancestor links from `v` up are reversed on the way up and
 * restored (pointing at the top of the path) on the way down, each node taking the label with the
 * smaller semi-dominator from the one above it.
 */
function compress(v: number, ancestor: Uint32Array, label: Uint32Array, semi: Uint32Array): void {
  let below = 0;
  let at = v;
  while (ancestor[ancestor[at]!] !== 0) {
    const up = ancestor[at]!;
    ancestor[at] = below;
    below = at;
    at = up;
  }
  const top = ancestor[at]!;
  let above = at;
  while (below !== 0) {
    const next = ancestor[below]!;
    if (semi[label[above]!]! < semi[label[below]!]!) label[below] = label[above]!;
    ancestor[below] = top;
    above = below;
    below = next;
  }
}
