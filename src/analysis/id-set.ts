/**
 * A set of heap ids, the one thing a diff keeps of an earlier snapshot: a bitmap over the
 * range of JavaScript heap ids (V8 hands them out in steps of 2, so the range is a few times the
 * node count: one read per lookup), and the ids past it sorted, for a binary search.
 */
export class IdSet {
  private constructor(
    private readonly bits: Uint32Array,
    /** Ids past the bitmap, sorted. */
    private readonly above: Uint32Array,
    readonly size: number,
    /**
     * The highest odd id (0 when none). V8 numbers JavaScript heap objects with odd ids, in the
     * order it first meets them; embedder (native) nodes carry even ids made from their address,
     * which say nothing about age.
     */
    readonly maxHeapId: number,
  ) {}

  /** The ids at `ids[offset]`, `ids[offset + stride]`, ... (the id field of a nodes array), where `keep` allows. */
  static fromStrided(ids: Uint32Array, offset: number, stride: number, keep?: (index: number) => boolean): IdSet {
    let size = 0;
    let maxOdd = 0;
    for (let i = offset; i < ids.length; i += stride) {
      if (keep && !keep(i)) continue;
      const id = ids[i]!;
      if ((id & 1) === 1 && id > maxOdd) maxOdd = id;
      size++;
    }
    // A bitmap up to 64 bits a member (twice what a sorted array costs); ids past it, such as
    // address-like native ids, go to a sorted array.
    const limit = Math.min(2 ** 32 - 1, 64 * Math.max(size, 1024));
    let past = 0;
    for (let i = offset; i < ids.length; i += stride) if ((!keep || keep(i)) && ids[i]! > limit) past++;
    const bits = new Uint32Array((Math.min(limit, Math.max(maxOdd, 1)) >>> 5) + 1);
    const width = bits.length * 32;
    const above = new Uint32Array(past);
    let k = 0;
    for (let i = offset; i < ids.length; i += stride) {
      if (keep && !keep(i)) continue;
      const id = ids[i]!;
      if (id < width) bits[id >>> 5]! |= 1 << (id & 31);
      else above[k++] = id;
    }
    const sorted = k === past ? above : above.slice(0, k);
    sorted.sort();
    return new IdSet(bits, sorted, size, maxOdd);
  }

  static from(ids: ArrayLike<number>): IdSet {
    return IdSet.fromStrided(Uint32Array.from(ids), 0, 1);
  }

  has(id: number): boolean {
    const bits = this.bits;
    const w = id >>> 5;
    if (w < bits.length) return (bits[w]! & (1 << (id & 31))) !== 0;
    const a = this.above;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = a[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * The set as one string (a byte a character): a tracer holds its before-state across the call
   * it measures, and one string shows in the after-snapshot as one object, not as typed arrays.
   */
  toPacked(): string {
    const head = Buffer.alloc(12);
    head.writeUInt32LE(this.bits.length, 0);
    head.writeUInt32LE(this.size, 4);
    head.writeUInt32LE(this.maxHeapId, 8);
    const body = Buffer.concat([head, Buffer.from(this.bits.buffer, this.bits.byteOffset, this.bits.byteLength), Buffer.from(this.above.buffer, this.above.byteOffset, this.above.byteLength)]);
    return body.toString('latin1');
  }

  static fromPacked(text: string): IdSet {
    const b = Buffer.from(text, 'latin1');
    const words = b.readUInt32LE(0);
    const copy = (from: number, n: number): Uint32Array => {
      const out = new Uint32Array(n);
      Buffer.from(out.buffer).set(b.subarray(from, from + n * 4));
      return out;
    };
    return new IdSet(copy(12, words), copy(12 + words * 4, (b.length - 12 - words * 4) / 4), b.readUInt32LE(4), b.readUInt32LE(8));
  }

  /** Bytes held, for the benchmark's account of what a diff keeps. */
  get bytes(): number {
    return this.bits.byteLength + this.above.byteLength;
  }
}
