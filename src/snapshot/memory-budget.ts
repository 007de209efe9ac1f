import { SnapshotError } from './errors.js';
import { formatBytes, type MemoryLimit } from './memory-limit.js';
import type { SnapshotMeta } from './meta.js';

/** What the model of a snapshot takes, in bytes, by part. */
export interface MemoryNeed {
  readonly nodes: number;
  readonly edges: number;
  /** The indexes: Uint32s per node (first edge, last retainer) and per edge (previous retainer). */
  readonly index: number;
  /** A stream's arrays grow by doubling: while one is copied, old and new are both held. */
  readonly growth: number;
  readonly total: number;
}

/**
 * The memory the header's counts commit the load to: every field of every node and edge is a
 * Uint32, and the indexes add two Uint32s per node and one per edge. Strings come on top, as
 * their bytes arrive (they are counted then, see MemoryBudget.checkStrings).
 */
export function arraysNeed(meta: SnapshotMeta, inputBytes: number | undefined): MemoryNeed {
  // An input of known size holds at most one number per two bytes ("0,"): the reader never
  // allocates past that, and refuses a header promising more once the array ends.
  const fits = (numbers: number) => (inputBytes === undefined ? numbers : Math.min(numbers, Math.ceil(inputBytes / 2)));
  const nodeCount = fits(meta.nodeCount * meta.nodeFields.length) / meta.nodeFields.length;
  const edgeCount = fits(meta.edgeCount * meta.edgeFields.length) / meta.edgeFields.length;
  const nodes = Math.ceil(nodeCount * meta.nodeFields.length) * 4;
  const edges = Math.ceil(edgeCount * meta.edgeFields.length) * 4;
  const index = Math.ceil(2 * nodeCount + 1 + edgeCount) * 4;
  const growth = inputBytes === undefined ? Math.max(nodes, edges) : 0;
  return { nodes, edges, index, growth, total: nodes + edges + index + growth };
}

/**
 * Refuses a load, in one line, before it takes more memory than the machine has: first when the
 * header says how big the arrays will be, then as string bytes accumulate (a gzip bomb inflates
 * into them at no cost to the attacker). Skipped sections hold no memory and are not counted.
 */
export class MemoryBudget {
  private committed = 0;
  private need: MemoryNeed | undefined;

  constructor(
    private readonly file: string,
    readonly limit: MemoryLimit,
    /** The input's size, when known; undefined for a stream, whose buffers grow by doubling. */
    private readonly inputBytes: number | undefined,
  ) {}

  private get streamed(): boolean {
    return this.inputBytes === undefined;
  }

  checkHeader(meta: SnapshotMeta): void {
    const need = arraysNeed(meta, this.inputBytes);
    this.need = need;
    this.committed = need.total;
    if (need.total <= this.limit.bytes) return;
    const parts = [`nodes ${formatBytes(need.nodes)}`, `edges ${formatBytes(need.edges)}`, `indexes ${formatBytes(need.index)}`];
    if (need.growth) parts.push(`${formatBytes(need.growth)} while a streamed array grows`);
    throw new SnapshotError(
      'ELIMIT',
      this.file,
      `needs about ${formatBytes(need.total)} of memory for its ${meta.nodeCount} nodes and ${meta.edgeCount} edges (${parts.join(', ')}) before its strings; ${this.available()}`,
    );
  }

  /**
   * `held`: bytes the strings hold so far (their text and bounds). A stream's string buffer grows
   * by doubling, and the old copy lives until collected: count it twice.
   */
  checkStrings(held: number): void {
    const counted = this.streamed ? 2 * held : held;
    if (this.committed + counted <= this.limit.bytes) return;
    const arrays = this.need ? `its arrays ${formatBytes(this.committed)} and ` : '';
    const twice = this.streamed ? ', counted twice while their buffer grows' : '';
    throw new SnapshotError('ELIMIT', this.file, `needs more than ${formatBytes(this.committed + counted)} of memory (${arrays}its strings ${formatBytes(held)} so far${twice}, still growing); ${this.available()}`);
  }

  private available(): string {
    return `${formatBytes(this.limit.bytes)} is available (${this.limit.source}); set BACKREFS_MEMORY_LIMIT to change the budget`;
  }
}
