import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/** Edges per entry: 16 keeps the index at a quarter of a byte an edge and the walk from an entry to a few nodes. */
const BLOCK_SHIFT = 4;

/**
 * Which node owns an edge, for passes that meet edges through the retainer index (which names
 * the edge, not its owner). DevTools keeps the owner of every retaining edge (4 bytes an edge);
 * this keeps the owner of every 16th edge and walks the snapshot's first-edge table from there,
 * whose neighbouring entries share a cache line (the nodes' own edge counts are 28 bytes apart).
 */
export class EdgeSources {
  private readonly owner: Uint32Array;
  private readonly firstEdge: Uint32Array;
  private readonly edgeFieldCount: number;

  constructor(snap: HeapSnapshot) {
    const { nodeCount, edgeFieldCount: ef, firstEdges } = snap;
    const blocks = (snap.edgeCount + (1 << BLOCK_SHIFT) - 1) >>> BLOCK_SHIFT;
    this.owner = new Uint32Array(blocks);
    let block = 0;
    for (let o = 0; o < nodeCount && block < blocks; o++) {
      const end = firstEdges[o + 1]! / ef;
      for (; block < blocks && block << BLOCK_SHIFT < end; block++) this.owner[block] = o;
    }
    this.firstEdge = firstEdges;
    this.edgeFieldCount = ef;
  }

  /** The ordinal of the node owning edge ordinal `k` (an index into `edges` divided by the edge field count). */
  ownerOf(k: number): number {
    const { firstEdge } = this;
    const edge = k * this.edgeFieldCount;
    let o = this.owner[k >>> BLOCK_SHIFT]!;
    while (firstEdge[o + 1]! <= edge) o++;
    return o;
  }
}
