import { distances } from '../analysis/distances.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { nodeTitle as title } from '../analysis/class-names.js';
import { preview } from '../snapshot/names.js';
import type { ChainGroup } from './chain.js';
import { heapNode } from './heap-node.js';
import { globalObjects, isRoot, isStopNode } from './noise.js';
import type { GraphEdge, GraphNode, RetainerGraph } from './types.js';
import { nodeKeys } from './node-keys.js';

/** The paths as a graph for DOT and JSON: one path a group, its target box counting the group. */
export function chainGraph(snap: HeapSnapshot, groups: readonly ChainGroup[]): RetainerGraph {
  const { distance } = distances(snap);
  const globals = globalObjects(snap);
  const keyOf = nodeKeys(snap);
  const nodes = new Map<number, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const g of groups) {
    g.steps.forEach((s, i) => {
      const isTarget = i === g.steps.length - 1;
      const depth = g.steps.length - 1 - i;
      const existing = nodes.get(s.ordinal);
      if (!existing || isTarget) {
        const base = heapNode(snap, s.ordinal);
        const members = isTarget ? g.targets : [s.ordinal];
        nodes.set(s.ordinal, {
          ...base,
          key: keyOf(s.ordinal),
          title: title(snap, s.ordinal),
          preview: preview(snap, s.ordinal),
          depth: Math.min(depth, existing?.depth ?? depth),
          role: isTarget ? 'target' : isRoot(snap, s.ordinal) ? 'root' : globals.has(s.ordinal) || isStopNode(snap, s.ordinal) ? 'global' : 'retainer',
          count: members.length,
          totalSize: members.reduce((sum, o) => sum + snap.selfSize(o), 0),
          ids: members.map((o) => snap.nodeId(o)),
          ...(members.length > 1 ? { members } : {}),
          distance: distance[s.ordinal],
        });
      }
      if (i === 0 || s.edge === undefined) return;
      const from = keyOf(g.steps[i - 1]!.ordinal);
      const to = keyOf(s.ordinal);
      const id = `${from}\0${to}\0${s.label}`;
      if (!edges.has(id)) edges.set(id, { from, to, type: snap.edgeType(s.edge), name: snap.edgeName(s.edge), label: s.label, weak: false, collapsed: false, inCycle: false, onPath: true });
    });
  }
  const maxDepth = groups.reduce((m, g) => Math.max(m, g.steps.length - 1), 0);
  return { nodes: [...nodes.values()].sort((a, b) => a.depth - b.depth), more: [], edges: [...edges.values()], maxDepth, raw: false, walk: 'why' };
}
