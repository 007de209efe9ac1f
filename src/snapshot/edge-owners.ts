/** Edges per entry: 16 keeps the index at a quarter of a byte an edge and the walk from an entry to a few nodes. */
const BLOCK_SHIFT = 4;

/**
 * Which node owns an edge, for passes that meet edges through the retainer index (which names the
 * edge, not its owner). DevTools keeps the owner of every retaining edge (4 bytes an edge); this
 * keeps the owner of every 16th edge and walks the first-edge table from there, whose neighbouring
 * entries share a cache line.
 */
export class EdgeOwners {
  private readonly owner: Uint32Array;

  constructor(
    private readonly firstEdge: Uint32Array,
    private readonly edgeFieldCount: number,
  ) {
    const nodeCount = firstEdge.length - 1;
    const edgeCount = firstEdge[nodeCount]! / edgeFieldCount;
    const blocks = (edgeCount + (1 << BLOCK_SHIFT) - 1) >>> BLOCK_SHIFT;
    this.owner = new Uint32Array(blocks);
    let block = 0;
    for (let o = 0; o < nodeCount && block < blocks; o++) {
      const end = firstEdge[o + 1]! / edgeFieldCount;
      for (; block < blocks && block << BLOCK_SHIFT < end; block++) this.owner[block] = o;
    }
  }

  /** The ordinal of the node owning the edge at `edge` (an index into `edges`). */
  of(edge: number): number {
    return this.ofOrdinal(edge / this.edgeFieldCount);
  }

  /** The same for edge ordinal `k` (its index divided by the edge field count), as the retainer index names edges. */
  ofOrdinal(k: number): number {
    const { firstEdge } = this;
    const edge = k * this.edgeFieldCount;
    let o = this.owner[k >>> BLOCK_SHIFT]!;
    while (firstEdge[o + 1]! <= edge) o++;
    return o;
  }
}
