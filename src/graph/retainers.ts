import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import { rootEdgeLabel } from '../snapshot/names.js';
import { EdgeSources } from './edge-sources.js';
import { noiseNames, weakMapKeyId, type NoiseNames } from './noise.js';
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
const NONE: readonly number[] = [];
const IN_MAP = 'in Map';
const IN_SET = 'in Set';

/** What a walk does with each retainer: `hop` is the container a collapsed one holds the node through, -1 for a direct one. */
export type RetainerVisit = (source: number, edge: number, weak: boolean, hop: number) => void;

/** The retaining edges of one node, sorted out: which are drawn directly, and which through a container. */
interface Sorted {
  readonly edges: Uint32Array;
  readonly sources: Int32Array;
  /** 1 where the edge is a direct retainer, 0 where it is left out or drawn from an owner */
  readonly direct: Uint8Array;
  /** Whether the sources rise with the edges (retainingEdges is in edge order, so they do). */
  readonly inOrder: boolean;
  /** The collapsed retainers, deduplicated: owner, edge, container, label. */
  readonly hops: readonly { readonly owner: number; readonly edge: number; readonly hop: number; readonly label: string }[];
}

/**
 * The retainers of nodes in one view of one snapshot. Keeps what several nodes of one walk share:
 * the edge type numbers, and the owners of each container met, so that a container held by many
 * containers is looked up once (a chain of k containers each held by the next costs k, not k^4).
 * Built for nodes held by a million edges: no string is made for a retainer until it is drawn
 * or must be told apart from another of the same source, and nothing is kept per retainer.
 */
export class Retainers {
  private readonly weakType: number;
  private readonly internalType: number;
  private readonly hiddenType: number;
  private readonly elementType: number;
  private readonly names: NoiseNames;
  private readonly owners = new Map<number, readonly number[]>();
  /** 1 where a node is known to be no container (hopOwners at depth 1 is empty); made on first use. */
  private noOwners: Uint8Array | undefined;
  // Scratch space of `sort`, grown as needed; a nested call gets its own.
  private edges = new Uint32Array(64);
  private sources = new Int32Array(64);
  private direct = new Uint8Array(64);
  private busy = false;

  constructor(
    private readonly snap: HeapSnapshot,
    readonly view: RetainerView,
  ) {
    const types = snap.meta.edgeTypes;
    this.weakType = types.indexOf('weak');
    this.internalType = types.indexOf('internal');
    this.hiddenType = types.indexOf('hidden');
    this.elementType = types.indexOf('element');
    this.names = noiseNames(snap);
  }

  /**
   * The retainers of `ordinal`. The default view drops weak edges, self edges and plumbing, and
   * draws what a backing store or PropertyCell holds as held by its owner, skipping it entirely
   * when the owner already has a direct edge (V8 records the same fact twice).
   */
  of(ordinal: number): Retainer[] {
    const out: Retainer[] = [];
    this.each(ordinal, false, (source, edge, weak, hop) => out.push(this.retainer(source, edge, weak, hop)));
    return out;
  }

  /**
   * What `of` lists, in the same order, without the repeats the walks leave out (a root list may
   * hold the same object in several slots): each (source, label, weak) once, where first met.
   * A label is made only where one source holds the node by several edges.
   */
  distinct(ordinal: number, visit: RetainerVisit): void {
    this.each(ordinal, true, visit);
  }

  /** The Retainer that `distinct` called back with; its label is made when first read. */
  retainer(source: number, edge: number, weak: boolean, hop: number): Retainer {
    return new LazyRetainer(this.snap, source, edge, weak, hop, this.view.raw);
  }

  /** When `node` is a backing store, hash table or PropertyCell, the objects it belongs to; otherwise none. */
  containerOwners(node: number): readonly number[] {
    return this.hopOwners(node, 1);
  }

  private each(ordinal: number, distinct: boolean, visit: RetainerVisit): void {
    const nested = this.busy;
    this.busy = true;
    try {
      const sorted = this.sort(ordinal, nested);
      if (distinct) this.visitDistinct(sorted, visit);
      else for (let i = 0; i < sorted.edges.length; i++) if (sorted.direct[i] === 1) visit(sorted.sources[i]!, sorted.edges[i]!, this.snap.edgeTypeIndex(sorted.edges[i]!) === this.weakType, -1);
      // Collapsed retainers repeat no (source, label) of any other retainer: `sort` saw to that.
      for (const h of sorted.hops) visit(h.owner, h.edge, false, h.hop);
    } finally {
      this.busy = nested;
    }
  }

  /**
   * The direct retainers, each (source, label, weak) once. Edges of one source are adjacent in
   * edge order, so a repeat can only follow its first within one run of a source: labels are
   * compared within runs, and not at all in a run of array elements with rising indices.
   */
  private visitDistinct(sorted: Sorted, visit: RetainerVisit): void {
    const { snap, weakType } = this;
    const { edges, sources, direct } = sorted;
    const raw = this.view.raw;
    const key = (i: number) => `${sources[i]}\0${edgeLabel(snap, sources[i]!, edges[i]!, raw)}\0${snap.edgeTypeIndex(edges[i]!) === weakType}`;
    if (!sorted.inOrder) {
      const seen = new Set<string>();
      for (let i = 0; i < edges.length; i++) {
        if (direct[i] !== 1) continue;
        const k = key(i);
        if (seen.has(k)) continue;
        seen.add(k);
        visit(sources[i]!, edges[i]!, snap.edgeTypeIndex(edges[i]!) === weakType, -1);
      }
      return;
    }
    const nameOff = snap.meta.edgeOffsets.nameOrIndex;
    let runSource = -1;
    let runStart = 0;
    // While every edge of the run is an element with a higher index than the last, no two labels can be equal.
    let lastElement = -1;
    let labels: Set<string> | undefined;
    for (let i = 0; i < edges.length; i++) {
      if (direct[i] !== 1) continue;
      const source = sources[i]!;
      const edge = edges[i]!;
      const type = snap.edgeTypeIndex(edge);
      if (source !== runSource) {
        runSource = source;
        runStart = i;
        labels = undefined;
        lastElement = type === this.elementType ? snap.edges[edge + nameOff]! : -2;
      } else if (labels === undefined && lastElement !== -2 && type === this.elementType && snap.edges[edge + nameOff]! > lastElement) {
        lastElement = snap.edges[edge + nameOff]!;
      } else {
        if (labels === undefined) {
          labels = new Set();
          for (let j = runStart; j < i; j++) if (direct[j] === 1) labels.add(key(j));
        }
        const k = key(i);
        if (labels.has(k)) continue;
        labels.add(k);
      }
      visit(source, edge, type === weakType, -1);
    }
  }

  /** Sorts the retaining edges of `ordinal` out (see Sorted); `fresh` asks for scratch space of its own. */
  private sort(ordinal: number, fresh: boolean): Sorted {
    const { lastRetainer, previousRetainer } = this.snap.retainerLists;
    let n = 0;
    for (let k = lastRetainer[ordinal]!; k !== 0; k = previousRetainer[k - 1]!) n++;
    if (fresh) return this.sortInto(ordinal, this.retainingEdges(ordinal, new Uint32Array(n)), new Int32Array(n), new Uint8Array(n));
    if (this.sources.length < n) {
      const size = Math.max(n, 2 * this.sources.length);
      this.edges = new Uint32Array(size);
      this.sources = new Int32Array(size);
      this.direct = new Uint8Array(size);
    }
    return this.sortInto(ordinal, this.retainingEdges(ordinal, this.edges.subarray(0, n)), this.sources, this.direct);
  }

  /** snap.retainingEdges(ordinal), into `into` (exactly as long): in edge order, though the list runs backwards. */
  private retainingEdges(ordinal: number, into: Uint32Array): Uint32Array {
    const { lastRetainer, previousRetainer } = this.snap.retainerLists;
    const ef = this.snap.edgeFieldCount;
    let i = into.length;
    for (let k = lastRetainer[ordinal]!; k !== 0; k = previousRetainer[k - 1]!) into[--i] = (k - 1) * ef;
    return into;
  }

  private sortInto(ordinal: number, edges: Uint32Array, sources: Int32Array, direct: Uint8Array): Sorted {
    const { snap, view, names } = this;
    const n = edges.length;
    let inOrder = true;
    // Collapsed retainers, as (owner, edge, container) triples.
    let found: number[] | undefined;
    let lastSource = -1;
    let lastOwners = NONE;
    const sourceOf = new EdgeSources(snap);
    for (let i = 0; i < n; i++) {
      const edge = edges[i]!;
      const source = sourceOf.of(edge);
      sources[i] = source;
      direct[i] = 0;
      if (i > 0 && source < sources[i - 1]!) inOrder = false;
      const typeIndex = snap.edgeTypeIndex(edge);
      const weak = typeIndex === this.weakType;
      if (view.raw) {
        direct[i] = 1;
        continue;
      }
      if ((weak && !view.includeWeak) || source === ordinal || names.isPlumbing(source, edge)) continue;
      if (!weak) {
        // A source's edges are adjacent: its owners are looked up once for all of them.
        if (source !== lastSource) {
          lastSource = source;
          lastOwners = this.hopOwners(source, 1);
        }
        if (lastOwners.length > 0) {
          for (const owner of lastOwners) if (owner !== ordinal) (found ??= []).push(owner, edge, source);
          continue;
        }
      }
      direct[i] = 1;
    }
    const sorted = { edges, sources: sources.subarray(0, n), direct: direct.subarray(0, n), inOrder };
    if (!found) return { ...sorted, hops: [] };
    // Owners that hold the node by a property, element or variable edge of their own, drawn or
    // not: a backing store's edge to the same node repeats that fact. And the (owner, label) of
    // every direct retainer from an owner: a collapsed one with the same says it again.
    const owners = new Set<number>();
    for (let k = 0; k < found.length; k += 3) owners.add(found[k]!);
    const heldDirectly = new Set<number>();
    for (let i = 0; i < n; i++) {
      const source = sources[i]!;
      if (!owners.has(source) || heldDirectly.has(source)) continue;
      const typeIndex = snap.edgeTypeIndex(edges[i]!);
      if (typeIndex !== this.weakType && typeIndex !== this.internalType && typeIndex !== this.hiddenType) heldDirectly.add(source);
    }
    // Only the owners not held directly can add a collapsed retainer: the labels of each, as met.
    const seen = new Map<number, Set<string>>();
    const labelsOf = (owner: number): Set<string> => {
      let labels = seen.get(owner);
      if (!labels) seen.set(owner, (labels = new Set()));
      return labels;
    };
    for (let i = 0; i < n; i++) {
      const source = sources[i]!;
      if (direct[i] === 1 && owners.has(source) && !heldDirectly.has(source)) labelsOf(source).add(edgeLabel(snap, source, edges[i]!, false));
    }
    const hops: { owner: number; edge: number; hop: number; label: string }[] = [];
    let classOf = -1;
    let ownerClass = '';
    let labels: Set<string> | undefined;
    for (let k = 0; k < found.length; k += 3) {
      const owner = found[k]!;
      if (heldDirectly.has(owner)) continue;
      if (owner !== classOf) {
        classOf = owner;
        ownerClass = className(snap, owner);
        labels = labelsOf(owner);
      }
      const edge = found[k + 1]!;
      // What collapsedLabel says for a Map's or Set's entry, without decoding each entry's name.
      const label = (ownerClass === 'Map' || ownerClass === 'Set') && !this.names.isWeakMapEntry(edge) ? (ownerClass === 'Map' ? IN_MAP : IN_SET) : collapsedLabel(snap, ownerClass, found[k + 2]!, edge);
      if (labels!.has(label)) continue;
      labels!.add(label);
      hops.push({ owner, edge, hop: found[k + 2]!, label });
    }
    return { ...sorted, hops };
  }

  /** The objects that hold `ordinal` through an internal `elements`, `properties` or `table` edge, in edge order. */
  private hopEdgeOwners(ordinal: number): readonly number[] {
    const { snap, names } = this;
    const { lastRetainer, previousRetainer } = snap.retainerLists;
    const ef = snap.edgeFieldCount;
    // The retainer list runs backwards; most nodes have no such owner, and cost no array.
    let owners: number[] | undefined;
    for (let k = lastRetainer[ordinal]!; k !== 0; k = previousRetainer[k - 1]!) {
      const edge = (k - 1) * ef;
      if (names.isHopEdge(edge)) (owners ??= []).push(snap.edgeSource(edge));
    }
    return owners ? owners.reverse() : NONE;
  }

  /**
   * When `node` is a container (a backing store, hash table or PropertyCell: held by one of those
   * edges, or named as such), the objects it belongs to, through up to MAX_HOPS nested
   * containers; otherwise none.
   */
  private hopOwners(node: number, depth: number): readonly number[] {
    // The answer depends on the depth left, so it is remembered per (node, depth); at depth 1,
    // where a walk asks of every source it meets, "none" costs a byte a node and no Map entry.
    const atTop = depth === 1;
    if (atTop) {
      this.noOwners ??= new Uint8Array(this.snap.nodeCount);
      if (this.noOwners[node] === 1) return NONE;
    }
    const memo = node * (MAX_HOPS + 1) + depth;
    const known = this.owners.get(memo);
    if (known) return known;
    let owners: readonly number[] = this.hopEdgeOwners(node);
    if (owners.length === 0 && depth < MAX_HOPS && this.names.isHopByName(node)) {
      // A PropertyCell or a properties store held some other way: look one container further up.
      const found = new Set<number>();
      for (const edge of this.snap.retainingEdges(node)) {
        const source = this.snap.edgeSource(edge);
        if (this.snap.edgeTypeIndex(edge) === this.weakType || source === node || !this.names.isHopByName(source)) continue;
        for (const owner of this.hopOwners(source, depth + 1)) found.add(owner);
      }
      owners = found.size > 0 ? [...found] : NONE;
    }
    if (atTop && owners.length === 0) this.noOwners![node] = 1;
    else this.owners.set(memo, owners);
    return owners;
  }
}

/** A retainer whose label is made when first read: of a million retainers a walk draws ten. */
class LazyRetainer implements Retainer {
  private text: string | undefined;
  readonly collapsed: boolean;

  constructor(
    private readonly snap: HeapSnapshot,
    readonly source: number,
    readonly edge: number,
    readonly weak: boolean,
    private readonly hop: number,
    private readonly raw: boolean,
  ) {
    this.collapsed = hop !== -1;
  }

  get label(): string {
    this.text ??= this.collapsed ? collapsedLabel(this.snap, className(this.snap, this.source), this.hop, this.edge) : edgeLabel(this.snap, this.source, this.edge, this.raw);
    return this.text;
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

/** How an owner of class `ownerClass` holds what its container `hop` holds through `edge`: `[3]`, `in Map`, a property's name, `global variable`. */
export function collapsedLabel(snap: HeapSnapshot, ownerClass: string, hop: number, edge: number): string {
  const name = snap.edgeName(edge);
  const key = weakMapKeyId(name);
  if (key !== undefined) return `WeakMap value for key @${key}`;
  if (ownerClass === 'Map' || ownerClass === 'Set') return `in ${ownerClass}`;
  if (snap.nodeName(hop) === '(object elements)' || snap.edgeType(edge) === 'element') return `[${name}]`;
  if (snap.nodeName(hop) === 'system / PropertyCell') return 'global variable';
  return /^\d+$/.test(String(name)) ? 'property' : String(name);
}
