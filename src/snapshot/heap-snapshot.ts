import { EdgeOwners } from './edge-owners.js';
import type { SnapshotIndexes } from './indexes.js';
import type { SnapshotMeta } from './meta.js';
import type { StringTable } from './strings.js';

/** Where a function's source is, as the snapshot's `locations` array records it (0-based). */
export interface SourceLocation {
  readonly scriptId: number;
  readonly line: number;
  readonly column: number;
}

/** About as many searches as the index costs to build, in time, on a heap of a few million nodes. */
const SEARCHES_BEFORE_INDEX = 100_000;

/**
 * A loaded heap snapshot: nodes and edges in flat Uint32Arrays exactly as V8 wrote them, field
 * offsets taken from `meta`. A node is addressed by its *ordinal* (0..nodeCount-1); an edge by its
 * *index* into `edges` (a multiple of the edge field count), as in DevTools.
 */
export class HeapSnapshot {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeFieldCount: number;
  readonly edgeFieldCount: number;
  private locationsSorted: boolean | undefined;
  /** Per ordinal, its location row + 1 (0: none), built on the first lookup when the producer did not sort them. */
  private locationRows: Uint32Array | undefined;
  private readonly elementType: number;
  private readonly hiddenType: number;
  /** Built once edgeSource() has been asked often enough to pay for it (a pass over the nodes). */
  private edgeOwners: EdgeOwners | undefined;
  private sourceSearches = 0;

  constructor(
    readonly meta: SnapshotMeta,
    readonly nodes: Uint32Array,
    readonly edges: Uint32Array,
    readonly strings: StringTable,
    private readonly indexes: SnapshotIndexes,
    readonly locations: Uint32Array = new Uint32Array(0),
    /** the file it came from, for messages */
    readonly source = '',
    /** Allocation tracking's `trace_function_infos` (flat numbers) and `trace_tree` (JSON text); empty without it. */
    readonly allocationTraces: { readonly functionInfos: Uint32Array; readonly tree: Buffer } = { functionInfos: new Uint32Array(0), tree: Buffer.alloc(0) },
  ) {
    this.nodeFieldCount = meta.nodeFields.length;
    this.edgeFieldCount = meta.edgeFields.length;
    this.nodeCount = nodes.length / this.nodeFieldCount;
    this.edgeCount = edges.length / this.edgeFieldCount;
    this.elementType = meta.edgeTypes.indexOf('element');
    this.hiddenType = meta.edgeTypes.indexOf('hidden');
  }

  // ---- nodes, by ordinal ----
  nodeTypeIndex(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.meta.nodeOffsets.type]!;
  }
  nodeType(ordinal: number): string {
    return this.meta.nodeTypes[this.nodeTypeIndex(ordinal)]!;
  }
  nodeNameIndex(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.meta.nodeOffsets.name]!;
  }
  nodeName(ordinal: number): string {
    return this.strings.get(this.nodeNameIndex(ordinal));
  }
  nodeId(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.meta.nodeOffsets.id]!;
  }
  selfSize(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.meta.nodeOffsets.selfSize]!;
  }
  /** How many edges the node owns. */
  edgeCountOf(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.meta.nodeOffsets.edgeCount]!;
  }
  /** Where the node's edges start in `edges`; they run on for `edgeCountOf(ordinal)` edges. */
  firstEdge(ordinal: number): number {
    return this.indexes.firstEdge[ordinal]!;
  }
  /**
   * firstEdge() of every ordinal, and one past the last (`edges.length`), for whole-heap passes:
   * node `o`'s edges are `edges[firstEdges[o], firstEdges[o + 1])`. Read only: every view of the
   * snapshot shares it.
   */
  get firstEdges(): Uint32Array {
    return this.indexes.firstEdge;
  }
  /** The ordinal of the node with heap id `id` (DevTools' `@id`), or -1. */
  ordinalOfId(id: number): number {
    const { nodes, nodeFieldCount } = this;
    const off = this.meta.nodeOffsets.id;
    for (let n = off, ordinal = 0; n < nodes.length; n += nodeFieldCount, ordinal++) if (nodes[n] === id) return ordinal;
    return -1;
  }

  // ---- edges, by index into `edges` ----
  edgeTypeIndex(edge: number): number {
    return this.edges[edge + this.meta.edgeOffsets.type]!;
  }
  edgeType(edge: number): string {
    return this.meta.edgeTypes[this.edgeTypeIndex(edge)]!;
  }
  /** The ordinal of the node the edge points to. */
  edgeTarget(edge: number): number {
    return this.edges[edge + this.meta.edgeOffsets.toNode]! / this.nodeFieldCount;
  }
  /** Element and hidden edges carry a number; the others name a string. */
  edgeName(edge: number): string | number {
    const raw = this.edges[edge + this.meta.edgeOffsets.nameOrIndex]!;
    const type = this.edgeTypeIndex(edge);
    return type === this.elementType || type === this.hiddenType ? raw : this.strings.get(raw);
  }
  /**
   * The node that owns the edge: the last node whose edges start at or before it (nodes without
   * edges share a start), found by binary search until a pass that asks it for millions of edges
   * makes an index (edge-owners.ts) the cheaper way.
   */
  edgeSource(edge: number): number {
    if (this.edgeOwners || ++this.sourceSearches > SEARCHES_BEFORE_INDEX) return this.edgeOwnerIndex.of(edge);
    const starts = this.indexes.firstEdge;
    let lo = 0;
    let hi = this.nodeCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= edge) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The index edgeSource() builds when asked often, for whole-heap passes to ask directly (built on first use). */
  get edgeOwnerIndex(): EdgeOwners {
    return (this.edgeOwners ??= new EdgeOwners(this.indexes.firstEdge, this.edgeFieldCount));
  }

  /**
   * The retainer index itself, for whole-heap passes that cannot afford retainingEdges()'s array
   * per node: `lastRetainer[o]` is 1 + the ordinal of the last edge pointing at node `o` (0 for
   * none), `previousRetainer[k]` the same for the edge before edge ordinal `k` pointing at the
   * same node. Read only: every view of the snapshot shares them.
   */
  get retainerLists(): { readonly lastRetainer: Uint32Array; readonly previousRetainer: Uint32Array } {
    return this.indexes;
  }

  /** The edges pointing at node `ordinal` (indices into `edges`), in edge order: the reverse index, built at load time. */
  retainingEdges(ordinal: number): number[] {
    const { lastRetainer, previousRetainer } = this.indexes;
    const found: number[] = [];
    for (let k = lastRetainer[ordinal]!; k !== 0; k = previousRetainer[k - 1]!) found.push((k - 1) * this.edgeFieldCount);
    return found.reverse();
  }

  /** The source position of a closure, when the snapshot has a `locations` array. */
  location(ordinal: number): SourceLocation | undefined {
    const fields = this.meta.locationFields;
    const lf = fields.length;
    const obj = fields.indexOf('object_index');
    const [script, line, column] = ['script_id', 'line', 'column'].map((f) => fields.indexOf(f)) as [number, number, number];
    if (lf === 0 || obj < 0 || script < 0 || line < 0 || column < 0) return undefined;
    const locs = this.locations;
    const count = Math.floor(locs.length / lf);
    const at = (k: number): SourceLocation => ({ scriptId: locs[k * lf + script]!, line: locs[k * lf + line]!, column: locs[k * lf + column]! });
    const nodeIndex = ordinal * this.nodeFieldCount;
    // V8 writes locations in node order: binary search. Other producers may not; then scan.
    this.locationsSorted ??= isSortedBy(locs, lf, obj);
    if (!this.locationsSorted) {
      // A typed array a node, filled in one pass: a Map of a million rows took a second to build.
      if (!this.locationRows) {
        const rows = new Uint32Array(this.nodeCount);
        for (let k = count - 1; k >= 0; k--) {
          const o = locs[k * lf + obj]! / this.nodeFieldCount;
          if (Number.isInteger(o) && o < rows.length) rows[o] = k + 1;
        }
        this.locationRows = rows;
      }
      const row = this.locationRows[ordinal]!;
      return row === 0 ? undefined : at(row - 1);
    }
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = locs[mid * lf + obj]!;
      if (v === nodeIndex) return at(mid);
      if (v < nodeIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

function isSortedBy(values: Uint32Array, stride: number, offset: number): boolean {
  for (let i = offset + stride; i < values.length; i += stride) if (values[i]! < values[i - stride]!) return false;
  return true;
}
