import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { EdgeSources } from './edge-sources.js';
import { ROOT, essentialEdges, firstEdgeTable, pageOwnedNodes } from './essential-edges.js';
import { findOwners, moveOwnedSizes, selfSizes } from './shallow-sizes.js';

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
const started = new WeakMap<HeapSnapshot, Search>();

/**
 * The dominator tree over the essential edges (essential-edges.ts), with retained sizes, as Chrome
 * DevTools computes them: a node with no essential retainer hangs from the root, and so does every
 * node of a cycle nothing else reaches. Computed once per snapshot, on first use.
 */
export function dominatorTree(snap: HeapSnapshot): DominatorTree {
  let tree = computed.get(snap);
  if (!tree) {
    tree = finish(snap, started.get(snap) ?? start(snap));
    started.delete(snap);
    computed.set(snap, tree);
  }
  return tree;
}

/**
 * The part of dominatorTree that needs no retainer lists (the essential edges and the search from
 * the root, about half the work), for LoadOptions.whileIndexing: the reader runs it while its
 * worker still links the lists, and dominatorTree() takes it from there.
 */
export function startDominatorTree(snap: HeapSnapshot): void {
  if (!computed.has(snap) && !started.has(snap)) started.set(snap, start(snap));
}

/**
 * The arrays of Lengauer and Tarjan's algorithm (below) as the depth-first search from the root
 * leaves them. Vertices are DFS numbers 1..n, 0 is "none". Six arrays of n + 1 words; the ones
 * that are free during the search hold its edge cursors, and the results reuse them: the peak is
 * 24 bytes a node beside the snapshot.
 */
interface Search {
  readonly num: Uint32Array; // ordinal -> DFS number
  readonly vertex: Uint32Array; // DFS number -> ordinal
  readonly parent: Uint32Array; // DFS number -> DFS parent, then immediate dominator
  readonly semi: Uint32Array;
  readonly pair: ArrayBuffer;
  /** During the search, the per-ordinal table of first edges. */
  readonly ancestor: Uint32Array;
  /** During the search, each node's edge cursor. */
  readonly label: Uint32Array;
  readonly essential: Uint32Array;
  /** How many vertices are numbered. */
  n: number;
}

function start(snap: HeapSnapshot): Search {
  const size = snap.nodeCount + 1;
  const pair = new ArrayBuffer(size * 8);
  const ancestor = new Uint32Array(pair, 0, size);
  const vertex = new Uint32Array(size);
  // `vertex` is the page-owned pass's stack.
  const essential = snap.nodeCount === 0 ? new Uint32Array(0) : essentialEdges(snap, pageOwnedNodes(snap, firstEdgeTable(snap, ancestor), vertex));
  const s: Search = { num: new Uint32Array(size), vertex, parent: new Uint32Array(size), semi: new Uint32Array(size), pair, ancestor, label: new Uint32Array(pair, size * 4, size), essential, n: 0 };
  if (snap.nodeCount > 0) search(snap, s, ROOT, 0);
  return s;
}

/** Numbers the nodes reached from `start` over essential edges, depth first, without recursion. */
function search(snap: HeapSnapshot, s: Search, start: number, from: number): void {
  const { edges, nodeFieldCount: nf, edgeFieldCount: ef } = snap;
  const { num, vertex, parent, label, essential, ancestor: firstEdge } = s;
  const toOff = snap.meta.edgeOffsets.toNode;
  // The reciprocal, rounded, is exact for node indices and cheaper than a division.
  const perNode = 1 / nf;
  let n = s.n;
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
      const child = (edges[e + toOff]! * perNode + 0.5) | 0;
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
  s.n = n;
}

/**
 * Lengauer and Tarjan's semi-dominators with path compression, then immediate dominators by
 * walking up from the DFS parent (the SEMI-NCA variant: no buckets), over what start() found.
 */
function finish(snap: HeapSnapshot, s: Search): DominatorTree {
  const { nodeCount: count } = snap;
  const size = count + 1;
  const { num, vertex, parent, semi, pair, ancestor, label, essential } = s;
  if (count === 0) return { dominator: new Uint32Array(0), retainedSize: new Float64Array(0), shallowSize: new Uint32Array(0), reachedFromRoot: 0 };
  const reachedFromRoot = s.n;
  const { lastRetainer, previousRetainer } = snap.retainerLists;
  // Nodes with no essential retainer (kept by weak edges only, or by nothing) hang from the root.
  if (s.n < count) {
    for (let o = 0; o < count; o++) {
      if (num[o] !== 0 || hasEssentialRetainer(o, lastRetainer, previousRetainer, essential)) continue;
      search(snap, s, o, 1);
    }
  }
  const searched = s.n;
  let n = s.n;
  // What is left is only kept by cycles nothing else reaches: the root dominates each node.
  for (let o = 0; n < count && o < count; o++) {
    if (num[o] !== 0) continue;
    num[o] = ++n;
    vertex[n] = o;
    parent[n] = 1;
  }
  ancestor.fill(0);
  for (let i = 0; i < size; i++) label[i] = semi[i] = i;
  const sources = new EdgeSources(snap);
  for (let w = searched; w >= 2; w--) {
    let s = w;
    let orphan = true;
    for (let k = lastRetainer[vertex[w]!]!; k !== 0; k = previousRetainer[k - 1]!) {
      const edge = k - 1;
      if ((essential[edge >>> 5]! & (1 << (edge & 31))) === 0) continue;
      orphan = false;
      const v = num[sources.ownerOf(edge)]!;
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

  // Results, in buffers whose contents are spent: dominators by ordinal in `semi`; then the
  // first-edge table again in `num`, owners in `parent` with `pair` as their stack; then sizes
  // in `pair` and shallow sizes in `num`.
  const dominator = semi.subarray(0, count);
  for (let o = 0; o < count; o++) dominator[o] = vertex[idom[num[o]!]!]!;
  const owners = parent;
  const found = findOwners(snap, owners, new Uint32Array(pair), firstEdgeTable(snap, num));
  const retainedSize = new Float64Array(pair, 0, count);
  selfSizes(snap, retainedSize);
  if (found) moveOwnedSizes(snap, owners, retainedSize);
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
