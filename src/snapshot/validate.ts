import { SnapshotError } from './errors.js';
import type { RawSnapshot } from './scanner.js';

/**
 * Cross-checks the arrays against each other, once, so that everything after loading may index
 * them without checks: edge counts add up, every edge lands on a node, every name is a string.
 * Returns `firstEdgeIndex`: where each node's edges start in `edges` (one extra entry at the end).
 */
export function validate(raw: Pick<RawSnapshot, 'meta' | 'nodes' | 'edges'>, stringCount: number, file: string): Uint32Array {
  const { meta, nodes, edges } = raw;
  const nf = meta.nodeFields.length;
  const ef = meta.edgeFields.length;
  const nodeCount = nodes.length / nf;
  const { type: typeOff, name: nameOff, edgeCount: edgeCountOff } = meta.nodeOffsets;
  const nodeTypeCount = meta.nodeTypes.length;
  const fail = (code: 'ECOUNTS' | 'ERANGE', detail: string): never => {
    throw new SnapshotError(code, file, detail);
  };

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
  for (let e = 0; e < edges.length; e += ef) {
    const to = edges[e + toOff]!;
    const type = edges[e + edgeTypeOff]!;
    if (to >= nodesLength || to % nf !== 0) fail('ERANGE', `edge ${e / ef} points to nodes index ${to}, ${to >= nodesLength ? `outside the nodes array (${nodeCount} nodes)` : `not the start of a node (${nf} fields each)`}`);
    if (type >= edgeTypeCount) fail('ERANGE', `edge ${e / ef} has type ${type}, outside the ${edgeTypeCount} edge types of meta.edge_types`);
    if (type !== elementType && type !== hiddenType && edges[e + nameOrIndexOff]! >= stringCount) {
      fail('ERANGE', `edge ${e / ef} is named by string ${edges[e + nameOrIndexOff]}, but there are only ${stringCount} strings`);
    }
  }
  return firstEdgeIndex;
}
