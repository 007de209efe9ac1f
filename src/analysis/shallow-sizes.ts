import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { ROOT, bitSet } from './essential-edges.js';

const UNVISITED = 0xffffffff;
const MANY_OWNERS = 0xfffffffe;

/**
 * Self sizes as DevTools shows them (JSHeapSnapshot.calculateShallowSizes): a V8 internal array or
 * `hidden` node (an object's backing store, a closure's feedback) that exactly one other object
 * reaches, through internal nodes only, is counted in that object's size, and its own size
 * becomes 0. Where several objects reach it, or the owner is the root or a synthetic node, it
 * keeps its size. Skipped, as in DevTools, when the root has no user roots (a snapshot that
 * exposes V8 internals, where sizes are better shown as allocated).
 *
 * Two steps, so that the first can run beside other work: findOwners fills `owners` (nodeCount
 * entries), then moveOwnedSizes turns self sizes into shallow sizes.
 */
export function shallowSizes(snap: HeapSnapshot): Float64Array {
  const sizes = new Float64Array(snap.nodeCount);
  const owners = new Uint32Array(snap.nodeCount);
  const found = findOwners(snap, owners);
  selfSizes(snap, sizes);
  if (found) moveOwnedSizes(snap, owners, sizes);
  return sizes;
}

/** Every node's self size as V8 wrote it. */
export function selfSizes(snap: HeapSnapshot, into: Float64Array): void {
  const { nodes, nodeCount, nodeFieldCount: nf } = snap;
  const sizeOff = snap.meta.nodeOffsets.selfSize;
  for (let o = 0; o < nodeCount; o++) into[o] = nodes[o * nf + sizeOff]!;
}

/**
 * What spreading ownership reads and writes: plain numbers and typed arrays, so that a worker
 * thread can be handed them (owners-in-parallel.ts).
 */
export interface OwnersJob {
  readonly edges: Uint32Array;
  readonly firstEdge: Uint32Array;
  /** One bit per node: hidden, array and external string data nodes, which get owners. */
  readonly internal: Uint32Array;
  /** Filled: per node, its owner, UNVISITED, MANY_OWNERS, or itself for the others. */
  readonly owners: Uint32Array;
  readonly nodeFieldCount: number;
  readonly edgeFieldCount: number;
  readonly edgeTypeOffset: number;
  readonly toNodeOffset: number;
  readonly weakType: number;
}

/** The job for `snap`, writing into `owners`; undefined (nothing to move) when the snapshot has no user roots. */
export function ownersJob(snap: HeapSnapshot, owners: Uint32Array, internal = bitSet(snap.nodeCount)): OwnersJob | undefined {
  const { nodes, nodeCount, nodeFieldCount: nf, meta } = snap;
  if (!hasUserRoots(snap)) return undefined;
  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const hidden = meta.nodeTypes.indexOf('hidden');
  const array = meta.nodeTypes.indexOf('array');
  const native = meta.nodeTypes.indexOf('native');
  const externalData = new Set(snap.strings.indicesOf('system / ExternalStringData'));
  for (let o = 0; o < nodeCount; o++) {
    const type = nodes[o * nf + typeOff]!;
    if (type === hidden || type === array || (type === native && externalData.has(nodes[o * nf + nameOff]!))) internal[o >>> 5]! |= 1 << (o & 31);
  }
  return {
    edges: snap.edges,
    firstEdge: snap.firstEdges,
    internal,
    owners,
    nodeFieldCount: nf,
    edgeFieldCount: snap.edgeFieldCount,
    edgeTypeOffset: meta.edgeOffsets.type,
    toNodeOffset: meta.edgeOffsets.toNode,
    weakType: meta.edgeTypes.indexOf('weak'),
  };
}

/** Fills `owners`; false (and nothing to move) when the snapshot has no user roots. */
export function findOwners(snap: HeapSnapshot, owners: Uint32Array): boolean {
  const job = ownersJob(snap, owners);
  if (job) spreadOwners(job);
  return job !== undefined;
}

/**
 * Ownership spreads along every non-weak edge into internal nodes; the order of the visits does
 * not change the outcome (each node's owner only moves from unvisited to one owner to many), so
 * each owner spreads in turn, in node order: edges are read front to back, and the stack holds
 * internal nodes only, each pushed at most twice. Whether a child is internal is read from a bit
 * that stays in cache; `owners` would cost a miss an edge, and most edges lead elsewhere.
 */
export function spreadOwners(job: OwnersJob): void {
  const { edges, firstEdge, internal, owners, nodeFieldCount: nf, edgeFieldCount: ef, edgeTypeOffset: typeOff, toNodeOffset: toOff, weakType: weak } = job;
  const nodeCount = owners.length;
  let internalCount = 0;
  for (let o = 0; o < nodeCount; o++) {
    const isInternal = (internal[o >>> 5]! & (1 << (o & 31))) !== 0;
    owners[o] = isInternal ? UNVISITED : o;
    if (isInternal) internalCount++;
  }
  const stack = new Uint32Array(2 * internalCount + 1);
  for (let start = 0; start < nodeCount; start++) {
    if (owners[start] !== start) continue;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const o = stack[--top]!;
      const owner = owners[o]!;
      const end = firstEdge[o + 1]!;
      for (let e = firstEdge[o]!; e < end; e += ef) {
        if (edges[e + typeOff] === weak) continue;
        const child = (edges[e + toOff]! / nf) | 0;
        if ((internal[child >>> 5]! & (1 << (child & 31))) === 0) continue;
        const current = owners[child]!;
        if (current === UNVISITED) {
          owners[child] = owner;
          stack[top++] = child;
        } else if (current !== owner && current !== MANY_OWNERS) {
          owners[child] = MANY_OWNERS;
          stack[top++] = child;
        }
      }
    }
  }
}

/** Moves each owned node's size into its owner (`sizes` holds self sizes on entry). */
export function moveOwnedSizes(snap: HeapSnapshot, owners: Uint32Array, sizes: Float64Array): void {
  const { nodes, nodeCount, nodeFieldCount: nf } = snap;
  const typeOff = snap.meta.nodeOffsets.type;
  const synthetic = snap.meta.nodeTypes.indexOf('synthetic');
  for (let o = 0; o < nodeCount; o++) {
    const owner = owners[o]!;
    if (owner === UNVISITED || owner === MANY_OWNERS || owner === o) continue;
    if (owner === ROOT || nodes[owner * nf + typeOff] === synthetic) continue;
    sizes[owner] += sizes[o]!;
    sizes[o] = 0;
  }
}

/** DevTools' #hasUserRoots: the root links a non-synthetic node (a global object) or a `(Document DOM trees)` root. */
export function hasUserRoots(snap: HeapSnapshot): boolean {
  if (snap.nodeCount === 0) return false;
  const synthetic = snap.meta.nodeTypes.indexOf('synthetic');
  const first = snap.firstEdge(ROOT);
  const end = first + snap.edgeCountOf(ROOT) * snap.edgeFieldCount;
  for (let e = first; e < end; e += snap.edgeFieldCount) {
    const child = snap.edgeTarget(e);
    if (snap.nodeTypeIndex(child) !== synthetic || snap.nodeName(child) === '(Document DOM trees)') return true;
  }
  return false;
}
