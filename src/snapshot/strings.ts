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
  ) {
    this.count = bounds.length >> 1;
  }

  /** Builds a table from plain strings (snapshots made in code, adapters). */
  static from(strings: readonly string[]): StringTable {
    const parts = strings.map((s) => Buffer.from(JSON.stringify(s).slice(1, -1), 'utf8'));
    const bounds = new Uint32Array(parts.length * 2);
    let at = 0;
    parts.forEach((p, i) => {
      bounds[2 * i] = at;
      at += p.length;
      bounds[2 * i + 1] = at;
    });
    return new StringTable(Buffer.concat(parts), bounds);
  }

  get(index: number): string {
    const start = this.bounds[2 * index]!;
    const end = this.bounds[2 * index + 1]!;
    if (this.bytes.subarray(start, end).indexOf(0x5c) === -1) return this.bytes.toString('utf8', start, end);
    const raw = this.bytes.toString('utf8', start, end);
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      // A malformed escape is shown as written rather than failing a whole graph over one label.
      return raw;
    }
  }

  /** Byte length of string `index` as stored (escaped). */
  storedLength(index: number): number {
    return this.bounds[2 * index + 1]! - this.bounds[2 * index]!;
  }

  /** Indices of every string equal to `value`, found by comparing bytes (decoding only escaped ones). */
  indicesOf(value: string): number[] {
    const wanted = Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8');
    const found: number[] = [];
    const { bytes, bounds } = this;
    // An escaped copy is never shorter than the UTF-8 text, and no longer than six bytes a UTF-16 unit.
    const minEscaped = Buffer.byteLength(value, 'utf8');
    const maxEscaped = 6 * value.length;
    for (let i = 0; i < this.count; i++) {
      const start = bounds[2 * i]!;
      const end = bounds[2 * i + 1]!;
      if (end - start === wanted.length && bytes.compare(wanted, 0, wanted.length, start, end) === 0) found.push(i);
      else if (end - start >= minEscaped && end - start <= maxEscaped && hasBackslash(bytes, start, end) && this.get(i) === value) found.push(i);
    }
    return found;
  }
}

/** A byte loop: short ranges only, and no Buffer allocated per string as `subarray` would. */
function hasBackslash(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 0x5c) return true;
  return false;
}
