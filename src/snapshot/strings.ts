/** 64 MB: far past the longest name V8 writes (1024 characters), far below what a JavaScript string can hold. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * The snapshot's string table, kept as the JSON-escaped bytes of the file. A string becomes a
 * JavaScript string only when asked for; matching a class name compares bytes.
 */
export class StringTable {
  readonly count: number;

  constructor(
    private readonly bytes: Buffer,
    /** start and end of string i at [2i] and [2i+1] */
    private readonly bounds: Uint32Array,
    /** indices of the strings holding a JSON escape, ascending: the only ones JSON.parse must decode */
    private readonly escaped: Uint32Array,
  ) {
    this.count = bounds.length >> 1;
  }

  /** Builds a table from plain strings (snapshots made in code, adapters). */
  static from(strings: readonly string[]): StringTable {
    const parts = strings.map((s) => Buffer.from(JSON.stringify(s).slice(1, -1), 'utf8'));
    const bounds = new Uint32Array(parts.length * 2);
    const escaped: number[] = [];
    let at = 0;
    parts.forEach((p, i) => {
      bounds[2 * i] = at;
      at += p.length;
      bounds[2 * i + 1] = at;
      if (p.includes(0x5c)) escaped.push(i);
    });
    return new StringTable(Buffer.concat(parts), bounds, Uint32Array.from(escaped));
  }

  get(index: number): string {
    const start = this.bounds[2 * index]!;
    const end = this.bounds[2 * index + 1]!;
    if (end - start > MAX_DECODED_BYTES) return this.longString(start, end);
    const raw = this.bytes.toString('utf8', start, end);
    if (!this.isEscaped(index)) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      // A malformed escape is shown as written rather than failing a whole graph over one label.
      return raw;
    }
  }

  /**
   * The bytes string `index` takes in the file, escapes as written: never fewer than the UTF-16
   * units it decodes to, so a pass can rule out a string by its length without decoding it.
   */
  byteLength(index: number): number {
    return this.bounds[2 * index + 1]! - this.bounds[2 * index]!;
  }

  /** Indices of every string equal to `value`: a byte comparison, plus decoding the escaped strings of a fitting length. */
  indicesOf(value: string): number[] {
    const wanted = Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8');
    const found: number[] = [];
    const { bytes, bounds } = this;
    const length = wanted.length;
    for (let i = 0; i < this.count; i++) {
      const start = bounds[2 * i]!;
      if (bounds[2 * i + 1]! - start === length && sameBytes(bytes, start, wanted)) found.push(i);
    }
    // Escaped the same way, they matched above; escaped another way (`\u0041` for `A`), they are
    // never shorter than the UTF-8 text, and no longer than six bytes a UTF-16 unit.
    const minEscaped = Buffer.byteLength(value, 'utf8');
    const maxEscaped = 6 * value.length;
    const byBytes = new Set(found);
    for (const i of this.escaped) {
      const size = bounds[2 * i + 1]! - bounds[2 * i]!;
      if (size >= minEscaped && size <= maxEscaped && !byBytes.has(i) && this.get(i) === value) found.push(i);
    }
    return found.sort((a, b) => a - b);
  }

  /**
   * V8 writes string contents cut at 1024 characters; only a crafted file holds a longer one, and
   * past 0x1fffffe8 characters it cannot even be a JavaScript string. Such a string is decoded as
   * its first MAX_DECODED_BYTES (escapes left as written) and says how much is left out.
   */
  private longString(start: number, end: number): string {
    return `${this.bytes.toString('utf8', start, start + MAX_DECODED_BYTES)}… (${end - start - MAX_DECODED_BYTES} more bytes not decoded)`;
  }

  private isEscaped(index: number): boolean {
    const list = this.escaped;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = list[mid]!;
      if (v === index) return true;
      if (v < index) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** A byte loop: class names are short, and most candidates differ in their first bytes. */
function sameBytes(bytes: Buffer, start: number, wanted: Buffer): boolean {
  for (let k = 0; k < wanted.length; k++) if (bytes[start + k] !== wanted[k]) return false;
  return true;
}
