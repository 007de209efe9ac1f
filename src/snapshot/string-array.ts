import { ByteStore, GrowableU32 } from './growable.js';
import { describeByte, FormatProblem, isSpace } from './number-array.js';

/** Beyond this (a 1 GB array), bounds grow as strings arrive rather than being reserved up front. */
const MAX_PRESIZED_BOUNDS = 2 ** 28;

/**
 * Reads the `strings` array without decoding it: the section's bytes are copied as they are
 * (one copy a chunk) and each string's bounds recorded, so only the strings that get printed or
 * compared are ever turned into JavaScript strings.
 */
export class StringArrayReader {
  done = false;
  private started = false;
  private inString = false;
  private escapePending = false;
  private expectComma = false;
  private readonly store: ByteStore;
  private readonly bounds: GrowableU32;
  /** Indices of the strings holding an escape: only those need JSON.parse to decode or compare. */
  private readonly escaped = new GrowableU32(1 << 10, 2 ** 32 - 1);
  private currentEscaped = false;

  /** @param initialBytes what the section can hold at most, when known: sizes the buffers so they never regrow. */
  constructor(initialBytes: number) {
    this.store = new ByteStore(initialBytes);
    // Each string takes at least 3 bytes (`"",`). Regrowing would write every bound twice; the part
    // of this allocation never written costs address space, not memory.
    this.bounds = new GrowableU32(Math.min(2 * Math.ceil(initialBytes / 3) + 2, MAX_PRESIZED_BOUNDS), 2 ** 32 - 1);
  }

  get count(): number {
    return this.bounds.length >> 1;
  }

  /** Memory the strings hold so far: their bytes and two Uint32 bounds each. */
  get heldBytes(): number {
    return this.store.length + this.bounds.length * 4;
  }

  feed(buf: Buffer, i: number, end: number, base: number): number {
    if (!this.started) {
      while (i < end && isSpace(buf[i]!)) i++;
      if (i === end) return end;
      if (buf[i] !== 0x5b) throw this.unexpected(buf[i]!, base + i, 'expected "["');
      this.started = true;
      i++;
    }
    const from = i;
    // Byte `p` of this chunk lands at `shift + p` in the store.
    const shift = this.store.length - from;
    // Bounds are 32-bit: past 4 GB of strings, every position is checked.
    const checkOffsets = shift + end > 0xffffffff;
    // The state lives in locals while the loop runs: millions of short strings make the
    // per-string cost what counts.
    const bounds = this.bounds;
    let arr = bounds.array;
    let n = bounds.length;
    let { inString, escapePending, expectComma, currentEscaped } = this;
    while (i < end) {
      if (inString) {
        if (escapePending) {
          escapePending = false;
          i++;
        }
        // To the closing quote, stepping over escaped characters (`\"` does not close).
        let c = 0;
        while (i < end && (c = buf[i]!) !== 0x22) {
          if (c === 0x5c) {
            currentEscaped = true;
            i += 2;
          } else i++;
        }
        if (i > end) {
          // A backslash was the chunk's last byte: the next chunk starts with what it escapes.
          escapePending = true;
          i = end;
        }
        if (i === end) break;
        if (n === arr.length || checkOffsets) arr = this.grow(n, shift + i);
        arr[n++] = shift + i;
        if (currentEscaped) {
          currentEscaped = false;
          const e = this.escaped;
          if (e.length === e.array.length) e.grow();
          e.array[e.length++] = (n >> 1) - 1;
        }
        inString = false;
        expectComma = true;
        i++;
        continue;
      }
      const c = buf[i]!;
      if (c === 0x22 && !expectComma) {
        if (n === arr.length || checkOffsets) arr = this.grow(n, shift + i + 1);
        arr[n++] = shift + i + 1;
        inString = true;
        i++;
      } else if (c === 0x2c && expectComma) {
        expectComma = false;
        i++;
      } else if (isSpace(c)) {
        i++;
      } else if (c === 0x5d && (expectComma || n === 0)) {
        this.done = true;
        i++;
        break;
      } else {
        bounds.length = n;
        const expected = c === 0x22 ? 'expected ","' : c === 0x5d ? 'expected a string after ","' : 'expected a string';
        throw this.unexpected(c, base + i, expected);
      }
    }
    bounds.length = n;
    this.inString = inString;
    this.escapePending = escapePending;
    this.expectComma = expectComma;
    this.currentEscaped = currentEscaped;
    this.store.append(buf, from, i);
    return i;
  }

  result(): { bytes: Buffer; bounds: Uint32Array; escaped: Uint32Array } {
    return { bytes: this.store.result(), bounds: this.bounds.result(), escaped: this.escaped.result() };
  }

  /** Room for one more bound, `offset`, after `n`. */
  private grow(n: number, offset: number): Uint32Array {
    if (offset > 0xffffffff) throw new FormatProblem('ELIMIT', 'the "strings" array is larger than 4 GB, which backrefs does not support');
    const b = this.bounds;
    b.length = n;
    if (n === b.array.length && !b.grow()) throw new FormatProblem('ELIMIT', 'too many strings');
    return b.array;
  }

  private unexpected(c: number, at: number, expected: string): FormatProblem {
    return new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${at} in the "strings" array (${expected})`);
  }
}
