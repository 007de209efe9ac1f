import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/** Edges per entry: 16 keeps the index at half a byte an edge and the walk from an entry to a few nodes. */
const BLOCK_SHIFT = 4;
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;

/**
 * Which node owns an edge, for passes that meet edges through the retainer index (which names
 * the edge, not its owner). DevTools keeps the owner of every retaining edge (4 bytes an edge);
 * this keeps it for every 16th edge with how far into its owner's edges that one is, and walks
 * the nodes' edge counts from there.
 */
export class EdgeSources {
  private readonly owner: Uint32Array;
  private readonly skip: Uint32Array;
  private readonly nodes: Uint32Array;
  private readonly nodeFieldCount: number;
  private readonly edgeCountOffset: number;

  constructor(snap: HeapSnapshot) {
    const { nodes, nodeCount, nodeFieldCount: nf } = snap;
    const edgeCountOff = snap.meta.nodeOffsets.edgeCount;
    const blocks = (snap.edgeCount + BLOCK_MASK) >>> BLOCK_SHIFT;
    this.owner = new Uint32Array(blocks);
    this.skip = new Uint32Array(blocks);
    let nextBlock = 0;
    for (let o = 0, k = 0; o < nodeCount && nextBlock < blocks; o++) {
      const end = k + nodes[o * nf + edgeCountOff]!;
      for (let start = nextBlock << BLOCK_SHIFT; start < end; start = ++nextBlock << BLOCK_SHIFT) {
        this.owner[nextBlock] = o;
        this.skip[nextBlock] = start - k;
      }
      k = end;
    }
    this.nodes = nodes;
    this.nodeFieldCount = nf;
    this.edgeCountOffset = edgeCountOff;
  }

  /** The ordinal of the node owning edge ordinal `k` (an index into `edges` divided by the edge field count). */
  ownerOf(k: number): number {
    const block = k >>> BLOCK_SHIFT;
    let o = this.owner[block]!;
    let rest = (k & BLOCK_MASK) + this.skip[block]!;
    const { nodes, nodeFieldCount: nf, edgeCountOffset: off } = this;
    for (let count = nodes[o * nf + off]!; rest >= count; count = nodes[o * nf + off]!) {
      rest -= count;
      o++;
    }
    return o;
  }
}
