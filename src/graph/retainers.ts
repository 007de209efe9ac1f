import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import { rootEdgeLabel } from '../snapshot/names.js';
import { HOP_EDGES, isHopByName, isPlumbing, weakMapKeyId } from './noise.js';
import type { GraphEdge } from './types.js';

/** One way a node is held: by `source` through `edge` (an index into `snapshot.edges`). */
export interface Retainer {
  readonly source: number;
  readonly edge: number;
  readonly label: string;
  readonly weak: boolean;
  readonly collapsed: boolean;
}

export interface RetainerView {
  /** Every edge as V8 recorded it. */
  readonly raw: boolean;
  /** Weak edges too (always in raw). */
  readonly includeWeak: boolean;
}

/** How many containers deep a collapse may go: PropertyCell ← (object properties) ← global is two. */
const MAX_HOPS = 3;

/**
 * The retainers of nodes in one view of one snapshot. Keeps what several nodes of one walk share:
 * the edge type numbers, and the owners of each container met, so that a container held by many
 * containers is looked up once (a chain of k containers each held by the next costs k, not k^4).
 */
export class Retainers {
  private readonly weakType: number;
  private readonly internalType: number;
  private readonly hiddenType: number;
  private readonly owners = new Map<number, readonly number[]>();

  constructor(
    private readonly snap: HeapSnapshot,
    readonly view: RetainerView,
  ) {
    const types = snap.meta.edgeTypes;
    this.weakType = types.indexOf('weak');
    this.internalType = types.indexOf('internal');
    this.hiddenType = types.indexOf('hidden');
  }

  /**
   * The retainers of `ordinal`. The default view drops weak edges, self edges and plumbing, and
   * draws what a backing store or PropertyCell holds as held by its owner, skipping it entirely
   * when the owner already has a direct edge (V8 records the same fact twice).
   */
  of(ordinal: number): Retainer[] {
    const { snap, view } = this;
    const direct: Retainer[] = [];
    const viaHops: Retainer[] = [];
    // Owners that hold the node by a property, element or variable edge of their own, drawn or
    // not: a backing store's edge to the same node repeats that fact.
    const heldDirectly = new Set<number>();
    for (const edge of snap.retainingEdges(ordinal)) {
      const source = snap.edgeSource(edge);
      const typeIndex = snap.edgeTypeIndex(edge);
      const weak = typeIndex === this.weakType;
      if (!weak && typeIndex !== this.internalType && typeIndex !== this.hiddenType) heldDirectly.add(source);
      if (view.raw) {
        direct.push({ source, edge, label: edgeLabel(snap, source, edge, true), weak, collapsed: false });
        continue;
      }
      if ((weak && !view.includeWeak) || source === ordinal || isPlumbing(snap, source, edge)) continue;
      if (!weak) {
        const owners = this.hopOwners(source, 1);
        if (owners.length > 0) {
          for (const owner of owners) {
            if (owner !== ordinal) viaHops.push({ source: owner, edge, label: collapsedLabel(snap, owner, source, edge), weak, collapsed: true });
          }
          continue;
        }
      }
      direct.push({ source, edge, label: edgeLabel(snap, source, edge, false), weak, collapsed: false });
    }
    if (view.raw) return direct;
    const seen = new Set(direct.map((d) => `${d.source}\0${d.label}`));
    for (const h of viaHops) {
      const key = `${h.source}\0${h.label}`;
      if (heldDirectly.has(h.source) || seen.has(key)) continue;
      seen.add(key);
      direct.push(h);
    }
    return direct;
  }

  /** When `node` is a backing store, hash table or PropertyCell, the objects it belongs to; otherwise none. */
  containerOwners(node: number): readonly number[] {
    return this.hopOwners(node, 1);
  }

  /** The objects that hold `ordinal` through an internal `elements`, `properties` or `table` edge. */
  private hopEdgeOwners(ordinal: number): number[] {
    const { snap } = this;
    const owners: number[] = [];
    for (const edge of snap.retainingEdges(ordinal)) {
      if (snap.edgeTypeIndex(edge) !== this.internalType) continue;
      const name = snap.edgeName(edge);
      if (typeof name === 'string' && HOP_EDGES.has(name)) owners.push(snap.edgeSource(edge));
    }
    return owners;
  }

  /**
   * When `node` is a container (a backing store, hash table or PropertyCell: held by one of those
   * edges, or named as such), the objects it belongs to, through up to MAX_HOPS nested
   * containers; otherwise none.
   */
  private hopOwners(node: number, depth: number): readonly number[] {
    // The answer depends on the depth left, so it is remembered per (node, depth).
    const memo = node * (MAX_HOPS + 1) + depth;
    const known = this.owners.get(memo);
    if (known) return known;
    let owners: readonly number[] = this.hopEdgeOwners(node);
    if (owners.length === 0 && depth < MAX_HOPS && isHopByName(this.snap, node)) {
      // A PropertyCell or a properties store held some other way: look one container further up.
      const found = new Set<number>();
      for (const edge of this.snap.retainingEdges(node)) {
        const source = this.snap.edgeSource(edge);
        if (this.snap.edgeTypeIndex(edge) === this.weakType || source === node || !isHopByName(this.snap, source)) continue;
        for (const owner of this.hopOwners(source, depth + 1)) found.add(owner);
      }
      owners = [...found];
    }
    this.owners.set(memo, owners);
    return owners;
  }
}

/** The arrow a walk draws for retainer `r` of the node keyed `to` (both walks draw them alike). */
export function retainerArrow(snap: HeapSnapshot, r: Retainer, from: string, to: string): GraphEdge {
  return { from, to, type: snap.edgeType(r.edge), name: snap.edgeName(r.edge), label: r.label, weak: r.weak, collapsed: r.collapsed, inCycle: false };
}

/** The retainers of one node; a walk over many nodes should keep one `Retainers` instead. */
export function retainersOf(snap: HeapSnapshot, ordinal: number, view: RetainerView): Retainer[] {
  return new Retainers(snap, view).of(ordinal);
}

/** How `source` holds the node through `edge`: property and variable names, `[index]`, V8's internal name. */
export function edgeLabel(snap: HeapSnapshot, source: number, edge: number, raw: boolean): string {
  const type = snap.edgeType(edge);
  const name = snap.edgeName(edge);
  if (raw) return typeof name === 'number' ? `${type} [${name}]` : `${type} ${name}`;
  switch (type) {
    case 'element':
      return `[${name}]`;
    case 'hidden':
      return '';
    case 'internal': {
      const key = weakMapKeyId(name);
      if (key !== undefined) return 'value of this key in a WeakMap';
      // A root list's slots are named by the list (names.ts); numbered internal slots say nothing to a reader.
      if (snap.nodeType(source) === 'synthetic') return rootEdgeLabel(snap, source, edge);
      if (/^\d+$/.test(String(name))) return '';
      return String(name);
    }
    default:
      return String(name);
  }
}

/** How `owner` holds what its container `hop` holds through `edge`: `[3]`, `in Map`, a property's name, `global variable`. */
export function collapsedLabel(snap: HeapSnapshot, owner: number, hop: number, edge: number): string {
  const name = snap.edgeName(edge);
  const key = weakMapKeyId(name);
  if (key !== undefined) return `WeakMap value for key @${key}`;
  const ownerClass = className(snap, owner);
  if (ownerClass === 'Map' || ownerClass === 'Set') return `in ${ownerClass}`;
  if (snap.nodeName(hop) === '(object elements)' || snap.edgeType(edge) === 'element') return `[${name}]`;
  if (snap.nodeName(hop) === 'system / PropertyCell') return 'global variable';
  return /^\d+$/.test(String(name)) ? 'property' : String(name);
}
