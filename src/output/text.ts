import type { RetainerGraph } from '../graph/types.js';
import { visible } from './escape.js';
import { formatSize } from './style.js';

/**
 * The graph as plain lines for a terminal or a log: each node, then who holds it and how.
 * Everything from the snapshot goes through `visible`, so no escape sequence reaches the terminal.
 */
export function toText(graph: RetainerGraph): string {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const moreByKey = new Map(graph.more.map((m) => [m.key, m]));
  const lines: string[] = [];
  for (const n of graph.nodes) {
    const tag = n.role === 'target' ? 'target' : n.role === 'retainer' ? `depth ${n.depth}` : `${n.role}, depth ${n.depth}`;
    lines.push(`@${n.id} ${visible(n.title)}${n.preview ? ` ${visible(n.preview)}` : ''} (${formatSize(n.selfSize)}; ${tag})`);
    for (const e of graph.edges) {
      if (e.to !== n.key) continue;
      const from = byKey.get(e.from);
      const more = moreByKey.get(e.from);
      if (more) lines.push(`    ← ${more.count} more retainer${more.count === 1 ? '' : 's'}`);
      else if (from) lines.push(`    ← ${e.label ? `${visible(e.label)} ` : ''}of @${from.id} ${visible(from.title)}${e.weak ? ' (weak)' : ''}${e.inCycle ? ' (cycle)' : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
