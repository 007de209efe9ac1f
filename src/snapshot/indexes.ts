import { SnapshotError } from './errors.js';
import type { SnapshotMeta } from './meta.js';
import type { RawSnapshot } from './scanner.js';

/** What the walk needs, built once at load time in typed arrays. */
export interface SnapshotIndexes {
  /** Where each node's edges start in `edges`, plus one entry for the end. */
  readonly firstEdgeIndex: Uint32Array;
  /** The edges pointing at node `o` are `retainingEdges[firstRetainer[o] .. firstRetainer[o + 1])`. */
  readonly firstRetainer: Uint32Array;
  /** Edge indices (into `edges`), grouped by the node they point at. */
  readonly retainingEdges: Uint32Array;
}

/** What the passes over the edges need from the header: plain numbers, so a worker can be handed them. */
export interface EdgeLayout {
  readonly nodeFields: number;
  readonly nodeCount: number;
  readonly edgeFields: number;
  readonly type: number;
  readonly nameOrIndex: number;
  readonly toNode: number;
  readonly edgeTypeCount: number;
  /** Edge types whose `name_or_index` is a number, not a string. */
  readonly elementType: number;
  readonly hiddenType: number;
}

export function edgeLayout(meta: SnapshotMeta): EdgeLayout {
  return {
    nodeFields: meta.nodeFields.length,
    nodeCount: meta.nodeCount,
    edgeFields: meta.edgeFields.length,
    ...meta.edgeOffsets,
    edgeTypeCount: meta.edgeTypes.length,
    elementType: meta.edgeTypes.indexOf('element'),
    hiddenType: meta.edgeTypes.indexOf('hidden'),
  };
}

/**
 * Cross-checks the arrays against each other, so that everything after loading may index them
 * without checks (edge counts add up, every edge lands on a node, every name is a string), and
 * builds the retainer index by counting sort. Two passes over the edges in all: the checks ride
 * on the counting pass. The two-thread loader runs the same steps split between its threads.
 */
export function buildIndexes(raw: Pick<RawSnapshot, 'meta' | 'nodes' | 'edges'>, stringCount: number, file: string): SnapshotIndexes {
  const layout = edgeLayout(raw.meta);
  const { firstEdgeIndex, maxName } = indexEdgeOwners(raw.meta, raw.nodes, raw.edges.length, file);
  const firstRetainer = new Uint32Array(layout.nodeCount + 1);
  const maxEdgeName = countRetainers(layout, raw.edges, 0, raw.edges.length, firstRetainer, file);
  checkNames(raw, maxName, maxEdgeName, stringCount, file);
  const retainingEdges = new Uint32Array(countsToStarts(firstRetainer));
  fillRetainers(layout, raw.edges, firstRetainer, retainingEdges, 0, layout.nodeCount);
  shiftStarts(firstRetainer);
  return { firstEdgeIndex, firstRetainer, retainingEdges };
}

/**
 * Where each node's edges start; checks node types and that the edge counts add up. Returns
 * the highest string index used as a node name, checked once the strings are known.
 */
export function indexEdgeOwners(meta: SnapshotMeta, nodes: Uint32Array, edgesLength: number, file: string): { firstEdgeIndex: Uint32Array; maxName: number } {
  const nf = meta.nodeFields.length;
  const ef = meta.edgeFields.length;
  const nodeCount = nodes.length / nf;
  const { type: typeOff, name: nameOff, edgeCount: edgeCountOff } = meta.nodeOffsets;
  const nodeTypeCount = meta.nodeTypes.length;
  const firstEdgeIndex = new Uint32Array(nodeCount + 1);
  let edgeIndex = 0;
  let maxName = -1;
  for (let ordinal = 0, n = 0; ordinal < nodeCount; ordinal++, n += nf) {
    firstEdgeIndex[ordinal] = edgeIndex;
    edgeIndex += nodes[n + edgeCountOff]! * ef;
    if (nodes[n + typeOff]! >= nodeTypeCount) throw new SnapshotError('ERANGE', file, `node ${ordinal} has type ${nodes[n + typeOff]}, outside the ${nodeTypeCount} node types of meta.node_types`);
    const name = nodes[n + nameOff]!;
    if (name > maxName) maxName = name;
  }
  if (edgeIndex !== edgesLength) {
    throw new SnapshotError('ECOUNTS', file, `the nodes' edge_count fields add up to ${edgeIndex / ef} edges but the "edges" array holds ${edgesLength / ef} (snapshot.edge_count says ${meta.edgeCount})`);
  }
  firstEdgeIndex[nodeCount] = edgeIndex;
  return { firstEdgeIndex, maxName };
}

/**
 * Counts the edges in `edges[from, to)` pointing at each node into `counts`, checking each edge's
 * target and type on the way. Returns the highest string index used as an edge name (-1 if none).
 */
export function countRetainers(layout: EdgeLayout, edges: Uint32Array, from: number, to: number, counts: Uint32Array, file: string): number {
  const { nodeFields: nf, edgeFields: ef, type: typeOff, nameOrIndex: nameOff, toNode: toOff, edgeTypeCount, elementType, hiddenType } = layout;
  const nodesLength = layout.nodeCount * nf;
  let maxName = -1;
  for (let e = from; e < to; e += ef) {
    const target = edges[e + toOff]!;
    const ordinal = target / nf;
    const type = edges[e + typeOff]!;
    if (target >= nodesLength || Math.floor(ordinal) !== ordinal) {
      throw new SnapshotError('ERANGE', file, `edge ${e / ef} points to nodes index ${target}, ${target >= nodesLength ? `outside the nodes array (${layout.nodeCount} nodes)` : `not the start of a node (${nf} fields each)`}`);
    }
    if (type >= edgeTypeCount) throw new SnapshotError('ERANGE', file, `edge ${e / ef} has type ${type}, outside the ${edgeTypeCount} edge types of meta.edge_types`);
    if (type !== elementType && type !== hiddenType && edges[e + nameOff]! > maxName) maxName = edges[e + nameOff]!;
    counts[ordinal]!++;
  }
  return maxName;
}

/** Throws, naming the first culprit, when a node or edge name is not a string index. */
export function checkNames(raw: Pick<RawSnapshot, 'meta' | 'nodes' | 'edges'>, maxNodeName: number, maxEdgeName: number, stringCount: number, file: string): void {
  const { meta, nodes, edges } = raw;
  if (maxNodeName >= stringCount) {
    const nf = meta.nodeFields.length;
    const at = nodes.findIndex((name, i) => i % nf === meta.nodeOffsets.name && name >= stringCount);
    throw new SnapshotError('ERANGE', file, `node ${Math.floor(at / nf)} is named by string ${nodes[at]}, but there are only ${stringCount} strings`);
  }
  if (maxEdgeName >= stringCount) {
    const { edgeFields: ef, type, nameOrIndex, elementType, hiddenType } = edgeLayout(meta);
    let e = 0;
    while (edges[e + type] === elementType || edges[e + type] === hiddenType || edges[e + nameOrIndex]! < stringCount) e += ef;
    throw new SnapshotError('ERANGE', file, `edge ${e / ef} is named by string ${edges[e + nameOrIndex]}, but there are only ${stringCount} strings`);
  }
}

/** Turns per-node counts (plus a spare last slot) into start offsets in place; returns the total. */
export function countsToStarts(counts: Uint32Array): number {
  let sum = 0;
  const last = counts.length - 1;
  for (let o = 0; o < last; o++) {
    const c = counts[o]!;
    counts[o] = sum;
    sum += c;
  }
  counts[last] = sum;
  return sum;
}

/**
 * Files the index of every edge pointing at a node in `[fromNode, toNode)` under its target,
 * advancing `cursor` (the starts) as it goes. Two threads may fill disjoint node ranges at once.
 */
export function fillRetainers(layout: EdgeLayout, edges: Uint32Array, cursor: Uint32Array, retainingEdges: Uint32Array, fromNode: number, toNode: number): void {
  const { nodeFields: nf, edgeFields: ef, toNode: toOff } = layout;
  const end = edges.length;
  for (let e = 0; e < end; e += ef) {
    const ordinal = edges[e + toOff]! / nf;
    if (ordinal >= fromNode && ordinal < toNode) retainingEdges[cursor[ordinal]!++] = e;
  }
}

/** After filling, each cursor stands where the next node's edges start: shift them back one slot. */
export function shiftStarts(cursor: Uint32Array): void {
  for (let o = cursor.length - 1; o > 0; o--) cursor[o] = cursor[o - 1]!;
  cursor[0] = 0;
}

/** The node at which to split the fill so that both halves file about as many edges. */
export function balancedSplit(starts: Uint32Array): number {
  const half = starts[starts.length - 1]! / 2;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < half) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
