import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { weakMapEdgeNamed } from './ephemerons.js';

/** The root is node 0 in every snapshot V8 writes (DevTools assumes the same). */
export const ROOT = 0;

/** One bit per item, in 32-bit words. */
export function bitSet(count: number): Uint32Array {
  return new Uint32Array((count + 31) >>> 5);
}

/**
 * DevTools' page-owned objects (JSHeapSnapshot.markPageOwnedNodes): everything reachable over
 * non-weak edges from the targets of the root's shortcut edges (the global objects a page or a
 * Node.js context exposes) and from a `(Document DOM trees)` root. One bit per ordinal.
 * `stack` is scratch of at least nodeCount entries.
 */
export function pageOwnedNodes(snap: HeapSnapshot, stack: Uint32Array): Uint32Array {
  const { nodes, edges, nodeFieldCount: nf, edgeFieldCount: ef, meta, firstEdges: firstEdge } = snap;
  const owned = bitSet(snap.nodeCount);
  if (snap.nodeCount === 0) return owned;
  const typeOff = meta.edgeOffsets.type;
  const toOff = meta.edgeOffsets.toNode;
  const shortcut = meta.edgeTypes.indexOf('shortcut');
  const element = meta.edgeTypes.indexOf('element');
  const weak = meta.edgeTypes.indexOf('weak');
  const synthetic = meta.nodeTypes.indexOf('synthetic');
  const nodeTypeOff = meta.nodeOffsets.type;
  let top = 0;
  for (let e = firstEdge[ROOT]!; e < firstEdge[ROOT + 1]!; e += ef) {
    const type = edges[e + typeOff]!;
    const child = (edges[e + toOff]! / nf) | 0;
    if (type === element) {
      if (nodes[child * nf + nodeTypeOff] !== synthetic || snap.nodeName(child) !== '(Document DOM trees)') continue;
    } else if (type !== shortcut) continue;
    if ((owned[child >>> 5]! & (1 << (child & 31))) !== 0) continue;
    owned[child >>> 5]! |= 1 << (child & 31);
    stack[top++] = child;
  }
  while (top > 0) {
    const o = stack[--top]!;
    const end = firstEdge[o + 1]!;
    for (let e = firstEdge[o]!; e < end; e += ef) {
      if (edges[e + typeOff] === weak) continue;
      const child = (edges[e + toOff]! / nf) | 0;
      const word = child >>> 5;
      const bit = 1 << (child & 31);
      if ((owned[word]! & bit) !== 0) continue;
      owned[word]! |= bit;
      stack[top++] = child;
    }
  }
  return owned;
}

/**
 * The edges that count for dominators, one bit per edge ordinal, as DevTools'
 * computeIsEssentialEdge decides:
 * - weak edges never retain;
 * - self edges are left out;
 * - shortcut edges count only from the root (elsewhere they repeat a path that exists anyway);
 * - of a WeakMap entry's two edges to its value (from the key and from the table), the table's is
 *   left out: the value is kept by the key and the table together, and DevTools found the key the
 *   more useful dominator;
 * - an edge from an object that is not page-owned to one that is, is left out (objects held by the
 *   debugger or the embedder would otherwise dominate page objects).
 * Edges from the root are subject to the first three rules only.
 */
export function essentialEdges(snap: HeapSnapshot, pageOwned: Uint32Array): Uint32Array {
  const { nodes, edges, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const bits = bitSet(snap.edgeCount);
  const typeOff = meta.edgeOffsets.type;
  const nameOff = meta.edgeOffsets.nameOrIndex;
  const toOff = meta.edgeOffsets.toNode;
  const edgeCountOff = meta.nodeOffsets.edgeCount;
  const idOff = meta.nodeOffsets.id;
  const weak = meta.edgeTypes.indexOf('weak');
  const shortcut = meta.edgeTypes.indexOf('shortcut');
  const internal = meta.edgeTypes.indexOf('internal');
  const tables = new WeakMapTables(snap);
  for (let o = 0, e = 0, k = 0; o < nodeCount; o++) {
    const end = e + nodes[o * nf + edgeCountOff]! * ef;
    const ownerIsPage = (pageOwned[o >>> 5]! & (1 << (o & 31))) !== 0;
    const id = nodes[o * nf + idOff]!;
    for (; e < end; e += ef, k++) {
      const type = edges[e + typeOff]!;
      if (type === weak) continue;
      const child = (edges[e + toOff]! / nf) | 0;
      if (child === o) continue;
      if (type === internal && tables.tableOf(edges[e + nameOff]!) === id) continue;
      if (o !== ROOT) {
        if (type === shortcut) continue;
        if (!ownerIsPage && (pageOwned[child >>> 5]! & (1 << (child & 31))) !== 0) continue;
      }
      bits[k >>> 5]! |= 1 << (k & 31);
    }
  }
  return bits;
}

const NOT_AN_ENTRY = 1;
const ENTRY = 2;

/** The table id named by a WeakMap entry's edge name, parsed once per string. */
class WeakMapTables {
  private state: Uint8Array | undefined;
  private table: Uint32Array | undefined;
  constructor(private readonly snap: HeapSnapshot) {}

  /** The table's node id, or -1 when the string is not a WeakMap entry's edge name (or names an id no node can have). */
  tableOf(nameIndex: number): number {
    if (this.state === undefined) {
      this.state = new Uint8Array(this.snap.strings.count);
      this.table = new Uint32Array(this.snap.strings.count);
    }
    const state = this.state[nameIndex]!;
    if (state === NOT_AN_ENTRY) return -1;
    if (state === ENTRY) return this.table![nameIndex]!;
    const parsed = weakMapEdgeNamed(this.snap.strings, nameIndex);
    if (parsed === undefined || parsed.tableId > 0xffffffff) {
      this.state[nameIndex] = NOT_AN_ENTRY;
      return -1;
    }
    this.state[nameIndex] = ENTRY;
    this.table![nameIndex] = parsed.tableId;
    return parsed.tableId;
  }
}
