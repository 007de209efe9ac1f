import { SnapshotError } from './errors.js';
import type { SnapshotMeta } from './meta.js';
import type { RawSnapshot } from './scanner.js';

/** What the walk needs, built once at load time in typed arrays. */
export interface SnapshotIndexes {
  /**
   * Per ordinal, where the node's edges start in `edges`, plus one entry for the end: 4 bytes a
   * node, filled by the pass that checks the edge counts anyway. Whole-heap searches (distances,
   * dominators) visit nodes in no order and need it; each built its own before, a pass of its own.
   */
  readonly firstEdge: Uint32Array;
  /**
   * The retainer index, as one linked list per node: `lastRetainer[o]` is 1 + the ordinal of the
   * last edge pointing at node `o` (0 for none), `previousRetainer[k]` the same for the edge
   * before edge ordinal `k` pointing at the same node.
   */
  readonly lastRetainer: Uint32Array;
  readonly previousRetainer: Uint32Array;
}

/** The arrays as read, and the indexes built over them. */
export interface Indexed {
  readonly raw: RawSnapshot;
  readonly indexes: SnapshotIndexes;
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
 * links each edge into the retainer list of its target: one pass over the nodes, one over the
 * edges. The two-thread loader runs the same steps, the edges pass chunk by chunk on its worker.
 */
export function buildIndexes(raw: Pick<RawSnapshot, 'meta' | 'nodes' | 'edges'>, stringCount: number, file: string): SnapshotIndexes {
  const layout = edgeLayout(raw.meta);
  const { firstEdge, maxName } = indexEdgeOwners(raw.meta, raw.nodes, raw.edges.length, file);
  const lastRetainer = new Uint32Array(layout.nodeCount);
  const previousRetainer = new Uint32Array(raw.edges.length / layout.edgeFields);
  const maxEdgeName = linkRetainers(layout, raw.edges, 0, raw.edges.length, lastRetainer, previousRetainer, file);
  checkNames(raw, maxName, maxEdgeName, stringCount, file);
  return { firstEdge, lastRetainer, previousRetainer };
}

/**
 * Where each node's edges start; checks node types and that the edge counts add up. Returns
 * the highest string index used as a node name, checked once the strings are known.
 */
export function indexEdgeOwners(meta: SnapshotMeta, nodes: Uint32Array, edgesLength: number, file: string): { firstEdge: Uint32Array; maxName: number } {
  const nf = meta.nodeFields.length;
  const ef = meta.edgeFields.length;
  const nodeCount = nodes.length / nf;
  const { type: typeOff, name: nameOff, edgeCount: edgeCountOff } = meta.nodeOffsets;
  const nodeTypeCount = meta.nodeTypes.length;
  // Shared memory, so that a pass on a worker thread can read it too (owners-in-parallel.ts).
  const firstEdge = new Uint32Array(new SharedArrayBuffer((nodeCount + 1) * 4));
  let edgeIndex = 0;
  let maxName = -1;
  for (let ordinal = 0, n = 0; ordinal < nodeCount; ordinal++, n += nf) {
    firstEdge[ordinal] = edgeIndex;
    edgeIndex += nodes[n + edgeCountOff]! * ef;
    if (nodes[n + typeOff]! >= nodeTypeCount) throw new SnapshotError('ERANGE', file, `node ${ordinal} has type ${nodes[n + typeOff]}, outside the ${nodeTypeCount} node types of meta.node_types`);
    const name = nodes[n + nameOff]!;
    if (name > maxName) maxName = name;
  }
  if (edgeIndex !== edgesLength) {
    throw new SnapshotError('ECOUNTS', file, `the nodes' edge_count fields add up to ${edgeIndex / ef} edges but the "edges" array holds ${edgesLength / ef} (snapshot.edge_count says ${meta.edgeCount})`);
  }
  firstEdge[nodeCount] = edgeIndex;
  return { firstEdge, maxName };
}

/**
 * Links the edges in `edges[from, to)` into the retainer lists of their targets (a counting sort
 * would need a second pass over the edges, and a linked list costs the same memory), checking
 * each edge's target and type on the way. Returns the highest string index used as an edge
 * name (-1 if none).
 */
export function linkRetainers(layout: EdgeLayout, edges: Uint32Array, from: number, to: number, last: Uint32Array, previous: Uint32Array, file: string): number {
  const { nodeFields: nf, edgeFields: ef, type: typeOff, nameOrIndex: nameOff, toNode: toOff, edgeTypeCount, elementType, hiddenType } = layout;
  const nodesLength = layout.nodeCount * nf;
  let maxName = -1;
  // Integer arithmetic throughout: an array holds under 2^32 numbers, so edge ordinals (a third
  // of that at most) and node ordinals (a fifth) fit an int32.
  for (let e = from, k = (from / ef) | 0; e < to; e += ef, k++) {
    const target = edges[e + toOff]!;
    const ordinal = (target / nf) | 0;
    const type = edges[e + typeOff]!;
    if (target >= nodesLength || ordinal * nf !== target || type >= edgeTypeCount) throw badEdge(layout, edges, e, file);
    if (type !== elementType && type !== hiddenType && edges[e + nameOff]! > maxName) maxName = edges[e + nameOff]!;
    previous[k] = last[ordinal]!;
    last[ordinal] = k + 1;
  }
  return maxName;
}

/**
 * What is wrong with edge index `e`. Kept out of the loop above: with the message built inline,
 * V8's optimised (non-OSR) code for that loop ran three times slower.
 */
function badEdge(layout: EdgeLayout, edges: Uint32Array, e: number, file: string): SnapshotError {
  const { nodeFields: nf, edgeFields: ef, nodeCount, edgeTypeCount } = layout;
  const target = edges[e + layout.toNode]!;
  const type = edges[e + layout.type]!;
  const detail =
    type >= edgeTypeCount
      ? `has type ${type}, outside the ${edgeTypeCount} edge types of meta.edge_types`
      : `points to nodes index ${target}, ${target >= nodeCount * nf ? `outside the nodes array (${nodeCount} nodes)` : `not the start of a node (${nf} fields each)`}`;
  return new SnapshotError('ERANGE', file, `edge ${e / ef} ${detail}`);
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
