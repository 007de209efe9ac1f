import { GrowableU32 } from './growable.js';

/** Thrown by the section readers; the scanner adds the file name. */
export class FormatProblem extends Error {
  constructor(
    readonly kind: 'EFORMAT' | 'ECOUNTS' | 'ELIMIT',
    message: string,
  ) {
    super(message);
  }
}

const MAX_U32 = 4294967295;
/** Digits in MAX_U32. */
const MAX_DIGITS = 10;

/**
 * Reads one JSON array of non-negative integers (`[9,0,1,0,3,0\n,9,...]`) straight into a
 * Uint32Array, a chunk at a time. The byte loop is the hottest code in backrefs: it keeps its
 * state in locals and allocates nothing.
 */
export class NumberArrayReader {
  done = false;
  private started = false;
  private value = 0;
  private digits = 0;
  private expectComma = false;
  private readonly out: GrowableU32;

  constructor(
    readonly section: string,
    initial: number | Uint32Array,
    limit: number,
  ) {
    this.out = new GrowableU32(initial, limit);
  }

  get count(): number {
    return this.out.length;
  }

  /** Consumes bytes from `i`; returns where it stopped (`end`, or just past the closing `]`). */
  feed(buf: Uint8Array, i: number, end: number, base: number): number {
    if (!this.started) {
      while (i < end && isSpace(buf[i]!)) i++;
      if (i === end) return end;
      if (buf[i] !== 0x5b) throw this.unexpected(buf[i]!, base + i, 'expected "["');
      this.started = true;
      i++;
    }
    const out = this.out;
    let arr = out.array;
    let cap = arr.length;
    let n = out.length;
    let v = this.value;
    let digits = this.digits;
    let expectComma = this.expectComma;
    // Room for the longest number we accept (10 digits) and a "\n," after it.
    const safeEnd = end - 16;
    for (; i < end; i++) {
      // Fast path, between numbers: V8 writes `digits,` and `digits\n,` and nothing else, so
      // take whole numbers with their separator and skip the per-byte state machine. Anything
      // else (spaces, `]`, a bad byte, the chunk's last bytes) drops to the general loop below.
      if (digits === 0 && !expectComma) {
        while (i < safeEnd) {
          let c = buf[i]!;
          if (c < 0x30 || c > 0x39) break;
          const start = i;
          let x = c - 0x30;
          // No digit counter in this loop: a number starting before safeEnd has 16 bytes of room,
          // and a longer run of digits is refused just below (whatever it read past the end).
          while ((c = buf[++i]!) >= 0x30 && c <= 0x39) x = x * 10 + (c - 0x30);
          if (x > MAX_U32 || i - start > MAX_DIGITS) throw this.tooLarge(x, i - start, base + start);
          if (n === cap) {
            arr = this.grow(n);
            cap = arr.length;
          }
          arr[n++] = x;
          if (c === 0x2c) i++;
          else if (c === 0x0a && buf[i + 1] === 0x2c) i += 2;
          else {
            expectComma = true;
            break;
          }
        }
        if (i >= end) break;
      }
      const c = buf[i]!;
      const d = c - 48;
      if (d >= 0 && d <= 9) {
        if (expectComma) throw this.unexpected(c, base + i, 'expected ","');
        v = v * 10 + d;
        digits++;
        continue;
      }
      if (c === 0x2c || c === 0x5d || isSpace(c)) {
        if (digits !== 0) {
          // More than 10 digits is refused even when the value fits ("000000000001"): the fast
          // path above stops reading at 11 digits, and both must give the same answer wherever
          // a chunk happens to end. V8 never writes leading zeros.
          if (v > MAX_U32 || digits > MAX_DIGITS) throw this.tooLarge(v, digits, base + i - digits);
          if (n === cap) {
            arr = this.grow(n);
            cap = arr.length;
          }
          arr[n++] = v;
          v = 0;
          digits = 0;
          expectComma = true;
        }
        if (c === 0x2c) {
          if (!expectComma) throw this.unexpected(c, base + i, 'expected a number');
          expectComma = false;
        } else if (c === 0x5d) {
          if (n > 0 && !expectComma) throw this.unexpected(c, base + i, 'expected a number after ","');
          this.done = true;
          i++;
          break;
        }
        continue;
      }
      throw this.unexpected(c, base + i, 'expected a number');
    }
    out.length = n;
    this.value = v;
    this.digits = digits;
    this.expectComma = expectComma;
    return i;
  }

  result(): Uint32Array {
    return this.out.result();
  }

  /** Room for more numbers after `n`, up to what the header promised. */
  private grow(n: number): Uint32Array {
    const out = this.out;
    out.length = n;
    if (!out.grow()) throw new FormatProblem('ECOUNTS', `the "${this.section}" array holds more numbers than the header promises (${out.limit})`);
    return out.array;
  }

  /** `at` is where the number starts: the same byte whichever loop read it. */
  private tooLarge(v: number, digits: number, at: number): FormatProblem {
    const what = digits > MAX_DIGITS ? `has more than ${MAX_DIGITS} digits` : `is ${v}, above 2^32`;
    return new FormatProblem('ELIMIT', `the number at byte ${at} in the "${this.section}" array ${what}, which backrefs does not support`);
  }

  private unexpected(c: number, at: number, expected: string): FormatProblem {
    return new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${at} in the "${this.section}" array (${expected})`);
  }
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function describeByte(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
