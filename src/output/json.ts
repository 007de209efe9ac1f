import type { RetainerGraph } from '../graph/types.js';

/** The graph as data for scripts: nodes by heap id, edges by heap ids, "K more" boxes apart. */
export function toJson(graph: RetainerGraph): string {
  const idOf = new Map(graph.nodes.map((n) => [n.key, n.id]));
  return `${JSON.stringify(
    {
      maxDepth: graph.maxDepth,
      raw: graph.raw,
      walk: graph.walk ?? 'bfs',
      nodes: graph.nodes.map((n) => ({
        id: n.id,
        class: n.className,
        type: n.type,
        name: n.name,
        depth: n.depth,
        selfSize: n.selfSize,
        role: n.role,
        preview: n.preview,
        ...(n.count > 1 ? { count: n.count, totalSize: n.totalSize, ids: n.ids } : {}),
        ...(n.distance !== undefined ? { distance: n.distance < 0 ? null : n.distance } : {}),
        ...(n.stopped ? { stopped: n.stopped } : {}),
        ...(n.inside ? { inside: n.inside } : {}),
        ...(n.retainedSize !== undefined ? { retainedSize: n.retainedSize } : {}),
        ...(n.allocatedBy ? { allocatedBy: n.allocatedBy } : {}),
        ...(n.allocationSites ? { allocationSites: n.allocationSites } : {}),
      })),
      edges: graph.edges
        .filter((e) => e.type !== 'more')
        .map((e) => ({
          from: idOf.get(e.from)!,
          to: idOf.get(e.to)!,
          type: e.type,
          name: e.name,
          label: e.label,
          weak: e.weak,
          collapsed: e.collapsed,
          inCycle: e.inCycle,
          ...(e.onPath ? { onPath: true } : {}),
          ...(e.count && e.count > 1 ? { count: e.count } : {}),
        })),
      more: graph.more.map((m) => ({ of: idOf.get(m.key.slice('more_'.length)), count: m.count, depth: m.depth })),
      ...(graph.omitted ? { omitted: graph.omitted } : {}),
      ...(graph.unwalked ? { unwalked: graph.unwalked } : {}),
    },
    null,
    2,
  )}\n`;
}
