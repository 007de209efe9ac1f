import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import { HOP_EDGES, isHopByName, isOddball, isPlumbing, isPlumbingNode } from './noise.js';
import { collapsedLabel, edgeLabel } from './retainers.js';

/** One thing a node holds: `target` through `edge` (an index into `snapshot.edges`). */
export interface Reference {
  readonly target: number;
  readonly edge: number;
  readonly label: string;
  readonly weak: boolean;
  readonly collapsed: boolean;
}

/** How many containers deep a collapse may go, as in retainers.ts: global → properties → PropertyCell. */
const MAX_HOPS = 3;

/**
 * What nodes hold, under the noise rules of the back-reference view read the other way: no weak
 * edges (unless asked), no self edges, no plumbing (maps, code, feedback, prototype links), no
 * `undefined`/`null`/`true`/`false`, and a
 * backing store, hash table or PropertyCell passed over so that what it holds is drawn as held by
 * its owner, skipped where the owner already holds it directly (V8 records the same fact twice).
 */
export class References {
  private readonly weakType: number;
  private readonly internalType: number;
  private readonly hiddenType: number;
  private readonly elementType: number;
  private readonly propertyType: number;
  private readonly closureType: number;
  private readonly typeCount: number;
  private readonly nameOffset: number;
  // The rules depend only on a node's type and name, or on an edge's type, name and whether it
  // points at a closure: remembered by those numbers, so a group of a million objects with the
  // same fields decodes each name once, not once a reference.
  private readonly nodeKinds = new Map<number, number>();
  private readonly edgeRules = new Map<number, boolean>();
  private readonly propertyLabels = new Map<number, string>();

  constructor(
    private readonly snap: HeapSnapshot,
    private readonly includeWeak: boolean,
  ) {
    const types = snap.meta.edgeTypes;
    this.weakType = types.indexOf('weak');
    this.internalType = types.indexOf('internal');
    this.hiddenType = types.indexOf('hidden');
    this.elementType = types.indexOf('element');
    this.propertyType = types.indexOf('property');
    this.closureType = snap.meta.nodeTypes.indexOf('closure');
    this.typeCount = snap.meta.nodeTypes.length;
    this.nameOffset = snap.meta.edgeOffsets.nameOrIndex;
  }

  of(ordinal: number): Reference[] {
    const { snap } = this;
    const first = snap.firstEdge(ordinal);
    const end = first + snap.edgeCountOf(ordinal) * snap.edgeFieldCount;
    const out: Reference[] = [];
    if ((this.kind(ordinal) & PLUMBING_NODE) !== 0) return out;
    let direct: Set<number> | undefined;
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const target = snap.edgeTarget(e);
      const weak = snap.edgeTypeIndex(e) === this.weakType;
      if ((weak && !this.includeWeak) || target === ordinal || this.plumbingEdge(ordinal, e, target) || (this.kind(target) & DROPPED) !== 0) continue;
      if (!weak && this.isContainer(e, target)) {
        direct ??= this.directTargets(first, end);
        this.throughContainer(ordinal, target, direct, out, 1);
      } else add(out, { target, edge: e, label: this.label(ordinal, e), weak, collapsed: false });
    }
    return unique(out);
  }

  /** What the node holds by an edge of its own (not internal, hidden or weak): a store's edge to it repeats that. */
  private directTargets(first: number, end: number): Set<number> {
    const { snap } = this;
    const direct = new Set<number>();
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const type = snap.edgeTypeIndex(e);
      if (type !== this.weakType && type !== this.internalType && type !== this.hiddenType) direct.add(snap.edgeTarget(e));
    }
    return direct;
  }

  /** PLUMBING_NODE, DROPPED and CONTAINER bits of a node, by its type and name. */
  private kind(ordinal: number): number {
    const { snap } = this;
    const key = snap.nodeNameIndex(ordinal) * this.typeCount + snap.nodeTypeIndex(ordinal);
    let k = this.nodeKinds.get(key);
    if (k === undefined) {
      const plumbing = isPlumbingNode(snap, ordinal);
      k = (plumbing ? PLUMBING_NODE : 0) | (plumbing || isOddball(snap, ordinal) ? DROPPED : 0) | (isHopByName(snap, ordinal) ? CONTAINER : 0);
      this.nodeKinds.set(key, k);
    }
    return k;
  }

  /** isPlumbing for a source that is no plumbing node: then only the edge and its target's type decide. */
  private plumbingEdge(source: number, edge: number, target: number): boolean {
    const { snap } = this;
    const type = snap.edgeTypeIndex(edge);
    // Element and hidden edges are named by a number, and every rule names its edges by a string.
    if (type === this.elementType || type === this.hiddenType) return false;
    const key = (snap.edges[edge + this.nameOffset]! * 16 + snap.edgeTypeIndex(edge)) * 2 + (snap.nodeTypeIndex(target) === this.closureType ? 1 : 0);
    let rule = this.edgeRules.get(key);
    if (rule === undefined) {
      rule = isPlumbing(snap, source, edge);
      this.edgeRules.set(key, rule);
    }
    return rule;
  }

  private label(source: number, edge: number): string {
    const { snap } = this;
    if (snap.edgeTypeIndex(edge) !== this.propertyType) return edgeLabel(snap, source, edge, false);
    const raw = snap.edges[edge + this.nameOffset]!;
    let label = this.propertyLabels.get(raw);
    if (label === undefined) {
      label = edgeLabel(snap, source, edge, false);
      this.propertyLabels.set(raw, label);
    }
    return label;
  }

  /** A backing store, hash table or PropertyCell: held by an `elements`, `properties` or `table` edge, or named as one. */
  private isContainer(edge: number, target: number): boolean {
    const { snap } = this;
    if (snap.edgeTypeIndex(edge) === this.internalType) {
      const name = snap.edgeName(edge);
      if (typeof name === 'string' && HOP_EDGES.has(name)) return true;
    }
    return (this.kind(target) & CONTAINER) !== 0;
  }

  private throughContainer(owner: number, container: number, direct: Set<number>, out: Reference[], depth: number): void {
    const { snap } = this;
    const first = snap.firstEdge(container);
    const end = first + snap.edgeCountOf(container) * snap.edgeFieldCount;
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const target = snap.edgeTarget(e);
      if (snap.edgeTypeIndex(e) === this.weakType || target === container || target === owner || this.plumbingEdge(container, e, target) || (this.kind(target) & DROPPED) !== 0) continue;
      if (depth < MAX_HOPS && (this.kind(target) & CONTAINER) !== 0) this.throughContainer(owner, target, direct, out, depth + 1);
      else if (!direct.has(target)) add(out, { target, edge: e, label: collapsedLabel(snap, className(snap, owner), container, e), weak: false, collapsed: true });
    }
  }
}

function add(out: Reference[], r: Reference): void {
  out.push(r);
}

/** One reference per target, label and weakness. Most nodes hold few: a scan beats a set of string keys there. */
function unique(out: Reference[]): Reference[] {
  if (out.length <= 16) {
    return out.filter((r, i) => {
      for (let j = 0; j < i; j++) {
        const o = out[j]!;
        if (o.target === r.target && o.label === r.label && o.weak === r.weak) return false;
      }
      return true;
    });
  }
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.target}\0${r.label}\0${r.weak}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const PLUMBING_NODE = 1;
const DROPPED = 2;
const CONTAINER = 4;
