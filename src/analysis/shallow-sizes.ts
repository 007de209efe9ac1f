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
 * Two steps, so a caller short of memory can reuse the scratch between them: findOwners fills
 * `owners` (nodeCount entries) using `stack` (2 * nodeCount entries: an internal node is pushed at
 * most twice, as it changes from unowned to owned to shared, beside the one owner spreading), then
 * moveOwnedSizes turns self sizes into shallow sizes.
 */
export function shallowSizes(snap: HeapSnapshot): Float64Array {
  const sizes = new Float64Array(snap.nodeCount);
  const owners = new Uint32Array(snap.nodeCount);
  const found = findOwners(snap, owners, new Uint32Array(2 * snap.nodeCount));
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

/** Fills `owners`; false (and nothing to move) when the snapshot has no user roots. */
export function findOwners(snap: HeapSnapshot, owners: Uint32Array, stack: Uint32Array): boolean {
  const { nodes, edges, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef, meta, firstEdges: firstEdge } = snap;
  if (!hasUserRoots(snap)) return false;

  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const hidden = meta.nodeTypes.indexOf('hidden');
  const array = meta.nodeTypes.indexOf('array');
  const native = meta.nodeTypes.indexOf('native');
  const externalData = new Set(snap.strings.indicesOf('system / ExternalStringData'));
  const edgeTypeOff = meta.edgeOffsets.type;
  const toOff = meta.edgeOffsets.toNode;
  const weak = meta.edgeTypes.indexOf('weak');

  // The internal nodes, one bit each: most edges lead elsewhere, and the bits stay in cache
  // where `owners` (4 bytes a node) would cost a miss an edge to find that out.
  const internal = bitSet(nodeCount);
  for (let o = 0; o < nodeCount; o++) {
    const type = nodes[o * nf + typeOff]!;
    if (type === hidden || type === array || (type === native && externalData.has(nodes[o * nf + nameOff]!))) {
      owners[o] = UNVISITED;
      internal[o >>> 5]! |= 1 << (o & 31);
    } else {
      owners[o] = o;
    }
  }
  // Ownership spreads along every non-weak edge into internal nodes; the order of the visits does
  // not change the outcome (each node's owner only moves from unvisited to one owner to many),
  // so each owner spreads in turn, in node order: its edges are read front to back, and the
  // stack holds internal nodes only.
  for (let start = 0; start < nodeCount; start++) {
    if ((internal[start >>> 5]! & (1 << (start & 31))) !== 0) continue;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const o = stack[--top]!;
      const owner = owners[o]!;
      const end = firstEdge[o + 1]!;
      for (let e = firstEdge[o]!; e < end; e += ef) {
        if (edges[e + edgeTypeOff] === weak) continue;
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
  return true;
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
