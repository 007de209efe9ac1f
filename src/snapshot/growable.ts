/**
 * A Uint32Array that starts at a size the input can justify and doubles up to a hard limit,
 * so a header that promises billions of entries cannot make us allocate them up front.
 */
export class GrowableU32 {
  array: Uint32Array;
  length = 0;
  /** `initial` may be the array itself, when it was allocated elsewhere at its final size (shared memory). */
  constructor(initial: number | Uint32Array, readonly limit: number) {
    this.array = typeof initial === 'number' ? new Uint32Array(Math.max(16, Math.min(initial, limit))) : initial;
  }
  /** Makes room for one more; false when the limit is reached. */
  grow(): boolean {
    if (this.array.length >= this.limit) return false;
    const next = new Uint32Array(Math.min(this.limit, Math.max(16, this.array.length * 2)));
    next.set(this.array.subarray(0, this.length));
    this.array = next;
    return true;
  }
  /**
   * The filled part, sharing memory: a copy would touch as much fresh memory again, and the unused
   * tail was never written, so it holds address space but no RAM.
   */
  result(): Uint32Array {
    return this.array.subarray(0, this.length);
  }
}

/** Bytes appended in pieces, kept in one buffer so a slice can be decoded later. */
export class ByteStore {
  bytes: Buffer;
  length = 0;
  constructor(initial: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(1024, initial));
  }
  append(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (this.length + n > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.length + n, this.bytes.length * 2));
      this.bytes.copy(next, 0, 0, this.length);
      this.bytes = next;
    }
    this.bytes.set(src.subarray(start, end), this.length);
    this.length += n;
  }
  result(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}
