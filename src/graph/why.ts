import { className, nodeTitle } from '../analysis/class-names.js';
import { distances, NO_EDGE, UNREACHABLE, type Distances } from '../analysis/distances.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { preview } from '../snapshot/names.js';
import { budgetGraph } from './budget.js';
import { markCyclesThatMatter } from './cycles.js';
import { ANY_SLOT, groupGraph, labelKind } from './group.js';
import { heapNode } from './heap-node.js';
import { moreBox } from './more-box.js';
import { nodeKeys } from './node-keys.js';
import { globalObjects, isModuleScope, isRoot, isStopNode } from './noise.js';
import { edgeLabel, retainerArrow, Retainers, type Retainer } from './retainers.js';
import { collapseLinkedStructures } from './linked-structures.js';
import { mergeSiblings } from './siblings.js';
import { eachAlone, groupTargets, MAX_IDS, MAX_WALKED_TARGETS } from './target-groups.js';
import type { GraphEdge, GraphNode, HeapNode, MoreNode, NodeRole, RetainerGraph } from './types.js';
import { ignoreTest, type WalkOptions } from './walk.js';

export interface WhyOptions extends WalkOptions {
  /** Draw at most about this many boxes (nodes and "more" boxes); the rest is counted. Default 40. */
  maxNodes?: number;
  /** One box for the objects of one class held the same way (default true); false draws each. */
  group?: boolean;
}

/**
 * The default picture: from each target toward the roots, guided by the distances DevTools
 * computes. At a target, every retainer that is an independent reason for it to be alive is
 * followed (its own shortest path from a root does not run through the target); above the
 * targets, only retainers no farther from a root than what they hold. Everything else is counted
 * into the node's "K more retainers" box. Roots, global objects, CommonJS module records and
 * `process` are drawn and not walked through; where `maxDepth` stops the walk, the node says how
 * far the root still is. Then instances held the same way become one box, and a node budget
 * keeps the shortest paths first.
 */
export function whyGraph(snap: HeapSnapshot, targets: readonly number[], options: WhyOptions = {}): RetainerGraph {
  const maxDepth = options.maxDepth ?? 10;
  const tooMany = options.tooMany ?? 10;
  const dist = distances(snap);
  const { distance } = dist;
  const retainers = new Retainers(snap, { raw: false, includeWeak: options.includeWeak ?? false });
  const ignored = ignoreTest(options.ignore ?? []);
  const globals = globalObjects(snap);
  const isTarget = new Uint8Array(snap.nodeCount);
  for (const t of targets) isTarget[t] = 1;

  const belowTarget = pathPassesTarget(snap, dist, isTarget);

  /**
   * The retainers worth drawing, closest to a root first (ties in the order of `Retainers.of`),
   * and how many others there are. Only what the walk can draw is kept: the first `tooMany` held
   * by non-targets, and every one held by a target (whether the walk may draw those is known
   * only once every target has been looked at); a node held a million times keeps a few.
   */
  const heldBy = (ordinal: number): Held => {
    const best: Ranked[] = [];
    const byTargets: Ranked[] = [];
    let kept = 0;
    let others = 0;
    const target = isTarget[ordinal] === 1;
    const d = distance[ordinal]!;
    // Past a few, a sorted insert costs more than sorting all of them once.
    const bounded = tooMany <= 64;
    retainers.distinct(ordinal, (source, edge, weak, hop) => {
      if (ignored(snap, source)) return;
      if (options.filter && !options.filter(heapNode(snap, source))) return;
      const rd = distance[source]!;
      const follows = rd !== UNREACHABLE && (target ? !reachedThrough(snap, dist, source, ordinal) : rd <= d);
      if (!follows) {
        others++;
        return;
      }
      const rank = kept++;
      if (isTarget[source] === 1) byTargets.push({ r: retainers.retainer(source, edge, weak, hop), distance: rd, rank });
      else if (!bounded) best.push({ r: retainers.retainer(source, edge, weak, hop), distance: rd, rank });
      else if (best.length < tooMany || (best.length > 0 && rd < best[best.length - 1]!.distance)) {
        // After every kept one at the same distance: the order a stable sort by distance gives.
        let at = best.length;
        while (at > 0 && best[at - 1]!.distance > rd) at--;
        best.splice(at, 0, { r: retainers.retainer(source, edge, weak, hop), distance: rd, rank });
        if (best.length > tooMany) best.pop();
      }
    });
    if (!bounded) best.sort(byDistance);
    byTargets.sort(byDistance);
    return { best, byTargets, kept, others };
  };

  // Targets that hang below other targets (the inner nodes of a tree, the links of a list): their
  // shortest path from a root passes another target, and so does every independent reason they
  // have to be alive. They are counted on the box of the targets they hang below, not drawn.
  const heldTargets = new Map<number, Held>();
  const inside = new Map<string, number>();
  const queue: number[] = [];
  const depthOf = new Map<number, number>();
  const isInside = (o: number) => isTarget[o] === 1 && !heldTargets.has(o);
  const weakType = snap.meta.edgeTypes.indexOf('weak');
  // Looks at raw edges, not labels: it runs for every target, and most are inside.
  const hangsBelow = (t: number): boolean => {
    if (!belowTarget(t)) return false;
    for (const edge of snap.retainingEdges(t)) {
      if (snap.edgeTypeIndex(edge) === weakType) continue;
      const source = snap.edgeSource(edge);
      if (isTarget[source] === 1 || distance[source] === UNREACHABLE || source === t) continue;
      if (!belowTarget(source) && !reachedThrough(snap, dist, source, t)) return false;
    }
    return true;
  };
  // Many targets: one walk for each group held the same way, the biggest groups first.
  const groups = targets.length > MAX_WALKED_TARGETS ? groupTargets(snap, targets, isTarget, retainers) : eachAlone(targets);
  const membersOf = new Map<number, number[]>();
  let walked = 0;
  let unwalked = { groups: 0, targets: 0 };
  for (let g = 0; g < groups.count; g++) {
    const t = groups.first(g);
    if (depthOf.has(t)) continue;
    // Past the groups walked, the rest are only counted (and not told apart).
    if (walked >= MAX_WALKED_TARGETS) {
      unwalked = { groups: unwalked.groups + 1, targets: unwalked.targets + groups.size(g) };
      continue;
    }
    if (hangsBelow(t)) {
      const cls = className(snap, t);
      inside.set(cls, (inside.get(cls) ?? 0) + groups.size(g));
      continue;
    }
    walked++;
    membersOf.set(t, groups.members(g));
    heldTargets.set(t, heldBy(t));
    depthOf.set(t, 0);
    queue.push(t);
  }
  // Only a ring of targets (or --ignore) leaves every target below another: draw the first.
  if (queue.length === 0 && targets.length > 0) {
    const t = targets[0]!;
    const cls = className(snap, t);
    inside.set(cls, inside.get(cls)! - 1);
    heldTargets.set(t, heldBy(t));
    depthOf.set(t, 0);
    queue.push(t);
  }

  /** What a box stands for: its target group's members, or the one object. */
  const members = (ordinal: number, base: HeapNode): { count: number; totalSize: number; ids: number[]; members?: readonly number[] } => {
    const list = membersOf.get(ordinal);
    if (!list || list.length === 1) return { count: 1, totalSize: base.selfSize, ids: [base.id] };
    let totalSize = 0;
    for (const o of list) totalSize += snap.selfSize(o);
    return { count: list.length, totalSize, ids: list.slice(0, MAX_IDS).map((o) => snap.nodeId(o)), members: list };
  };
  const roleOf = (ordinal: number): NodeRole =>
    isTarget[ordinal] === 1 && depthOf.get(ordinal) === 0 ? 'target' : isRoot(snap, ordinal) ? 'root' : globals.has(ordinal) || isStopNode(snap, ordinal) ? 'global' : 'retainer';
  const nodes: GraphNode[] = [];
  const more: MoreNode[] = [];
  const edges: GraphEdge[] = [];
  const keyOf = nodeKeys(snap);
  const insideShown = new Set<string>();
  for (let head = 0; head < queue.length; head++) {
    const ordinal = queue[head]!;
    const depth = depthOf.get(ordinal)!;
    const role = roleOf(ordinal);
    const key = keyOf(ordinal);
    const base = heapNode(snap, ordinal);
    const moduleScope = role === 'retainer' && isModuleScope(snap, ordinal);
    const walkOn = role !== 'root' && role !== 'global' && !moduleScope && distance[ordinal] !== UNREACHABLE;
    const stopped = moduleScope ? { ...pathRest(snap, dist, ordinal), at: 'module scope' as const } : walkOn && depth >= maxDepth ? pathRest(snap, dist, ordinal) : undefined;
    let insideCount: number | undefined;
    if (role === 'target' && inside.has(base.className) && !insideShown.has(base.className)) {
      insideShown.add(base.className);
      insideCount = inside.get(base.className);
    }
    const group = members(ordinal, base);
    // Every field written out, in one order: objects spread into a literal each get a hidden
    // class of their own in V8, and a million of them crawl.
    nodes.push({
      ordinal,
      id: base.id,
      type: base.type,
      name: base.name,
      className: base.className,
      selfSize: base.selfSize,
      key,
      title: nodeTitle(snap, ordinal),
      preview: preview(snap, ordinal),
      depth,
      role,
      count: group.count,
      totalSize: group.totalSize,
      ids: group.ids,
      members: group.members,
      distance: distance[ordinal],
      stopped,
      inside: insideCount,
    });
    if (!walkOn || stopped) continue;
    const held = heldTargets.get(ordinal) ?? heldBy(ordinal);
    // Targets below others are counted on those, not drawn as their holders.
    let drawn = firstByDistance(held.best, held.byTargets.filter((x) => !isInside(x.r.source)), tooMany);
    const skipped = held.others + held.kept - drawn.length;
    // Every reachable node has a way toward the roots: when the noise rules hid it, the edge of
    // its shortest path is drawn as V8 recorded it.
    if (drawn.length === 0 && dist.parentEdge[ordinal] !== NO_EDGE) {
      const edge = dist.parentEdge[ordinal]!;
      const source = snap.edgeSource(edge);
      if (!ignored(snap, source)) drawn = [{ source, edge, label: edgeLabel(snap, source, edge, true), weak: false, collapsed: false }];
    }
    // A box of many targets walks from its first: the slot that holds that one is not the others'.
    const many = (membersOf.get(ordinal)?.length ?? 1) > 1;
    for (const r of drawn) {
      const arrow = retainerArrow(snap, r, keyOf(r.source), key);
      edges.push(many && labelKind(arrow.label) === '[]' ? { ...arrow, label: ANY_SLOT } : arrow);
      if (!depthOf.has(r.source)) {
        depthOf.set(r.source, depth + 1);
        queue.push(r.source);
      }
    }
    if (skipped > 0) {
      const box = moreBox(key, depth + 1, skipped);
      more.push(box.node);
      edges.push(box.edge);
    }
  }

  let graph: RetainerGraph = { nodes, more, edges, maxDepth, raw: false, walk: 'why' };
  if (unwalked.groups > 0) graph = { ...graph, unwalked };
  if (options.group !== false) graph = mergeSiblings(groupGraph(collapseLinkedStructures(graph)));
  graph = budgetGraph(graph, options.maxNodes ?? 40);
  markCyclesThatMatter(graph);
  return graph;
}

/** A retainer the walk may draw, with its distance from a root and its place among the kept. */
interface Ranked {
  readonly r: Retainer;
  readonly distance: number;
  readonly rank: number;
}

/** What heldBy keeps of a node's retainers (see there); `kept` and `others` count them all. */
interface Held {
  readonly best: readonly Ranked[];
  readonly byTargets: readonly Ranked[];
  readonly kept: number;
  readonly others: number;
}

const byDistance = (a: Ranked, b: Ranked) => a.distance - b.distance || a.rank - b.rank;

/** The first `count` of two lists sorted by distance and rank, merged. */
function firstByDistance(a: readonly Ranked[], b: readonly Ranked[], count: number): Retainer[] {
  const out: Retainer[] = [];
  let i = 0;
  let j = 0;
  while (out.length < count && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && byDistance(a[i]!, b[j]!) < 0)) out.push(a[i++]!.r);
    else out.push(b[j++]!.r);
  }
  return out;
}

/**
 * Whether the shortest path from a root to `node` runs through `through`: up the path's edges
 * while the distance is still above `through`'s (distances fall by one a step, so the path
 * passes `through` only at that distance).
 */
export function reachedThrough(snap: HeapSnapshot, dist: Distances, node: number, through: number): boolean {
  const { distance, parentEdge } = dist;
  const stop = distance[through]!;
  let n = node;
  while (distance[n]! > stop && parentEdge[n] !== NO_EDGE) n = snap.edgeSource(parentEdge[n]!);
  return n === through;
}

/**
 * Whether a node's shortest path from a root passes a target before reaching it: up the path,
 * remembering the answer for every node passed (so all targets together cost the nodes their
 * paths cover, not the sum of the paths).
 */
function pathPassesTarget(snap: HeapSnapshot, dist: Distances, isTarget: Uint8Array): (ordinal: number) => boolean {
  const known = new Uint8Array(snap.nodeCount); // 0 not known yet, 1 no, 2 yes
  const path: number[] = [];
  return (ordinal) => {
    let n = ordinal;
    let answer = 1;
    for (;;) {
      if (known[n] !== 0) {
        answer = known[n]!;
        break;
      }
      const edge = dist.parentEdge[n]!;
      if (edge === NO_EDGE) {
        known[n] = 1;
        break;
      }
      path.push(n);
      const up = snap.edgeSource(edge);
      if (isTarget[up] === 1) {
        answer = 2;
        break;
      }
      n = up;
    }
    // Every node passed has the same ancestors above the point where the answer was found.
    for (const p of path) known[p] = answer;
    path.length = 0;
    return known[ordinal] === 2;
  };
}

/** How many hops the shortest path still climbs from `ordinal` to a global object or a root list, and through what. */
function pathRest(snap: HeapSnapshot, dist: Distances, ordinal: number): { hops: number; via: string; root: string } {
  let hops = 0;
  let via = '';
  let n = ordinal;
  // Up to a global object (distance 1) or to the first root list (a synthetic node) on the way.
  while (dist.distance[n]! > 1 && dist.parentEdge[n] !== NO_EDGE && !isRoot(snap, n)) {
    const up = snap.edgeSource(dist.parentEdge[n]!);
    if (up === 0) break;
    if (hops === 0) via = nodeTitle(snap, up);
    hops++;
    n = up;
  }
  return { hops, via, root: nodeTitle(snap, n) };
}
