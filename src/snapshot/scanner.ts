import { SnapshotError } from './errors.js';
import type { MemoryBudget } from './memory-budget.js';
import { readMeta, type SnapshotMeta } from './meta.js';
import { describeByte, FormatProblem, isSpace, NumberArrayReader } from './number-array.js';
import { StringArrayReader } from './string-array.js';
import { ValueReader } from './value-reader.js';

/** What the scanner hands on: the header and the arrays, not yet cross-checked. */
export interface RawSnapshot {
  readonly meta: SnapshotMeta;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly locations: Uint32Array;
  /** Allocation tracking: the flat `trace_function_infos` numbers, and the `trace_tree` JSON text (empty when absent or too large). */
  readonly traceFunctionInfos: Uint32Array;
  readonly traceTree: Buffer;
  readonly stringBytes: Buffer;
  /** Start and end offsets into `stringBytes`, two per string. */
  readonly stringBounds: Uint32Array;
  /** Indices of the strings that hold a JSON escape, ascending. */
  readonly stringsEscaped: Uint32Array;
}

type Reader = NumberArrayReader | StringArrayReader | ValueReader;
const enum Mode {
  Start,
  BeforeKey,
  InKey,
  AfterKey,
  Value,
  AfterValue,
  End,
}
const ARRAY_SECTIONS = new Set(['nodes', 'edges', 'locations', 'strings', 'trace_function_infos']);
/** A trace tree larger than this is dropped (allocation sites then unknown), never a reason to refuse the file. */
const MAX_TRACE_TREE = 256 * 1024 * 1024;
/** Two levels a frame of the call tree: deep enough for real stacks, shallow enough for JSON.parse. */
const MAX_TRACE_DEPTH = 4096;
/** Any numbers array costs at least two bytes a number ("1,"), which caps what a file can hold. */
const MIN_BYTES_PER_NUMBER = 2;
/** The first allocation for a section whose input size is unknown (a stream). */
const STREAM_INITIAL = 1 << 20;

/**
 * Reads a heap snapshot's JSON a chunk at a time, in one pass, never holding the file: numbers go
 * into typed arrays, strings stay as bytes, sections backrefs does not need are skipped.
 */
export class SnapshotScanner {
  private mode = Mode.Start;
  private offset = 0;
  private key = '';
  private keyBytes: number[] = [];
  private reader: Reader | undefined;
  private meta: SnapshotMeta | undefined;
  private readonly sections = new Map<string, Reader>();
  /** Sections parsed elsewhere (the edges array, by a worker thread) and handed in. */
  private readonly provided = new Map<string, Uint32Array>();
  /** Where each section's value starts (just past its colon), as it is reached. */
  readonly sectionStarts = new Map<string, number>();

  /**
   * @param file named in every error
   * @param totalBytes the input's size when known, to size arrays and refuse impossible counts early
   * @param budget refuses the load, once the header is read and as strings arrive, when it would take more memory than there is
   */
  constructor(
    private readonly file: string,
    private readonly totalBytes?: number,
    private readonly budget?: MemoryBudget,
  ) {}

  get bytesRead(): number {
    return this.offset;
  }

  /** The header, once it has been read. */
  get header(): SnapshotMeta | undefined {
    return this.meta;
  }

  /** Steps over bytes another reader handles, keeping byte offsets in messages true. */
  skip(bytes: number): void {
    this.offset += bytes;
  }

  /** Hands in a numbers section parsed elsewhere; its count is checked as if it had been read here. */
  provide(section: 'edges', numbers: Uint32Array): void {
    if (this.sections.has(section) || this.provided.has(section)) throw new SnapshotError('EFORMAT', this.file, `the "${section}" section appears twice`);
    this.provided.set(section, numbers);
    try {
      this.checkCount(section, numbers.length);
    } catch (e) {
      throw this.wrap(e);
    }
  }

  write(buf: Buffer): void {
    const end = buf.length;
    let i = 0;
    try {
      while (i < end) {
        if (this.mode === Mode.Value) {
          const reader = this.reader!;
          i = reader.feed(buf, i, end, this.offset);
          if (reader.done) this.finishSection();
          continue;
        }
        const c = buf[i]!;
        if (this.mode === Mode.InKey) {
          if (c === 0x22) this.mode = Mode.AfterKey;
          else if (this.keyBytes.length < 256) this.keyBytes.push(c);
          else throw new FormatProblem('EFORMAT', `a top-level key longer than 256 bytes at byte ${this.offset + i}`);
          i++;
          continue;
        }
        if (isSpace(c)) {
          i++;
          continue;
        }
        this.punctuation(c, this.offset + i);
        i++;
      }
      if (this.budget && this.reader instanceof StringArrayReader) this.budget.checkStrings(this.reader.heldBytes);
    } catch (e) {
      throw this.wrap(e);
    } finally {
      this.offset += end;
    }
  }

  /** Declares the input complete; throws when it stopped early or lacks a section. */
  end(): RawSnapshot {
    if (this.mode !== Mode.End) {
      if (this.offset === 0) throw new SnapshotError('EEMPTY', this.file, 'empty file (0 bytes)');
      throw new SnapshotError('ETRUNCATED', this.file, `truncated: the input ends at byte ${this.offset} ${this.where()}`);
    }
    const meta = this.meta;
    if (!meta) throw new SnapshotError('EFORMAT', this.file, 'not a heap snapshot: no "snapshot" header');
    const missing = ['nodes', 'edges', 'strings'].filter((s) => !this.sections.has(s) && !this.provided.has(s));
    if (missing.length) throw new SnapshotError('EFORMAT', this.file, `not a heap snapshot: no ${missing.map((s) => `"${s}"`).join(', ')} array`);
    const numbers = (s: string) => this.provided.get(s) ?? (this.sections.get(s) as NumberArrayReader | undefined)?.result() ?? new Uint32Array(0);
    const strings = (this.sections.get('strings') as StringArrayReader).result();
    return {
      meta,
      nodes: numbers('nodes'),
      edges: numbers('edges'),
      locations: numbers('locations'),
      traceFunctionInfos: numbers('trace_function_infos'),
      traceTree: (this.sections.get('trace_tree') as ValueReader | undefined)?.bytes() ?? Buffer.alloc(0),
      stringBytes: strings.bytes,
      stringBounds: strings.bounds,
      stringsEscaped: strings.escaped,
    };
  }

  private punctuation(c: number, at: number): void {
    switch (this.mode) {
      case Mode.Start:
        if (c !== 0x7b) throw new FormatProblem('EFORMAT', `not a heap snapshot: expected '{' at byte ${at}, found ${describeByte(c)}${c === 0x5b ? ' (a JSON array)' : ''}`);
        this.mode = Mode.BeforeKey;
        return;
      case Mode.BeforeKey:
        if (c === 0x22) {
          this.keyBytes = [];
          this.mode = Mode.InKey;
          return;
        }
        if (c === 0x7d && this.sections.size === 0) {
          this.mode = Mode.End;
          return;
        }
        break;
      case Mode.AfterKey:
        if (c === 0x3a) {
          this.key = Buffer.from(this.keyBytes).toString('utf8');
          this.sectionStarts.set(this.key, at + 1);
          this.startSection();
          return;
        }
        break;
      case Mode.AfterValue:
        if (c === 0x2c) {
          this.mode = Mode.BeforeKey;
          return;
        }
        if (c === 0x7d) {
          this.mode = Mode.End;
          return;
        }
        break;
      case Mode.End:
        throw new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${at} after the end of the snapshot`);
    }
    throw new FormatProblem('EFORMAT', `unexpected ${describeByte(c)} at byte ${at} ${this.where()}`);
  }

  private startSection(): void {
    const key = this.key;
    if ((this.sections.has(key) || this.provided.has(key)) && (key === 'snapshot' || ARRAY_SECTIONS.has(key))) {
      throw new FormatProblem('EFORMAT', `the "${key}" section appears twice`);
    }
    const meta = this.meta;
    if ((key === 'nodes' || key === 'edges') && !meta) {
      throw new FormatProblem('EFORMAT', `the "${key}" array comes before the "snapshot" header, which backrefs needs first`);
    }
    const reader: Reader =
      key === 'nodes'
        ? this.numbers(key, meta!.nodeCount * meta!.nodeFields.length)
        : key === 'edges'
          ? this.numbers(key, meta!.edgeCount * meta!.edgeFields.length)
          : key === 'locations' || key === 'trace_function_infos'
            ? this.numbers(key, 2 ** 32 - 1)
            : key === 'strings'
              ? new StringArrayReader(this.remaining(STREAM_INITIAL))
              : key === 'trace_tree'
                ? new ValueReader(key, true, MAX_TRACE_TREE, 'drop', MAX_TRACE_DEPTH)
                : new ValueReader(key, key === 'snapshot');
    this.sections.set(key, reader);
    this.reader = reader;
    this.mode = Mode.Value;
  }

  private numbers(section: string, promised: number): NumberArrayReader {
    // Size for what the header promises, but never beyond what the rest of the input could hold:
    // a lying header is refused when the array ends, after allocating only what the file justifies.
    const fits = Math.ceil(this.remaining(STREAM_INITIAL * MIN_BYTES_PER_NUMBER) / MIN_BYTES_PER_NUMBER);
    return new NumberArrayReader(section, Math.min(promised, fits), promised);
  }

  private remaining(unknown: number): number {
    return this.totalBytes === undefined ? unknown : Math.max(0, this.totalBytes - this.offset);
  }

  private finishSection(): void {
    const reader = this.reader!;
    this.reader = undefined;
    this.mode = Mode.AfterValue;
    if (reader instanceof ValueReader && reader.section === 'snapshot') {
      let header: unknown;
      try {
        header = JSON.parse(reader.text());
      } catch (e) {
        // V8's message can quote a stretch of the header (newlines included); keep only the position.
        const at = /position (\d+)/.exec((e as Error).message)?.[1];
        throw new FormatProblem('EFORMAT', `the "snapshot" header is not valid JSON${at === undefined ? '' : ` (at its character ${at})`}`);
      }
      this.meta = readMeta(header, this.file);
      this.budget?.checkHeader(this.meta);
    } else if (reader instanceof NumberArrayReader && this.meta) {
      this.checkCount(reader.section, reader.count);
    }
  }

  private checkCount(section: string, numbers: number): void {
    const meta = this.meta!;
    const [count, fields, what] =
      section === 'nodes'
        ? [meta.nodeCount, meta.nodeFields.length, 'node']
        : section === 'edges'
          ? [meta.edgeCount, meta.edgeFields.length, 'edge']
          : [0, 0, ''];
    if (!fields) return;
    if (numbers !== count * fields) {
      const held = numbers % fields === 0 ? `${numbers / fields} ${what}s` : `${numbers} numbers, not a multiple of the ${fields} ${what} fields`;
      throw new FormatProblem('ECOUNTS', `snapshot.${what}_count says ${count} ${what}s but the "${section}" array holds ${held}`);
    }
  }

  private where(): string {
    const reader = this.reader;
    switch (this.mode) {
      case Mode.Start:
        return 'before the snapshot starts';
      case Mode.Value:
        if (reader instanceof NumberArrayReader) return `inside the "${reader.section}" array (after ${reader.count} numbers)`;
        if (reader instanceof StringArrayReader) return `inside the "strings" array (after ${reader.count} strings)`;
        return `inside the "${this.key}" section`;
      case Mode.InKey:
      case Mode.AfterKey:
        return 'inside a top-level key';
      default:
        // Before any key was read, there is no section to name.
        return this.key === '' ? 'at the start of the snapshot object' : `after the "${this.key}" section`;
    }
  }

  private wrap(e: unknown): unknown {
    if (e instanceof FormatProblem) return new SnapshotError(e.kind, this.file, e.message);
    if (e instanceof SnapshotError) return e;
    if (e instanceof RangeError) return new SnapshotError('ELIMIT', this.file, `out of memory while reading ${this.where()}: ${e.message}`);
    return e;
  }
}
