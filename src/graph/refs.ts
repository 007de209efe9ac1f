import { className, nodeTitle } from '../analysis/class-names.js';
import { retainedSizes } from '../analysis/retained-sizes.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { preview } from '../snapshot/names.js';
import { markCyclesThatMatter } from './cycles.js';
import { groupLabel, labelKind } from './group.js';
import { heapNode } from './heap-node.js';
import { moreBox } from './more-box.js';
import { nodeKeys } from './node-keys.js';
import { globalObjects, isLeafValue, isModuleScope, isRoot, isStopNode } from './noise.js';
import { References } from './references.js';
import { MAX_IDS } from './target-groups.js';
import type { GraphEdge, GraphNode, HeapNode, MoreNode, NodeRole, RetainerGraph } from './types.js';
import { ignoreTest } from './walk.js';

export interface RefsOptions {
  /** How many levels of references to follow (objgraph's show_refs `max_depth`). Default 3. */
  maxDepth?: number;
  /** Past this many boxes below one box (a group counts once), the rest is counted in it. Default 10. */
  tooMany?: number;
  /** Draw at most about this many boxes; the rest is counted. Default 40. */
  maxNodes?: number;
  /** One box for the objects of one class held the same way (default true); false draws each. */
  group?: boolean;
  /** Also follow weak edges (drawn dashed). */
  includeWeak?: boolean;
  /** Class names (`Foo`) or heap ids (`@123`, 123) never drawn nor walked through. */
  ignore?: readonly (string | number)[];
  /** Called for each candidate reference; false leaves it out. */
  filter?: (node: HeapNode) => boolean;
}

/** A box being walked: one object, or the objects of one class held the same way by one box. */
interface Box {
  readonly key: string;
  readonly members: readonly number[];
  readonly depth: number;
  readonly role: NodeRole;
}

/** What one box holds of one kind, before the budget decides whether it is drawn. */
interface Candidate {
  readonly parent: Box;
  readonly members: number[];
  readonly labels: Labels;
  /** Heap edges from the parent's members: the arrow's count. */
  edges: number;
  readonly weak: boolean;
  readonly sample: { readonly edge: number; readonly collapsed: boolean };
  retained: number;
}

/**
 * objgraph's show_refs on a heap snapshot: from the targets down what they hold, level by level,
 * under the back-reference view's noise rules (references.ts). At each box, what it holds is
 * grouped as the back view groups (same class, held the same way: an array's 10,000 elements of
 * one class are one `Item ×10000` box), ordered by retained size, biggest first; past `tooMany`
 * boxes below one box, or past `maxNodes` boxes in all, the rest is counted in the box that holds
 * it ("+K more references"). Nearer the targets comes first, then, at one depth, the biggest:
 * the budget keeps what would free the most. Strings and numbers are leaves; globals, `process`,
 * module records, built-in functions and module scopes are drawn and not walked into.
 */
export function refsGraph(snap: HeapSnapshot, targets: readonly number[], options: RefsOptions = {}): RetainerGraph {
  const maxDepth = options.maxDepth ?? 3;
  const tooMany = options.tooMany ?? 10;
  const maxNodes = options.maxNodes ?? 40;
  const group = options.group ?? true;
  const retained = retainedSizes(snap);
  const references = new References(snap, options.includeWeak ?? false);
  const ignored = ignoreTest(options.ignore ?? []);
  const globals = globalObjects(snap);
  const keyOf = nodeKeys(snap);
  const classOf = classNames(snap);
  // The box each drawn object is in, by ordinal (-1: not drawn).
  const boxOf = new Int32Array(snap.nodeCount).fill(-1);
  const boxes: Box[] = [];
  const edges = new Map<string, { edge: GraphEdge; labels: Labels; count: number }>();
  const moreCount = new Map<number, number>();
  let dropped = 0;

  const place = (members: number[], depth: number, role: NodeRole): Box => {
    const box: Box = { key: keyOf(members[0]!), members, depth, role };
    for (const m of members) boxOf[m] = boxes.length;
    boxes.push(box);
    return box;
  };
  const roleOf = (o: number): NodeRole => (isRoot(snap, o) ? 'root' : globals.has(o) || isStopNode(snap, o) || isModuleScope(snap, o) ? 'global' : 'retainer');
  // Most roles follow from the type and name alone: only closures (built-in or not), globals,
  // `Module` records and scopes are looked at one by one.
  const objectType = snap.meta.nodeTypes.indexOf('object');
  const typeCount = snap.meta.nodeTypes.length;
  const plainRoles = new Map<number, NodeRole | null>();
  const fastRole = (o: number): NodeRole => {
    if (globals.has(o) || snap.nodeTypeIndex(o) !== objectType) return roleOf(o);
    const key = snap.nodeNameIndex(o) * typeCount + objectType;
    let r = plainRoles.get(key);
    if (r === undefined) {
      const name = snap.nodeName(o);
      r = name === 'Module' || name.startsWith('system / Context') ? null : roleOf(o);
      plainRoles.set(key, r);
    }
    return r ?? roleOf(o);
  };
  const arrow = (from: Box, to: Box, c: Pick<Candidate, 'labels' | 'weak' | 'sample'>, count: number) => {
    const first = c.labels.first;
    const id = `${from.key}\0${to.key}\0${labelKind(first)}\0${c.weak}`;
    const known = edges.get(id);
    if (known) {
      known.labels.merge(c.labels);
      known.count += count;
      return;
    }
    const edge: GraphEdge = { from: from.key, to: to.key, type: snap.edgeType(c.sample.edge), name: snap.edgeName(c.sample.edge), label: first, weak: c.weak, collapsed: c.sample.collapsed, inCycle: false };
    const labels = new Labels();
    labels.merge(c.labels);
    edges.set(id, { edge, labels, count });
  };

  // The targets: one box per class (grouped), or one each.
  const byClass = new Map<string, number[]>();
  for (const t of targets) {
    if (boxOf[t] !== -1) continue;
    const k = group ? className(snap, t) : String(t);
    const list = byClass.get(k);
    if (list) list.push(t);
    else byClass.set(k, [t]);
    boxOf[t] = -2;
  }
  let level = [...byClass.values()].map((members) => place(members, 0, 'target'));

  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const candidates: Candidate[] = [];
    for (const box of level) {
      if (box.role !== 'target' && (box.role !== 'retainer' || isLeafValue(snap, box.members[0]!))) continue;
      const kinds = new Map<string, Candidate>();
      for (const m of box.members) {
        for (const r of references.of(m)) {
          if (ignored(snap, r.target) || (options.filter && !options.filter(heapNode(snap, r.target)))) continue;
          const k = group ? `${classOf(r.target)}\0${labelKind(r.label)}\0${r.weak}` : `${r.target}\0${r.label}\0${r.weak}`;
          let c = kinds.get(k);
          if (!c) {
            c = { parent: box, members: [], labels: new Labels(), edges: 0, weak: r.weak, sample: { edge: r.edge, collapsed: r.collapsed }, retained: 0 };
            kinds.set(k, c);
          }
          c.labels.add(r.label);
          c.edges++;
          // Several members may hold one object: it is one member of the box below.
          if (c.members[c.members.length - 1] !== r.target) c.members.push(r.target);
        }
      }
      for (const c of kinds.values()) {
        const unique = c.members.length > 1 ? [...new Set(c.members)] : [...c.members];
        c.members.length = 0;
        for (const o of unique) {
          c.members.push(o);
          c.retained += retained[o]!;
        }
        candidates.push(c);
      }
    }
    // The biggest first across the level: what the budget keeps is what would free the most.
    candidates.sort((a, b) => b.retained - a.retained || b.members.length - a.members.length);
    const drawnBelow = new Map<Box, number>();
    const next: Box[] = [];
    for (const c of candidates) {
      // Objects already drawn (higher up, or by a bigger candidate of this level) get an arrow, no new box.
      const fresh: number[] = [];
      const shared = new Map<number, number>();
      for (const o of c.members) {
        const b = boxOf[o]!;
        if (b < 0) fresh.push(o);
        else shared.set(b, (shared.get(b) ?? 0) + 1);
      }
      for (const [b, count] of shared) arrow(c.parent, boxes[b]!, c, count === c.members.length ? c.edges : count);
      if (fresh.length === 0) continue;
      const below = drawnBelow.get(c.parent) ?? 0;
      if (below >= tooMany || boxes.length >= maxNodes) {
        moreCount.set(boxOf[c.parent.members[0]!]!, (moreCount.get(boxOf[c.parent.members[0]!]!) ?? 0) + fresh.length);
        if (below < tooMany) dropped++;
        continue;
      }
      drawnBelow.set(c.parent, below + 1);
      // A global object or a root is a box of its own; the rest split by role, so that a stop
      // node (a built-in function, a module scope) is never hidden among plain objects.
      const byRole = new Map<NodeRole, number[]>();
      for (const o of fresh) {
        const role = fastRole(o);
        if (role === 'root' || globals.has(o)) {
          const box = place([o], depth + 1, role);
          next.push(box);
          arrow(c.parent, box, c, 1);
          continue;
        }
        const list = byRole.get(role);
        if (list) list.push(o);
        else byRole.set(role, [o]);
      }
      for (const [role, members] of byRole) {
        const box = place(members, depth + 1, role);
        next.push(box);
        arrow(c.parent, box, c, members.length === c.members.length ? c.edges : members.length);
      }
    }
    level = next;
  }

  const nodes: GraphNode[] = boxes.map((b) => graphNode(snap, b, retained));
  const more: MoreNode[] = [];
  const out: GraphEdge[] = [];
  for (const { edge, labels, count } of edges.values()) out.push(count === 1 ? edge : { ...edge, label: edge.label === '' ? '' : labels.text(count), count });
  for (const [b, count] of moreCount) {
    const box = moreBox(boxes[b]!.key, boxes[b]!.depth + 1, count);
    more.push(box.node);
    out.push(box.edge);
  }
  const graph: RetainerGraph = { nodes, more, edges: out, maxDepth, raw: false, walk: 'refs', ...(dropped > 0 ? { omitted: { nodes: dropped, targetGroups: 0, targets: 0 } } : {}) };
  markCyclesThatMatter(graph);
  return graph;
}

/** Past this many distinct labels on one arrow (an array's elements), only their range is kept. */
const MAX_LABELS = 1000;

/** The labels one arrow stands for: each while they are few; past that, for elements, their range. */
class Labels {
  first = '';
  private readonly set = new Set<string>();
  private low = Infinity;
  private high = -Infinity;
  private full = false;

  add(label: string): void {
    if (this.set.size === 0 && !this.full) this.first = label;
    if (this.set.size < MAX_LABELS) this.set.add(label);
    else this.full = true;
    if (label.startsWith('[') && labelKind(label) === '[]') {
      const i = Number(label.slice(1, -1));
      if (i < this.low) this.low = i;
      if (i > this.high) this.high = i;
    }
  }

  merge(other: Labels): void {
    if (this.set.size === 0 && !this.full) this.first = other.first;
    for (const l of other.set) this.add(l);
    this.full ||= other.full;
    this.low = Math.min(this.low, other.low);
    this.high = Math.max(this.high, other.high);
  }

  /** What the arrow says for `count` heap edges (group.ts's wording). */
  text(count: number): string {
    if (!this.full || labelKind(this.first) !== '[]') return groupLabel(this.first, this.set, count);
    // More edges than indices in the range: some index repeats, so say how many edges.
    return `[${this.low}…${this.high}]${count > this.high - this.low + 1 ? ` ×${count}` : ''}`;
  }
}

/**
 * className, remembered by node type and name where those decide it: a group of a million
 * objects is bucketed without decoding a name a reference. Plain objects (named by their shape)
 * and natives (`Detached …`) are asked one by one.
 */
function classNames(snap: HeapSnapshot): (ordinal: number) => string {
  const types = snap.meta.nodeTypes.length;
  const object = snap.meta.nodeTypes.indexOf('object');
  const native = snap.meta.nodeTypes.indexOf('native');
  const plain = new Set(snap.strings.indicesOf('Object'));
  const known = new Map<number, string>();
  return (o) => {
    const type = snap.nodeTypeIndex(o);
    const name = snap.nodeNameIndex(o);
    if (type === native || (type === object && plain.has(name))) return className(snap, o);
    const key = name * types + type;
    let c = known.get(key);
    if (c === undefined) {
      c = className(snap, o);
      known.set(key, c);
    }
    return c;
  };
}

function graphNode(snap: HeapSnapshot, box: Box, retained: Float64Array): GraphNode {
  const first = box.members[0]!;
  const base = heapNode(snap, first);
  let totalSize = 0;
  let retainedSize = 0;
  for (const o of box.members) {
    totalSize += snap.selfSize(o);
    retainedSize += retained[o]!;
  }
  const previews = box.members.length === 1 ? undefined : new Set(box.members.slice(0, 50).map((o) => preview(snap, o)));
  const p = preview(snap, first);
  return {
    ...base,
    key: box.key,
    title: nodeTitle(snap, first),
    preview: !previews || previews.size === 1 ? p : p ? `${p}, …` : '',
    depth: box.depth,
    role: box.role,
    count: box.members.length,
    totalSize,
    ids: box.members.slice(0, MAX_IDS).map((o) => snap.nodeId(o)),
    retainedSize,
  };
}
