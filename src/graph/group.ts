import { byEnd, edgeEnds, type EdgeEnds } from './edge-ends.js';
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
  const ends = edgeEnds(graph);
  return merge(graph, ends, blocksOf(graph, ends));
}

/** One box per block (`block` maps every node key to a block number below the node count), with the arrows between blocks merged and counted. */
export function mergeBlocks(graph: RetainerGraph, block: ReadonlyMap<string, number>): RetainerGraph {
  const ends = edgeEnds(graph);
  const numbers = new Int32Array(graph.nodes.length);
  for (let i = 0; i < graph.nodes.length; i++) numbers[i] = block.get(graph.nodes[i]!.key)!;
  return merge(graph, ends, { block: numbers, kindOf: edgeKinds(graph, ends.to).kindOf });
}

/** Per arrow into a node, the kind of edge: a number for each distinct (label kind, weak). */
function edgeKinds({ edges }: RetainerGraph, to: Int32Array): { kindOf: Int32Array; kinds: number } {
  const ids = new Map<string, number>();
  const kindOf = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    if (e.type === 'more' || to[k]! < 0) continue;
    const kind = `${labelKind(e.label)}:${e.weak}`;
    let id = ids.get(kind);
    if (id === undefined) ids.set(kind, (id = ids.size));
    kindOf[k] = id;
  }
  return { kindOf, kinds: ids.size };
}

/**
 * Each node's block, by key: the coarsest partition of the nodes, within their classes, in which
 * the members of a block are held by the same blocks through the same kinds of edge.
 */
export function groupBlocks(graph: RetainerGraph): Map<string, number> {
  const { block } = blocksOf(graph, edgeEnds(graph));
  const result = new Map<string, number>();
  for (let i = 0; i < graph.nodes.length; i++) result.set(graph.nodes[i]!.key, block[i]!);
  return result;
}

/**
 * The partition, node by number. Worklist refinement: only a node whose holder moved to a new
 * block is looked at again, and in a block that splits, the members that did not change (or else
 * the largest part) keep its number. Rounds that looked at every node took O(n²) on a chain,
 * where each round splits one link off (10,000 links: past 60 s). On typed arrays (holders and
 * kinds by node): an array or two per node and a string per edge made a million-node chain's
 * grouping 14 s.
 */
function blocksOf(graph: RetainerGraph, { from, to }: EdgeEnds): { block: Int32Array; kindOf: Int32Array } {
  const { nodes, edges } = graph;
  const n = nodes.length;
  // An arrow from no node counts as held by one block of its own (none is, in the walks' graphs).
  const { kindOf, kinds } = edgeKinds(graph, to);
  const into = new Int32Array(edges.length).fill(-1);
  const outOf = new Int32Array(edges.length).fill(-1);
  for (let k = 0; k < edges.length; k++) {
    if (edges[k]!.type === 'more' || to[k]! < 0) continue;
    into[k] = to[k]!;
    outOf[k] = from[k]!;
  }
  const holders = byEnd(n, into);
  const held = byEnd(n, outOf, to);
  const initial = numbered(nodes, (node) =>
    node.role === 'root' || node.role === 'global' ? `single ${node.key}` : `${node.role} ${node.type} ${node.className} ${node.stopped ? `${node.stopped.hops} ${node.stopped.via}` : ''}`,
  );
  const block = new Int32Array(n);
  const size: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = initial[i]!;
    block[i] = b;
    size[b] = (size[b] ?? 0) + 1;
  }
  /** What every member of a block is held by, as of the last round (the members not looked at again still are). */
  const heldAs: string[] = [];
  const pairs: number[] = [];
  /** A holding arrow as one number: its holder's block (-1: no node) and its kind. */
  const pair = (k: number) => (from[k]! < 0 ? -1 : block[from[k]!]!) * kinds + kindOf[k]!;
  const signature = (i: number): string => {
    const lo = holders.start[i]!;
    const hi = holders.start[i + 1]!;
    if (hi - lo === 1) return `${pair(holders.list[lo]!)},`;
    // The distinct pairs, in order.
    pairs.length = 0;
    for (let j = lo; j < hi; j++) pairs.push(pair(holders.list[j]!));
    pairs.sort((a, b) => a - b);
    let sig = '';
    for (let j = 0; j < pairs.length; j++) if (j === 0 || pairs[j] !== pairs[j - 1]) sig += `${pairs[j]},`;
    return sig;
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
          for (let j = held.start[i]!; j < held.start[i + 1]!; j++) {
            const h = held.list[j]!;
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
  return { block, kindOf };
}

/** Gives each distinct key a number, in order of first appearance: node i's is result[i]. */
function numbered(nodes: readonly GraphNode[], keyOf: (n: GraphNode) => string): Int32Array {
  const ids = new Map<string, number>();
  const result = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const k = keyOf(nodes[i]!);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    result[i] = id;
  }
  return result;
}

/** What edge labels group by: element indices and WeakMap keys differ from member to member. */
export function labelKind(label: string): string {
  if (/^\[(\d+|…)\]$/.test(label)) return '[]';
  if (label.startsWith('WeakMap value for key @')) return 'WeakMap value';
  return label;
}

/**
 * One box per block (the first member's key, fields and place), and one arrow per (holder block,
 * held block, kind of label, weak), counting the arrows it stands for. By number, as blocksOf:
 * a key string, a copy and a Set per arrow made this most of a million-node chain's grouping.
 */
function merge(graph: RetainerGraph, { from, to }: EdgeEnds, { block, kindOf }: { block: Int32Array; kindOf: Int32Array }): RetainerGraph {
  const n = graph.nodes.length;
  // The members of each block, blocks in order of their first member.
  let blocks = 0;
  for (let i = 0; i < n; i++) blocks = Math.max(blocks, block[i]! + 1);
  const members = byEnd(blocks, block);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (members.list[members.start[block[i]!]!] === i) order.push(block[i]!);
  const nodeOf: GraphNode[] = new Array(blocks);
  for (const b of order) {
    const first = graph.nodes[members.list[members.start[b]!]!]!;
    if (members.start[b + 1]! - members.start[b]! === 1) {
      nodeOf[b] = first;
      continue;
    }
    const list: GraphNode[] = [];
    for (let j = members.start[b]!; j < members.start[b + 1]!; j++) list.push(graph.nodes[members.list[j]!]!);
    nodeOf[b] = mergedBox(first, list);
  }
  const nodes = order.map((b) => nodeOf[b]!);

  // Arrows between blocks, each once, in the order of the first arrow it stands for: each arrow's
  // first of its kind from its holder block, found among the arrows into its block.
  const edges = graph.edges;
  const heldIn = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) heldIn[k] = edges[k]!.type === 'more' ? -1 : block[to[k]!]!;
  const into = byEnd(blocks, heldIn);
  const firstOfKind = new Int32Array(edges.length);
  const sameKind = (k: number, j: number) => block[from[k]!] === block[from[j]!] && kindOf[k] === kindOf[j];
  const local = new Map<string, number>();
  for (let b = 0; b < blocks; b++) {
    const lo = into.start[b]!;
    const hi = into.start[b + 1]!;
    // A few arrows into a box are compared pairwise; many, through a Map.
    if (hi - lo <= 8) {
      for (let j = lo; j < hi; j++) {
        const k = into.list[j]!;
        let rep = k;
        for (let i = lo; i < j; i++) {
          if (sameKind(k, into.list[i]!)) {
            rep = firstOfKind[into.list[i]!]!;
            break;
          }
        }
        firstOfKind[k] = rep;
      }
      continue;
    }
    local.clear();
    for (let j = lo; j < hi; j++) {
      const k = into.list[j]!;
      const id = `${block[from[k]!]} ${kindOf[k]}`;
      const rep = local.get(id);
      if (rep === undefined) local.set(id, k);
      firstOfKind[k] = rep ?? k;
    }
  }
  const out: GraphEdge[] = [];
  /** Per arrow that is the first of its kind, where it went in `out`, its labels and count. */
  const at = new Int32Array(edges.length);
  const labels = new Map<number, Set<string>>();
  const count = new Int32Array(edges.length);
  const moreCount = new Float64Array(blocks);
  const hasMore = new Uint8Array(blocks);
  const moreOrder: number[] = [];
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    if (e.type === 'more') {
      const held = block[to[k]!]!;
      if (hasMore[held] === 0) {
        hasMore[held] = 1;
        moreOrder.push(held);
      }
      moreCount[held]! += e.name as number;
      continue;
    }
    const rep = firstOfKind[k]!;
    if (rep !== k) {
      // Arrows merged once already (boxes of boxes) bring their counts along.
      count[rep]! += e.count ?? 1;
      let set = labels.get(rep);
      if (!set) labels.set(rep, (set = new Set([out[at[rep]!]!.label])));
      set.add(e.label);
      continue;
    }
    const fromKey = nodeOf[block[from[k]!]!]!.key;
    const toKey = nodeOf[block[to[k]!]!]!.key;
    at[k] = out.length;
    count[k] = e.count ?? 1;
    out.push(fromKey === e.from && toKey === e.to ? e : { ...e, from: fromKey, to: toKey });
  }
  for (const [rep, set] of labels) {
    const edge = out[at[rep]!]!;
    out[at[rep]!] = { ...edge, label: groupLabel(edge.label, set, count[rep]!), count: count[rep]! };
  }
  const more: MoreNode[] = [];
  for (const b of moreOrder) {
    const box = moreBox(nodeOf[b]!.key, nodeOf[b]!.depth + 1, moreCount[b]!);
    more.push(box.node);
    out.push(box.edge);
  }
  return { ...graph, nodes, more, edges: out };
}

/**
 * The box of a block of several: the first member's fields (its key, so arrows keep their ends),
 * what all of them add up to, each field written out in one order (as the walk writes its nodes:
 * objects spread into a literal cost a hidden class each).
 */
function mergedBox(first: GraphNode, list: readonly GraphNode[]): GraphNode {
  let samePreview = true;
  let depth = Infinity;
  let count = 0;
  let totalSize = 0;
  let distance = Infinity;
  let inside = 0;
  for (const m of list) {
    samePreview &&= m.preview === first.preview;
    depth = Math.min(depth, m.depth);
    count += m.count;
    totalSize += m.totalSize;
    distance = Math.min(distance, m.distance ?? Infinity);
    inside += m.inside ?? 0;
  }
  return {
    ordinal: first.ordinal,
    id: first.id,
    type: first.type,
    name: first.name,
    className: first.className,
    selfSize: first.selfSize,
    key: first.key,
    title: first.title,
    preview: samePreview ? first.preview : first.preview ? `${first.preview}, …` : '',
    depth,
    role: first.role,
    count,
    totalSize,
    ids: firstIds(list),
    members: memberOrdinals(list),
    distance,
    stopped: first.stopped,
    inside: inside > 0 ? inside : first.inside,
  };
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
