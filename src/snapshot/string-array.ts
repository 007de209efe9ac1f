import { ByteStore, GrowableU32 } from './growable.js';
import { describeByte, FormatProblem, isSpace } from './number-array.js';

/**
 * Reads the `strings` array without decoding it: the JSON-escaped bytes of every string are
 * copied into one buffer and their bounds recorded, so only the strings that get printed or
 * compared are ever turned into JavaScript strings.
 */
export class StringArrayReader {
  done = false;
  private started = false;
  private inString = false;
  private escapePending = false;
  private expectComma = false;
  private readonly store: ByteStore;
  private readonly bounds = new GrowableU32(1 << 16, 2 ** 32 - 1);

  constructor(initialBytes: number) {
    this.store = new ByteStore(initialBytes);
  }

  get count(): number {
    return this.bounds.length >> 1;
  }

  feed(buf: Buffer, i: number, end: number, base: number): number {
    if (!this.started) {
      while (i < end && isSpace(buf[i]!)) i++;
      if (i === end) return end;
      if (buf[i] !== 0x5b) throw this.unexpected(buf[i]!, base + i, 'expected "["');
      this.started = true;
      i++;
    }
    // Where the next backslash and the next quote are in this chunk; `end` when there is none.
    // Both are cached and searched again only once passed: a chunk with a rare backslash is
    // searched once, not once per string, and a long string full of escapes (`\n\n\n...`) is not
    // searched to its closing quote once per escape, which was quadratic in the string's length.
    let backslash = -1;
    let quote = -1;
    while (i < end) {
      if (this.inString) {
        let j = i;
        if (this.escapePending) {
          this.escapePending = false;
          j++;
        }
        for (;;) {
          if (j >= end) {
            this.store.append(buf, i, end);
            if (j > end) this.escapePending = true;
            return end;
          }
          if (quote < j) {
            quote = buf.indexOf(0x22, j);
            if (quote === -1) quote = end;
          }
          const q = quote;
          if (backslash < j) {
            backslash = buf.indexOf(0x5c, j);
            if (backslash === -1) backslash = end;
          }
          if (backslash < q) {
            j = backslash + 2;
            continue;
          }
          if (q === end) {
            this.store.append(buf, i, end);
            return end;
          }
          this.store.append(buf, i, q);
          this.close();
          i = q + 1;
          break;
        }
        continue;
      }
      const c = buf[i]!;
      if (isSpace(c)) {
        i++;
      } else if (c === 0x22) {
        if (this.expectComma) throw this.unexpected(c, base + i, 'expected ","');
        this.open();
        i++;
      } else if (c === 0x2c) {
        if (!this.expectComma) throw this.unexpected(c, base + i, 'expected a string');
        this.expectComma = false;
        i++;
      } else if (c === 0x5d) {
        if (this.count > 0 && !this.expectComma) throw this.unexpected(c, base + i, 'expected a string after ","');
        this.done = true;
        return i + 1;
      } else {
        throw this.unexpected(c, base + i, 'expected a string');
      }
    }
    return i;
  }

  result(): { bytes: Buffer; bounds: Uint32Array } {
    return { bytes: this.store.result(), bounds: this.bounds.result() };
  }

  private open(): void {
    this.inString = true;
    this.push(this.store.length);
  }

  private close(): void {
    this.inString = false;
    this.expectComma = true;
    this.push(this.store.length);
  }

  private push(offset: number): void {
    if (offset > 0xffffffff) throw new FormatProblem('ELIMIT', 'the "strings" array is larger than 4 GB, which backrefs does not support');
    const b = this.bounds;
    if (b.length === b.array.length && !b.grow()) throw new FormatProblem('ELIMIT', 'too many strings');
    b.array[b.length++] = offset;
  }

  private unexpected(c: number, at: number, expected: string): FormatProblem {
    return new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${at} in the "strings" array (${expected})`);
  }
}
