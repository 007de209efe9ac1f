import { isPlainRetainer, mergeBlocks, oneArrowPerPair } from './group.js';
import type { RetainerGraph } from './types.js';

/**
 * One box for retainers of one class that stand side by side: held by the same boxes and holding
 * the same boxes, told apart only by the names they are held by. The methods of an object that
 * all close over one scope (a compiler's program: `getSourceFile`, `getRootFileNames`, … ten
 * boxes abreast, each with the same arrow on into the scope) become `Function ×10` under one
 * arrow `getRootFileNames, getSourceFile, getSourceFileByPath, +7 more`. The grouping
 * keeps them apart on purpose (it groups objects held the *same* way); this pass runs after it,
 * on boxes whose only difference is the names.
 */
export function mergeSiblings(graph: RetainerGraph): RetainerGraph {
  const { nodes } = graph;
  const holders = new Map<string, Set<string>>();
  const holds = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    add(holders, e.to, e.from);
    add(holds, e.from, e.to);
  }
  const bySignature = new Map<string, number>();
  const block = new Map<string, number>();
  let merged = false;
  nodes.forEach((n, i) => {
    const up = holders.get(n.key);
    if (!isPlainRetainer(n) || up === undefined) {
      block.set(n.key, i);
      return;
    }
    const signature = `${n.type}\0${n.className}\0${[...up].sort().join('\0')}\0\0${[...(holds.get(n.key) ?? [])].sort().join('\0')}`;
    const first = bySignature.get(signature);
    if (first === undefined) bySignature.set(signature, i);
    else merged = true;
    block.set(n.key, first ?? i);
  });
  if (!merged) return graph;
  // A merged box keeps the key of its first member.
  const many = new Set<string>();
  nodes.forEach((n, i) => {
    const b = block.get(n.key)!;
    if (b !== i) many.add(nodes[b]!.key);
  });
  const joined = mergeBlocks(graph, block);
  return { ...joined, edges: oneArrowPerPair(joined.edges, (e) => many.has(e.from) || many.has(e.to)) };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
