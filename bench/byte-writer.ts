import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const BUFFER_BYTES = 8 * 1024 * 1024;
/** Room for the longest single write (a number or a short string) before a flush is forced. */
const SLACK = 64 * 1024;

/**
 * Appends ASCII digits and short strings straight into a Buffer and hands full buffers to a
 * write stream: multi-GB files stream out at disk speed in a few MB of memory, with no
 * per-number string allocation.
 */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private pos = 0;
  private readonly stream: WriteStream;
  /** bytes handed to the stream so far, plus those still buffered */
  get bytes(): number {
    return this.flushed + this.pos;
  }
  private flushed = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  /**
   * Makes room for one more record (up to SLACK bytes): a full buffer is handed to the stream
   * at once, so synchronous producers never write past its end (typed arrays drop such writes
   * silently).
   */
  reserve(): void {
    if (this.pos < BUFFER_BYTES - SLACK) return;
    const full = this.buf.subarray(0, this.pos);
    this.flushed += this.pos;
    // A fresh buffer each time: the stream still owns the old one until it is written.
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.pos = 0;
    this.stream.write(full);
  }

  /** Producers await this between batches, so back pressure bounds the memory held by the stream. */
  async maybeFlush(): Promise<void> {
    this.reserve();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  /** Only for short ASCII text; long or non-ASCII text goes through `text`. */
  ascii(s: string): void {
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  async text(s: string): Promise<void> {
    await this.maybeFlush();
    const n = Buffer.byteLength(s);
    if (n < SLACK) {
      this.pos += this.buf.write(s, this.pos);
      return;
    }
    const bytes = Buffer.from(s);
    this.flushed += this.pos + bytes.length;
    const head = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.pos = 0;
    this.stream.write(head);
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** A non-negative integer below 2^53, in decimal. */
  num(n: number): void {
    const { buf } = this;
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let m = n; p > this.pos - digits; m = Math.floor(m / 10)) buf[--p] = 48 + (m % 10);
  }

  async close(): Promise<void> {
    await this.maybeFlush();
    this.flushed += this.pos;
    this.stream.end(this.buf.subarray(0, this.pos));
    this.pos = 0;
    await once(this.stream, 'finish');
  }
}
