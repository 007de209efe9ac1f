import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { parseWeakMapEdge } from './ephemerons.js';

/** What DevTools shows for nodes no root reaches (its `noDistance`). */
export const UNREACHABLE = -5;
/** Where the distances of nodes reached only from system roots start (DevTools' `baseSystemDistance`). */
export const SYSTEM_BASE = 100_000_000;
/** `parentEdge` of roots and unreachable nodes. */
export const NO_EDGE = 0xffffffff;

/** Every node's distance from the roots, and the edge by which a shortest path reaches it. */
export interface Distances {
  /** Per ordinal: hops from the nearest user root (a global object: 1), or SYSTEM_BASE + hops from the root, or UNREACHABLE. */
  readonly distance: Int32Array;
  /** Per ordinal: the index in `edges` of the edge the breadth-first search reached the node by, or NO_EDGE. */
  readonly parentEdge: Uint32Array;
  /** Whether the snapshot has user roots (global objects, Window) at all. */
  readonly hasUserRoots: boolean;
}

const computed = new WeakMap<HeapSnapshot, Distances>();

/**
 * Distances as Chrome DevTools computes them (HeapSnapshot.calculateDistances, JSHeapSnapshot's
 * filter), so that "distance" means the same number in both tools:
 * - breadth-first from the root's non-synthetic children (the global objects) at distance 1,
 *   then from the root itself at SYSTEM_BASE for what those do not reach;
 * - weak edges are not followed;
 * - `sloppy_function_map` of a NativeContext and the descriptor slots of `(map descriptors)` are
 *   not followed (maps share descriptor arrays);
 * - a WeakMap value is reached by the second of its two edges (key, table) that the search meets,
 *   so its distance is one more than the farther of the two.
 * Computed once per snapshot, on first use.
 */
export function distances(snap: HeapSnapshot): Distances {
  let d = computed.get(snap);
  if (!d) {
    d = compute(snap);
    computed.set(snap, d);
  }
  return d;
}

function compute(snap: HeapSnapshot): Distances {
  const { nodes, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const distance = new Int32Array(nodeCount).fill(UNREACHABLE);
  const parentEdge = new Uint32Array(nodeCount).fill(NO_EDGE);
  if (nodeCount === 0) return { distance, parentEdge, hasUserRoots: false };

  // Where every node's edges start: the snapshot keeps one entry every few nodes, and the
  // search visits nodes in no order, so a full table for the length of the search pays.
  const firstEdge = new Uint32Array(nodeCount + 1);
  const edgeCountOff = meta.nodeOffsets.edgeCount;
  for (let o = 0, e = 0; o < nodeCount; o++) {
    e += nodes[o * nf + edgeCountOff]! * ef;
    firstEdge[o + 1] = e;
  }

  const typeOff = meta.nodeOffsets.type;
  const syntheticType = meta.nodeTypes.indexOf('synthetic');
  const queue = new Uint32Array(nodeCount);
  let tail = 0;
  for (let e = 0; e < firstEdge[1]!; e += ef) {
    const child = snap.edgeTarget(e);
    // DevTools also counts the synthetic `(Document DOM trees)` of a page as a user root.
    if (nodes[child * nf + typeOff] !== syntheticType || snap.nodeName(child) === '(Document DOM trees)') {
      distance[child] = 1;
      parentEdge[child] = e;
      // DevTools queues a global as often as the root links it; so does this (it matters to
      // which WeakMap edge comes second).
      if (tail < nodeCount) queue[tail++] = child;
    }
  }
  const hasUserRoots = tail > 0;
  const filter = edgeFilter(snap);
  search(snap, firstEdge, queue, tail, distance, parentEdge, filter);
  distance[0] = hasUserRoots ? SYSTEM_BASE : 0;
  queue[0] = 0;
  search(snap, firstEdge, queue, 1, distance, parentEdge, filter);
  return { distance, parentEdge, hasUserRoots };
}

/** The edges JSHeapSnapshot's filter keeps out of the search, by the kind of node they leave. */
const ORDINARY = 0;
const NATIVE_CONTEXT = 1;
const MAP_DESCRIPTORS = 2;

interface EdgeFilter {
  kindOf(ordinal: number): number;
  /** For an edge whose target has no distance yet, and that leaves a special node or is internal. */
  allows(kind: number, edge: number): boolean;
}

function edgeFilter(snap: HeapSnapshot): EdgeFilter {
  const { meta, strings, edges } = snap;
  const hiddenNode = meta.nodeTypes.indexOf('hidden');
  const arrayNode = meta.nodeTypes.indexOf('array');
  const internalEdge = meta.edgeTypes.indexOf('internal');
  const elementEdge = meta.edgeTypes.indexOf('element');
  const hiddenEdge = meta.edgeTypes.indexOf('hidden');
  // Per string index, what a hidden or array node of that name is: 0 not looked at yet, else
  // ORDINARY + 1, NATIVE_CONTEXT + 1 or MAP_DESCRIPTORS + 1. Names are decoded once each, and
  // only those of hidden and array nodes (a scan of the string table for the two names would
  // cost more than the search on big heaps).
  const kindByName = new Uint8Array(strings.count);
  const typeOff = meta.edgeOffsets.type;
  const nameOff = meta.edgeOffsets.nameOrIndex;
  // Per string index: 0 not looked at yet, 1 not a WeakMap entry's name, 2 one. Each name is
  // decoded once: most internal edges are met before their targets have a distance.
  const weakMapName = new Uint8Array(strings.count);
  const pending = new Set<string>();
  return {
    kindOf(ordinal) {
      const type = snap.nodeTypeIndex(ordinal);
      if (type !== hiddenNode && type !== arrayNode) return ORDINARY;
      const name = snap.nodeNameIndex(ordinal);
      if (kindByName[name] === 0) {
        const text = strings.get(name);
        kindByName[name] = 1 + (text === 'system / NativeContext' ? NATIVE_CONTEXT : text === '(map descriptors)' ? MAP_DESCRIPTORS : ORDINARY);
      }
      const kind = kindByName[name]! - 1;
      // The name decides, with the node type DevTools checks for it.
      return (kind === NATIVE_CONTEXT && type === hiddenNode) || (kind === MAP_DESCRIPTORS && type === arrayNode) ? kind : ORDINARY;
    },
    allows(kind, edge) {
      const type = edges[edge + typeOff]!;
      const nameIndex = edges[edge + nameOff]!;
      const named = type !== elementEdge && type !== hiddenEdge;
      if (kind === NATIVE_CONTEXT && named && strings.get(nameIndex) === 'sloppy_function_map') return false;
      if (kind === MAP_DESCRIPTORS) {
        const index = named ? parseInt(strings.get(nameIndex), 10) : nameIndex;
        return index < 2 || index % 3 !== 1;
      }
      if (type !== internalEdge) return true;
      if (weakMapName[nameIndex] === 0) weakMapName[nameIndex] = parseWeakMapEdge(strings.get(nameIndex)) ? 2 : 1;
      if (weakMapName[nameIndex] === 1) return true;
      // The first of an entry's two edges met waits for the second, which sets the distance.
      const pair = parseWeakMapEdge(strings.get(nameIndex))!.pairName;
      if (pending.delete(pair)) return true;
      pending.add(pair);
      return false;
    },
  };
}

/** DevTools' bfs(): the queue holds ordinals; a node's distance is fixed when first reached. */
function search(snap: HeapSnapshot, firstEdge: Uint32Array, queue: Uint32Array, tail: number, distance: Int32Array, parentEdge: Uint32Array, filter: EdgeFilter): void {
  const { edges, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const typeOff = meta.edgeOffsets.type;
  const toOff = meta.edgeOffsets.toNode;
  const weakType = meta.edgeTypes.indexOf('weak');
  const internalType = meta.edgeTypes.indexOf('internal');
  for (let head = 0; head < tail; ) {
    const ordinal = queue[head++]!;
    const next = distance[ordinal]! + 1;
    const kind = filter.kindOf(ordinal);
    const end = firstEdge[ordinal + 1]!;
    for (let e = firstEdge[ordinal]!; e < end; e += ef) {
      const type = edges[e + typeOff]!;
      if (type === weakType) continue;
      const child = (edges[e + toOff]! / nf) | 0;
      if (distance[child] !== UNREACHABLE) continue;
      if ((kind !== ORDINARY || type === internalType) && !filter.allows(kind, e)) continue;
      distance[child] = next;
      parentEdge[child] = e;
      queue[tail++] = child;
    }
  }
}
