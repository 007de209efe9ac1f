import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { weakMapEdgeNamed } from './ephemerons.js';

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
  const { nodes, nodeCount, nodeFieldCount: nf, meta, firstEdges } = snap;
  const distance = new Int32Array(nodeCount).fill(UNREACHABLE);
  const parentEdge = new Uint32Array(nodeCount).fill(NO_EDGE);
  if (nodeCount === 0) return { distance, parentEdge, hasUserRoots: false };

  const typeOff = meta.nodeOffsets.type;
  const syntheticType = meta.nodeTypes.indexOf('synthetic');
  const queue = new Uint32Array(nodeCount);
  let tail = 0;
  for (let e = 0; e < firstEdges[1]!; e += snap.edgeFieldCount) {
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
  search(snap, queue, tail, distance, parentEdge, filter);
  distance[0] = hasUserRoots ? SYSTEM_BASE : 0;
  queue[0] = 0;
  search(snap, queue, 1, distance, parentEdge, filter);
  return { distance, parentEdge, hasUserRoots };
}

/** The edges JSHeapSnapshot's filter keeps out of the search, by the kind of node they leave. */
const ORDINARY = 0;
const NATIVE_CONTEXT = 1;
const MAP_DESCRIPTORS = 2;

function kindOfName(name: string): number {
  return name === 'system / NativeContext' ? NATIVE_CONTEXT : name === '(map descriptors)' ? MAP_DESCRIPTORS : ORDINARY;
}

/** Per string index, what an internal edge of that name is: not looked at yet, or decided. */
const UNDECIDED = 0;
const NOT_WEAK_MAP = 1;
const WEAK_MAP_ENTRY = 2;

interface EdgeFilter {
  /**
   * Per string index, UNDECIDED, NOT_WEAK_MAP or WEAK_MAP_ENTRY: read by the search itself, which
   * meets an internal edge to an unreached node about once per node, so that the common answer
   * costs no call.
   */
  readonly weakMapName: Uint8Array;
  /** For an internal edge whose name is not NOT_WEAK_MAP: whether it sets its target's distance. */
  allowsInternal(edge: number): boolean;
  /** For a hidden or array node (the types the filter looks at): NATIVE_CONTEXT, MAP_DESCRIPTORS or ORDINARY. */
  kindOf(ordinal: number, type: number): number;
  /** For an edge, to a node without a distance yet, of a node of kind NATIVE_CONTEXT or MAP_DESCRIPTORS. */
  allowsFromSpecial(kind: number, edge: number): boolean;
}

function edgeFilter(snap: HeapSnapshot): EdgeFilter {
  const { meta, strings, edges } = snap;
  const elementEdge = meta.edgeTypes.indexOf('element');
  const hiddenEdge = meta.edgeTypes.indexOf('hidden');
  const internalEdge = meta.edgeTypes.indexOf('internal');
  const typeOff = meta.edgeOffsets.type;
  const nameOff = meta.edgeOffsets.nameOrIndex;
  const weakMapName = new Uint8Array(strings.count);
  const pending = new Set<string>();
  const hiddenNode = meta.nodeTypes.indexOf('hidden');
  const arrayNode = meta.nodeTypes.indexOf('array');
  // Per string index: 0 not looked at yet, else 1 + the kind its name makes a node; only the
  // names of hidden and array nodes are decoded, each once.
  const kindByName = new Uint8Array(strings.count);
  const allowsInternal = (edge: number): boolean => {
    const nameIndex = edges[edge + nameOff]!;
    if (weakMapName[nameIndex] === UNDECIDED) weakMapName[nameIndex] = weakMapEdgeNamed(strings, nameIndex) ? WEAK_MAP_ENTRY : NOT_WEAK_MAP;
    if (weakMapName[nameIndex] === NOT_WEAK_MAP) return true;
    // The first of an entry's two edges met waits for the second, which sets the distance.
    const pair = weakMapEdgeNamed(strings, nameIndex)!.pairName;
    if (pending.delete(pair)) return true;
    pending.add(pair);
    return false;
  };
  return {
    weakMapName,
    allowsInternal,
    kindOf(ordinal, type) {
      const name = snap.nodeNameIndex(ordinal);
      if (kindByName[name] === 0) kindByName[name] = 1 + kindOfName(strings.get(name));
      const kind = kindByName[name]! - 1;
      // The name decides, with the node type DevTools checks for it.
      return (kind === NATIVE_CONTEXT && type === hiddenNode) || (kind === MAP_DESCRIPTORS && type === arrayNode) ? kind : ORDINARY;
    },
    allowsFromSpecial(kind, edge) {
      const type = edges[edge + typeOff]!;
      const nameIndex = edges[edge + nameOff]!;
      const named = type !== elementEdge && type !== hiddenEdge;
      if (kind === NATIVE_CONTEXT && named && strings.get(nameIndex) === 'sloppy_function_map') return false;
      if (kind === MAP_DESCRIPTORS) {
        const index = named ? parseInt(strings.get(nameIndex), 10) : nameIndex;
        return index < 2 || index % 3 !== 1;
      }
      return type !== internalEdge || allowsInternal(edge);
    },
  };
}

/**
 * DevTools' bfs(): the queue holds ordinals; a node's distance is fixed when first reached. A
 * node's type is read as it leaves the queue, for the few the filter looks at: V8 writes nodes
 * about in breadth-first order, so that read seldom misses the cache.
 */
function search(snap: HeapSnapshot, queue: Uint32Array, tail: number, distance: Int32Array, parentEdge: Uint32Array, filter: EdgeFilter): void {
  const { nodes, edges, firstEdges, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const typeOff = meta.edgeOffsets.type;
  const nameOff = meta.edgeOffsets.nameOrIndex;
  const toOff = meta.edgeOffsets.toNode;
  const nodeTypeOff = meta.nodeOffsets.type;
  const hiddenNode = meta.nodeTypes.indexOf('hidden');
  const arrayNode = meta.nodeTypes.indexOf('array');
  const weakType = meta.edgeTypes.indexOf('weak');
  const internalType = meta.edgeTypes.indexOf('internal');
  const { weakMapName } = filter;
  for (let head = 0; head < tail; ) {
    const ordinal = queue[head++]!;
    const next = distance[ordinal]! + 1;
    const nodeType = nodes[ordinal * nf + nodeTypeOff]!;
    const kind = nodeType === hiddenNode || nodeType === arrayNode ? filter.kindOf(ordinal, nodeType) : ORDINARY;
    const end = firstEdges[ordinal + 1]!;
    for (let e = firstEdges[ordinal]!; e < end; e += ef) {
      const type = edges[e + typeOff]!;
      if (type === weakType) continue;
      const child = (edges[e + toOff]! / nf) | 0;
      if (distance[child] !== UNREACHABLE) continue;
      if (kind !== ORDINARY) {
        if (!filter.allowsFromSpecial(kind, e)) continue;
      } else if (type === internalType && weakMapName[edges[e + nameOff]!] !== NOT_WEAK_MAP && !filter.allowsInternal(e)) continue;
      distance[child] = next;
      parentEdge[child] = e;
      queue[tail++] = child;
    }
  }
}

