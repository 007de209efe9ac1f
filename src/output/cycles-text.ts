import { listCycles } from '../graph/cycles.js';
import type { RetainerGraph } from '../graph/types.js';
import { visible } from './escape.js';

/** `--cycles`: each reference cycle of the drawn graph, one line with its nodes. */
export function cycleLines(graph: RetainerGraph): string {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const cycles = listCycles(graph);
  if (cycles.length === 0) return 'No reference cycles in the drawn graph\n';
  const lines = cycles.map((keys, i) => `cycle ${i + 1} (${keys.length} nodes): ${keys.map((k) => `${visible(byKey.get(k)!.title)} @${byKey.get(k)!.id}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
