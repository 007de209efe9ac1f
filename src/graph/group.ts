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
  const { nodes } = graph;
  const indexOf = new Map<string, number>();
  nodes.forEach((n, i) => indexOf.set(n.key, i));
  // Each node's holders as numbers, once: the holder's index (-1 when not drawn) and the kind of
  // edge, (labelKind, weak) numbered as met. A round then compares numbers, not labels.
  const kindOf = new Map<string, number>();
  const holders: number[][] = nodes.map(() => []);
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const to = indexOf.get(e.to);
    if (to === undefined) continue;
    const kindKey = `${labelKind(e.label)}\0${e.weak}`;
    let kind = kindOf.get(kindKey);
    if (kind === undefined) kindOf.set(kindKey, (kind = kindOf.size));
    holders[to]!.push(indexOf.get(e.from) ?? -1, kind);
  }
  const kinds = Math.max(1, kindOf.size);
  const first = numbered(nodes, (n) =>
    n.role === 'root' || n.role === 'global' ? `single ${n.key}` : `${n.role} ${n.type} ${n.className} ${n.stopped ? `${n.stopped.hops} ${n.stopped.via}` : ''}`,
  );
  let block = Int32Array.from(nodes, (n) => first.get(n.key)!);
  let blocks = new Set(block).size;
  const codes: number[] = [];
  for (;;) {
    const current = block;
    const ids = new Map<string, number>();
    const next = new Int32Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const held = holders[i]!;
      codes.length = 0;
      for (let k = 0; k < held.length; k += 2) codes.push((held[k] === -1 ? 0 : current[held[k]!]! + 1) * kinds + held[k + 1]!);
      codes.sort((a, b) => a - b);
      let key = `${current[i]}|`;
      for (let k = 0; k < codes.length; k++) if (k === 0 || codes[k] !== codes[k - 1]) key += `${codes[k]},`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      next[i] = id;
    }
    block = next;
    if (ids.size === blocks) break;
    blocks = ids.size;
  }
  const byKey = new Map<string, number>();
  nodes.forEach((n, i) => byKey.set(n.key, block[i]!));
  return merge(graph, byKey);
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
function labelKind(label: string): string {
  if (/^\[\d+\]$/.test(label)) return '[]';
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
      ids: firstIds(list),
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
  return ([] as number[]).concat(...list.map((n) => n.members ?? [n.ordinal]));
}

/** The first MAX_IDS heap ids of the parts, in order (a part's own list is capped already). */
function firstIds(list: readonly GraphNode[]): number[] {
  const ids: number[] = [];
  for (const n of list) {
    for (const id of n.ids) {
      if (ids.length === MAX_IDS) return ids;
      ids.push(id);
    }
  }
  return ids;
}

/** `[0…59]` for the elements of one array, `in Map ×60` for the rest. */
function groupLabel(first: string, labels: Set<string>, count: number): string {
  if (labelKind(first) === '[]') {
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
