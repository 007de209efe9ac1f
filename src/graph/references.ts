import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
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

  constructor(
    private readonly snap: HeapSnapshot,
    private readonly includeWeak: boolean,
  ) {
    const types = snap.meta.edgeTypes;
    this.weakType = types.indexOf('weak');
    this.internalType = types.indexOf('internal');
    this.hiddenType = types.indexOf('hidden');
  }

  of(ordinal: number): Reference[] {
    const { snap } = this;
    const direct = new Set<number>();
    const first = snap.firstEdge(ordinal);
    const end = first + snap.edgeCountOf(ordinal) * snap.edgeFieldCount;
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const type = snap.edgeTypeIndex(e);
      if (type !== this.weakType && type !== this.internalType && type !== this.hiddenType) direct.add(snap.edgeTarget(e));
    }
    const out: Reference[] = [];
    const seen = new Set<string>();
    const add = (r: Reference) => {
      const key = `${r.target}\0${r.label}\0${r.weak}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(r);
    };
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const target = snap.edgeTarget(e);
      const weak = snap.edgeTypeIndex(e) === this.weakType;
      if ((weak && !this.includeWeak) || target === ordinal || isPlumbing(snap, ordinal, e) || isPlumbingNode(snap, target) || isOddball(snap, target)) continue;
      if (!weak && this.isContainer(e, target)) this.throughContainer(ordinal, target, direct, add, 1);
      else add({ target, edge: e, label: edgeLabel(snap, ordinal, e, false), weak, collapsed: false });
    }
    return out;
  }

  /** A backing store, hash table or PropertyCell: held by an `elements`, `properties` or `table` edge, or named as one. */
  private isContainer(edge: number, target: number): boolean {
    const { snap } = this;
    if (snap.edgeTypeIndex(edge) === this.internalType) {
      const name = snap.edgeName(edge);
      if (typeof name === 'string' && HOP_EDGES.has(name)) return true;
    }
    return isHopByName(snap, target);
  }

  private throughContainer(owner: number, container: number, direct: Set<number>, add: (r: Reference) => void, depth: number): void {
    const { snap } = this;
    const first = snap.firstEdge(container);
    const end = first + snap.edgeCountOf(container) * snap.edgeFieldCount;
    for (let e = first; e < end; e += snap.edgeFieldCount) {
      const target = snap.edgeTarget(e);
      if (snap.edgeTypeIndex(e) === this.weakType || target === container || target === owner || isPlumbing(snap, container, e) || isPlumbingNode(snap, target) || isOddball(snap, target)) continue;
      if (depth < MAX_HOPS && isHopByName(snap, target)) this.throughContainer(owner, target, direct, add, depth + 1);
      else if (!direct.has(target)) add({ target, edge: e, label: collapsedLabel(snap, owner, container, e), weak: false, collapsed: true });
    }
  }
}
