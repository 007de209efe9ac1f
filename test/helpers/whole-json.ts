/** toJson as it was, one jsonText (JSON.stringify with terminal controls escaped) of the whole graph: the oracle test/json-chunks.test.ts holds the streaming one to. */
import { jsonText } from '../../src/output/escape.js';
import type { RetainerGraph } from '../../src/graph/types.js';

export function wholeJson(graph: RetainerGraph): string {
  const idOf = new Map(graph.nodes.map((n) => [n.key, n.id]));
  return `${jsonText(
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
    2,
  )}\n`;
}
