import { SnapshotError } from './errors.js';
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

/**
 * Cross-checks the arrays against each other, so that everything after loading may index them
 * without checks (edge counts add up, every edge lands on a node, every name is a string), and
 * builds the retainer index by counting sort. The edge checks ride on the counting pass: two
 * passes over the edges in all.
 */
export function buildIndexes(raw: Pick<RawSnapshot, 'meta' | 'nodes' | 'edges'>, stringCount: number, file: string): SnapshotIndexes {
  const { meta, nodes, edges } = raw;
  const nf = meta.nodeFields.length;
  const ef = meta.edgeFields.length;
  const nodeCount = nodes.length / nf;
  const fail = (code: 'ECOUNTS' | 'ERANGE', detail: string): never => {
    throw new SnapshotError(code, file, detail);
  };

  const { type: typeOff, name: nameOff, edgeCount: edgeCountOff } = meta.nodeOffsets;
  const nodeTypeCount = meta.nodeTypes.length;
  const firstEdgeIndex = new Uint32Array(nodeCount + 1);
  let edgeIndex = 0;
  for (let ordinal = 0, n = 0; ordinal < nodeCount; ordinal++, n += nf) {
    firstEdgeIndex[ordinal] = edgeIndex;
    edgeIndex += nodes[n + edgeCountOff]! * ef;
    if (nodes[n + typeOff]! >= nodeTypeCount) fail('ERANGE', `node ${ordinal} has type ${nodes[n + typeOff]}, outside the ${nodeTypeCount} node types of meta.node_types`);
    if (nodes[n + nameOff]! >= stringCount) fail('ERANGE', `node ${ordinal} is named by string ${nodes[n + nameOff]}, but there are only ${stringCount} strings`);
  }
  if (edgeIndex !== edges.length) {
    fail('ECOUNTS', `the nodes' edge_count fields add up to ${edgeIndex / ef} edges but the "edges" array holds ${edges.length / ef} (snapshot.edge_count says ${meta.edgeCount})`);
  }
  firstEdgeIndex[nodeCount] = edgeIndex;

  const { type: edgeTypeOff, nameOrIndex: nameOrIndexOff, toNode: toOff } = meta.edgeOffsets;
  const edgeTypeCount = meta.edgeTypes.length;
  const elementType = meta.edgeTypes.indexOf('element');
  const hiddenType = meta.edgeTypes.indexOf('hidden');
  const nodesLength = nodes.length;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edges.length; e += ef) {
    const to = edges[e + toOff]!;
    const target = to / nf;
    const type = edges[e + edgeTypeOff]!;
    if (to >= nodesLength || Math.floor(target) !== target) fail('ERANGE', `edge ${e / ef} points to nodes index ${to}, ${to >= nodesLength ? `outside the nodes array (${nodeCount} nodes)` : `not the start of a node (${nf} fields each)`}`);
    if (type >= edgeTypeCount) fail('ERANGE', `edge ${e / ef} has type ${type}, outside the ${edgeTypeCount} edge types of meta.edge_types`);
    if (type !== elementType && type !== hiddenType && edges[e + nameOrIndexOff]! >= stringCount) {
      fail('ERANGE', `edge ${e / ef} is named by string ${edges[e + nameOrIndexOff]}, but there are only ${stringCount} strings`);
    }
    firstRetainer[target]!++;
  }
  let sum = 0;
  for (let o = 0; o < nodeCount; o++) {
    const c = firstRetainer[o]!;
    firstRetainer[o] = sum;
    sum += c;
  }
  firstRetainer[nodeCount] = sum;
  const retainingEdges = new Uint32Array(sum);
  // `firstRetainer` doubles as the fill cursor, then is shifted back one slot.
  for (let e = 0; e < edges.length; e += ef) retainingEdges[firstRetainer[edges[e + toOff]! / nf]!++] = e;
  for (let o = nodeCount; o > 0; o--) firstRetainer[o] = firstRetainer[o - 1]!;
  firstRetainer[0] = 0;
  return { firstEdgeIndex, firstRetainer, retainingEdges };
}
