import { moreBox } from './more-box.js';
import { MAX_IDS } from './target-groups.js';
import type { GraphEdge, GraphNode, MoreNode, RetainerGraph } from './types.js';

/**
 * One box for the objects held the same way: same class, held by the same boxes through edges
 * of the same kind (an array's `[3]` and `[4]` are one kind). Coarsest partition refinement from
 * the roots down: nodes start grouped by class, and a group splits while its members differ in
 * what holds them. Roots and globals stay single. Three hundred sessions in one Map become
 * `Session ×300`; the three hundred closures their requests left in a router, one row.
 */
export function groupGraph(graph: RetainerGraph): RetainerGraph {
  const into = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  let block = numbered(graph.nodes, (n) =>
    n.role === 'root' || n.role === 'global' ? `single ${n.key}` : `${n.role} ${n.type} ${n.className} ${n.stopped ? `${n.stopped.hops} ${n.stopped.via}` : ''}`,
  );
  for (let blocks = new Set(block.values()).size; ; ) {
    const current = block;
    const next = numbered(graph.nodes, (n) => {
      const held = (into.get(n.key) ?? []).map((e) => `${current.get(e.from)}:${labelKind(e.label)}:${e.weak}`);
      return `${current.get(n.key)}|${[...new Set(held)].sort().join(',')}`;
    });
    const count = new Set(next.values()).size;
    block = next;
    if (count === blocks) break;
    blocks = count;
  }
  return merge(graph, block);
}

/** Gives each distinct key a number, in order of first appearance. */
function numbered(nodes: readonly GraphNode[], keyOf: (n: GraphNode) => string): Map<string, number> {
  const ids = new Map<string, number>();
  const result = new Map<string, number>();
  for (const n of nodes) {
    const k = keyOf(n);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    result.set(n.key, id);
  }
  return result;
}

/** What edge labels group by: element indices and WeakMap keys differ from member to member. */
export function labelKind(label: string): string {
  if (/^\[(\d+|…)\]$/.test(label)) return '[]';
  if (label.startsWith('WeakMap value for key @')) return 'WeakMap value';
  return label;
}

function merge(graph: RetainerGraph, block: Map<string, number>): RetainerGraph {
  const members = new Map<number, GraphNode[]>();
  for (const n of graph.nodes) {
    const b = block.get(n.key)!;
    const list = members.get(b);
    if (list) list.push(n);
    else members.set(b, [n]);
  }
  const keyOfBlock = new Map<number, string>();
  const nodes: GraphNode[] = [];
  for (const [b, list] of members) {
    const first = list[0]!;
    keyOfBlock.set(b, first.key);
    if (list.length === 1) {
      nodes.push(first);
      continue;
    }
    const previews = new Set(list.map((n) => n.preview));
    const inside = list.reduce((s, n) => s + (n.inside ?? 0), 0);
    nodes.push({
      ...first,
      preview: previews.size === 1 ? first.preview : first.preview ? `${first.preview}, …` : '',
      depth: list.reduce((m, n) => Math.min(m, n.depth), Infinity),
      count: list.reduce((s, n) => s + n.count, 0),
      totalSize: list.reduce((s, n) => s + n.totalSize, 0),
      ids: list.flatMap((n) => n.ids).slice(0, MAX_IDS),
      members: memberOrdinals(list),
      distance: list.reduce((m, n) => Math.min(m, n.distance ?? Infinity), Infinity),
      ...(inside > 0 ? { inside } : {}),
    });
  }
  const keyOf = (key: string) => keyOfBlock.get(block.get(key)!)!;

  const edges = new Map<string, { edge: GraphEdge; labels: Set<string>; count: number }>();
  const moreCount = new Map<string, number>();
  for (const e of graph.edges) {
    const to = keyOf(e.to);
    if (e.type === 'more') {
      moreCount.set(to, (moreCount.get(to) ?? 0) + (e.name as number));
      continue;
    }
    const from = keyOf(e.from);
    const id = `${from}\0${to}\0${labelKind(e.label)}\0${e.weak}`;
    const merged = edges.get(id);
    if (merged) {
      merged.labels.add(e.label);
      merged.count++;
    } else edges.set(id, { edge: { ...e, from, to }, labels: new Set([e.label]), count: 1 });
  }
  const out: GraphEdge[] = [];
  for (const { edge, labels, count } of edges.values()) {
    out.push(count === 1 ? edge : { ...edge, label: groupLabel(edge.label, labels, count), count });
  }
  const more: MoreNode[] = [];
  const depthOf = new Map(nodes.map((n) => [n.key, n.depth]));
  for (const [to, count] of moreCount) {
    const box = moreBox(to, depthOf.get(to)! + 1, count);
    more.push(box.node);
    out.push(box.edge);
  }
  return { ...graph, nodes, more, edges: out };
}

/** The ordinals a merged box stands for: its parts' members, or the part itself. */
function memberOrdinals(list: readonly GraphNode[]): number[] {
  const out: number[] = [];
  for (const n of list) {
    if (n.members) for (const o of n.members) out.push(o);
    else out.push(n.ordinal);
  }
  return out;
}

/** The slot label of an arrow into a box of many targets, held at slots that differ member by member. */
export const ANY_SLOT = '[…]';

/** `[0…59]` for the elements of one array, `in Map ×60` for the rest. */
export function groupLabel(first: string, labels: Set<string>, count: number): string {
  if (labelKind(first) === '[]') {
    // `[…]`: slots of a box that already stands for many (its count says how many).
    if ([...labels].some((l) => l === ANY_SLOT)) return ANY_SLOT;
    let low = Infinity;
    let high = -Infinity;
    for (const l of labels) {
      const i = Number(l.slice(1, -1));
      low = Math.min(low, i);
      high = Math.max(high, i);
    }
    return `[${low}…${high}]${labels.size < count ? ` ×${count}` : ''}`;
  }
  if (labelKind(first) === 'WeakMap value') return `WeakMap values ×${count}`;
  return `${first} ×${count}`;
}
