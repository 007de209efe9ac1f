import { Chunks } from './chunks.js';
import { dotText } from './escape.js';

export { CHUNK } from './chunks.js';

/**
 * An attribute's value: a number (written bare when it is a DOT numeral), a string already made
 * safe by escape.ts (dotText, dotLines) or one of our own constants, written between quotes as it
 * is, or an HTML-like label (our legend), written between `<` and `>`.
 */
export type DotValue = string | number | { readonly html: string };
/** Attributes in the order written; an undefined value writes nothing. */
export type DotAttributes = Readonly<Record<string, DotValue | undefined>>;

/**
 * Writes a digraph one statement a line, gathered into chunks that the caller takes as they fill:
 * a million-node graph goes to its file without one string of hundreds of megabytes (V8 refuses
 * strings past 2^29 characters), and at about a microsecond a statement. ts-graphviz, used before,
 * built a model and an AST of every attribute and printed it through nested generators: 160 µs a
 * node, 16 s for 100,000.
 */
export class DotWriter {
  private readonly text = new Chunks();

  constructor(name: string) {
    this.text.add(`digraph ${id(name)} {\n`);
  }

  /** `node [...]`, `edge [...]` or `graph [...]`: defaults for what follows. */
  defaults(kind: 'graph' | 'node' | 'edge', attrs: DotAttributes): void {
    this.text.add(`  ${kind} [${list(attrs)}];\n`);
  }

  node(key: string, attrs: DotAttributes): void {
    const a = list(attrs);
    this.text.add(a ? `  ${id(key)} [${a}];\n` : `  ${id(key)};\n`);
  }

  edge(from: string, to: string, attrs: DotAttributes): void {
    const a = list(attrs);
    this.text.add(a ? `  ${id(from)} -> ${id(to)} [${a}];\n` : `  ${id(from)} -> ${id(to)};\n`);
  }

  /** The text written since the last take, once there is a chunk's worth; otherwise undefined. */
  take(): string | undefined {
    return this.text.take();
  }

  /** Closes the graph: the rest of the text. */
  end(): string {
    this.text.add('}\n');
    return this.text.rest();
  }
}

/** Our node keys (`n123`, `more_n123`) as they are; any other name escaped as snapshot text is. */
function id(s: string): string {
  return SAFE_ID.test(s) ? `"${s}"` : `"${dotText(s)}"`;
}

const SAFE_ID = /^[A-Za-z0-9_]+$/;
/** An attribute name Graphviz reads bare; a caller's other names (extraNodeAttrs) are quoted, so none can end the list. */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** DOT's numeral: `1e+21` or `NaN` from String(number) are not, and are quoted. */
const NUMERAL = /^-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)$/;

/** Names as written, looked up once: a graph writes the same few names a million times. */
const names = new Map<string, string>();
function attributeName(key: string): string {
  let name = names.get(key);
  if (name === undefined) {
    name = BARE_NAME.test(key) ? key : `"${dotText(key)}"`;
    // A caller's names are unbounded in number (extraNodeAttrs): keep only the first few.
    if (names.size < 256) names.set(key, name);
  }
  return name;
}

function list(attrs: DotAttributes): string {
  let out = '';
  for (const key in attrs) {
    const v = attrs[key];
    if (v === undefined) continue;
    if (out) out += ', ';
    out += attributeName(key);
    out += '=';
    if (typeof v === 'string') out += `"${v}"`;
    else if (typeof v === 'number') out += NUMERAL.test(String(v)) ? String(v) : `"${String(v)}"`;
    else out += `<${v.html}>`;
  }
  return out;
}
