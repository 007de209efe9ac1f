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
  return mergeBlocks(graph, groupBlocks(graph));
}

/**
 * Each node's block, by key: the coarsest partition of the nodes, within their classes, in which
 * the members of a block are held by the same blocks through the same kinds of edge. Worklist
 * refinement: only a node whose holder moved to a new block is looked at again, and in a block
 * that splits, the members that did not change (or else the largest part) keep its number.
 * Rounds that looked at every node took O(n²) on a chain, where each round splits one link off
 * (10,000 links: past 60 s).
 */
export function groupBlocks(graph: RetainerGraph): Map<string, number> {
  const nodes = graph.nodes;
  const n = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(nodes[i]!.key, i);
  /** Per node: its holders and the kind of each edge from them; and what it holds. */
  const holders: number[][] = Array.from({ length: n }, () => []);
  const kinds: string[][] = Array.from({ length: n }, () => []);
  const held: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const to = index.get(e.to);
    if (to === undefined) continue;
    // A holder that is not a node (none is, in the walks' graphs) counts as one block of its own.
    const from = index.get(e.from) ?? -1;
    holders[to]!.push(from);
    kinds[to]!.push(`${labelKind(e.label)}:${e.weak}`);
    if (from >= 0) held[from]!.push(to);
  }
  const initial = numbered(nodes, (node) =>
    node.role === 'root' || node.role === 'global' ? `single ${node.key}` : `${node.role} ${node.type} ${node.className} ${node.stopped ? `${node.stopped.hops} ${node.stopped.via}` : ''}`,
  );
  const block = new Int32Array(n);
  const size: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = initial.get(nodes[i]!.key)!;
    block[i] = b;
    size[b] = (size[b] ?? 0) + 1;
  }
  /** What every member of a block is held by, as of the last round (the members not looked at again still are). */
  const heldAs: string[] = [];
  const signature = (i: number): string => {
    const hs = holders[i]!;
    const ks = kinds[i]!;
    const parts = new Set<string>();
    for (let j = 0; j < hs.length; j++) parts.add(`${hs[j]! < 0 ? -1 : block[hs[j]!]}:${ks[j]}`);
    return [...parts].sort().join(',');
  };
  const queued = new Uint8Array(n);
  let dirty = Array.from({ length: n }, (_, i) => i);
  let first = true;
  while (dirty.length > 0) {
    const byBlock = new Map<number, Map<string, number[]>>();
    for (const i of dirty) {
      queued[i] = 0;
      const sig = signature(i);
      let groups = byBlock.get(block[i]!);
      if (!groups) byBlock.set(block[i]!, (groups = new Map()));
      const list = groups.get(sig);
      if (list) list.push(i);
      else groups.set(sig, [i]);
    }
    const next: number[] = [];
    for (const [b, groups] of byBlock) {
      let looked = 0;
      for (const list of groups.values()) looked += list.length;
      let keep: string | undefined = first || looked === size[b] ? undefined : heldAs[b];
      if (keep === undefined) {
        let most = -1;
        for (const [sig, list] of groups) if (list.length > most) [keep, most] = [sig, list.length];
      }
      heldAs[b] = keep!;
      for (const [sig, list] of groups) {
        if (sig === keep) continue;
        const id = size.length;
        size.push(list.length);
        size[b]! -= list.length;
        heldAs[id] = sig;
        for (const i of list) {
          block[i] = id;
          for (const h of held[i]!) {
            if (queued[h]) continue;
            queued[h] = 1;
            next.push(h);
          }
        }
      }
    }
    dirty = next;
    first = false;
  }
  const result = new Map<string, number>();
  for (let i = 0; i < n; i++) result.set(nodes[i]!.key, block[i]!);
  return result;
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

/** One box per block (`block` maps every node key to its block), with the arrows between blocks merged and counted. */
export function mergeBlocks(graph: RetainerGraph, block: ReadonlyMap<string, number>): RetainerGraph {
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

  const edges = new Map<string, { edge: GraphEdge; labels: Set<string>; parts: number; count: number }>();
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
      merged.parts++;
      // Arrows merged once already (boxes of boxes) bring their counts along.
      merged.count += e.count ?? 1;
    } else edges.set(id, { edge: { ...e, from, to }, labels: new Set([e.label]), parts: 1, count: e.count ?? 1 });
  }
  const out: GraphEdge[] = [];
  for (const { edge, labels, parts, count } of edges.values()) {
    out.push(parts === 1 ? edge : { ...edge, label: groupLabel(edge.label, labels, count), count });
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
  // A loop, not concat(...lists): a box of a million parts would pass a million arguments.
  const out: number[] = [];
  for (const n of list) {
    if (n.members) for (const o of n.members) out.push(o);
    else out.push(n.ordinal);
  }
  return out;
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

/** Arrows of most kinds first, when several become one; past a few kinds (a syntax tree's dozen fields), how many more. */
const ARROW_KINDS = 3;

/** A retainer the passes after the walk may merge: targets, roots, globals and boxes where the walk stopped keep their own. */
export function isPlainRetainer(node: GraphNode): boolean {
  return node.role === 'retainer' && node.stopped === undefined;
}

/** The arrows `pick` chooses, one per pair of boxes (see oneArrow); the rest as they are. */
export function oneArrowPerPair(edges: readonly GraphEdge[], pick: (e: GraphEdge) => boolean): GraphEdge[] {
  const parts = new Map<string, GraphEdge[]>();
  const out: (GraphEdge | string)[] = [];
  for (const e of edges) {
    if (e.type === 'more' || !pick(e)) {
      out.push(e);
      continue;
    }
    const pair = `${e.from}\0${e.to}`;
    const list = parts.get(pair);
    if (list) list.push(e);
    else {
      parts.set(pair, [e]);
      out.push(pair);
    }
  }
  return out.map((e) => (typeof e === 'string' ? oneArrow(parts.get(e)!) : e));
}

/** Several arrows between the same two boxes as one, its label naming the kinds it stands for. */
export function oneArrow(parts: readonly GraphEdge[]): GraphEdge {
  if (parts.length === 1) return parts[0]!;
  const sorted = [...parts].sort((a, b) => (b.count ?? 1) - (a.count ?? 1));
  const shown = sorted.slice(0, ARROW_KINDS).map((e) => e.label);
  const rest = sorted.length - shown.length;
  const count = parts.reduce((s, e) => s + (e.count ?? 1), 0);
  const label = rest > 0 ? `${shown.join(', ')}, +${rest} more` : shown.join(', ');
  return { ...sorted[0]!, label, count, weak: parts.every((e) => e.weak), inCycle: parts.some((e) => e.inCycle) };
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
  return `${first.replace(/ ×\d+$/, '')} ×${count}`;
}
