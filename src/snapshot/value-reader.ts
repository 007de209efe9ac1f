import { ByteStore } from './growable.js';
import { describeByte, FormatProblem, isSpace } from './number-array.js';

/**
 * Real headers are about a kilobyte, four levels deep. A kept value is parsed by JSON.parse, which
 * allocates per element and per level (a 64 MB header of `[[],[],…]` took 15 s and 1.3 GB; a deep
 * one 3.2 GB): the caps keep that parse small. Skipped values are only counted, at any depth.
 */
export const MAX_KEPT_BYTES = 1024 * 1024;
export const MAX_KEPT_DEPTH = 32;

/**
 * Skips one JSON value of a section backrefs does not use (`samples`, unknown keys), or keeps
 * its bytes when `keep` is set (the `snapshot` header and `trace_tree`, parsed with JSON.parse).
 * Past `maxKeep` bytes or `maxDepth` levels it refuses the file, or with `overflow` 'drop' keeps
 * nothing (an allocation trace too big to keep is dropped; the snapshot still loads).
 * It tracks nesting and strings only; the value's grammar is checked by JSON.parse when kept.
 */
export class ValueReader {
  done = false;
  private started = false;
  private depth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private store: ByteStore | undefined;

  constructor(
    readonly section: string,
    keep: boolean,
    private readonly maxKeep = MAX_KEPT_BYTES,
    private readonly overflow: 'throw' | 'drop' = 'throw',
    private readonly maxDepth = MAX_KEPT_DEPTH,
  ) {
    this.store = keep ? new ByteStore(4096) : undefined;
  }

  feed(buf: Uint8Array, i: number, end: number, base: number): number {
    const from = i;
    const stop = this.scan(buf, i, end, base);
    if (this.store) {
      this.store.append(buf, from, stop);
      if (this.store.length > this.maxKeep) {
        if (this.overflow === 'drop') this.store = undefined;
        else throw new FormatProblem('ELIMIT', `the "${this.section}" section is larger than ${this.maxKeep} bytes`);
      }
    }
    return stop;
  }

  text(): string {
    return this.bytes().toString('utf8');
  }

  /** The kept bytes (none when not kept or dropped). */
  bytes(): Buffer {
    return this.store ? this.store.result() : Buffer.alloc(0);
  }

  private scan(buf: Uint8Array, i: number, end: number, base: number): number {
    if (!this.started) {
      while (i < end && isSpace(buf[i]!)) i++;
      if (i === end) return end;
      this.started = true;
      const c = buf[i]!;
      if (c === 0x7b || c === 0x5b) {
        this.depth = 1;
        i++;
      } else if (c === 0x22) {
        this.inString = true;
        i++;
      } else if (c === 0x2c || c === 0x7d || c === 0x5d) {
        throw new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${base + i} (expected the value of "${this.section}")`);
      } else {
        this.scalar = true;
      }
    }
    for (; i < end; i++) {
      const c = buf[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.depth === 0) return this.finish(i + 1);
        }
      } else if (this.scalar) {
        if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) return this.finish(i);
      } else if (c === 0x22) {
        this.inString = true;
      } else if (c === 0x7b || c === 0x5b) {
        if (++this.depth > this.maxDepth && this.store) {
          if (this.overflow === 'drop') this.store = undefined;
          else throw new FormatProblem('ELIMIT', `the "${this.section}" section nests deeper than ${this.maxDepth} levels (at byte ${base + i})`);
        }
      } else if (c === 0x7d || c === 0x5d) {
        if (--this.depth === 0) return this.finish(i + 1);
      }
    }
    return end;
  }

  private finish(at: number): number {
    this.done = true;
    return at;
  }
}
