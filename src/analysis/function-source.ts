import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { edgeTo } from '../snapshot/names.js';

/** A script's source as the snapshot has it: V8 writes at most the first 1024 characters of a string. */
export interface ScriptText {
  /** the script's name (its file path or URL) */
  readonly name: string;
  /** the source as written in the snapshot */
  readonly text: string;
  /** whether `text` is cut at V8's limit */
  readonly truncated: boolean;
  /** the source string's self size: 16 bytes of header plus one or two bytes a character, rounded up to 8 */
  readonly selfSize: number;
}

/** Where the whole source may come from when the snapshot cut it: the CLI reads the file and checks it is the same text. */
export type FullSource = (script: ScriptText) => string | undefined;

/** V8's cap on the characters of a string it writes into a snapshot (HeapSnapshotGenerator's kMaxStringLength). */
const SNAPSHOT_STRING_LIMIT = 1024;

/**
 * A closure's source text, or an upper bound of it, read from the snapshot: V8 keeps each
 * script's source as a string (`Script` → `source`), and the snapshot's `locations` give where
 * each closure starts (its parameters). The end is found by scanning brackets, strings, template
 * literals, comments and regular expressions: at the closing brace of the body, at a `,` or `;`
 * that ends an arrow's expression, or at the bracket that closes what encloses the function.
 * Each rule stops at or after the function's real end, so a name absent from this text is absent
 * from the function's (the answer "does not use" is safe; "mentions" may be a false alarm).
 * V8 writes only the first 1024 characters of a script into the snapshot: past them, the text
 * comes from `full` (the file, checked against the snapshot) or the answer is undefined, as it is
 * when the snapshot has no location or no source for the closure.
 */
export function functionSource(snap: HeapSnapshot, closure: number, full?: FullSource): string | undefined {
  const at = snap.location(closure);
  if (!at) return undefined;
  const script = scriptText(snap, closure);
  if (!script) return undefined;
  const source = (script.truncated && full?.(script)) || script.text;
  const start = offsetOf(source, at.line, at.column);
  if (start === undefined) return undefined;
  const end = functionEnd(source, start);
  // Ran off a cut source: the function goes on past what the snapshot kept.
  if (end === source.length && source === script.text && script.truncated) return undefined;
  return source.slice(start, end);
}

/** The closure's script source: closure → shared → script_or_debug_info (or script) → source. */
function scriptText(snap: HeapSnapshot, closure: number): ScriptText | undefined {
  const shared = edgeTo(snap, closure, 'shared');
  if (shared === -1) return undefined;
  let script = edgeTo(snap, shared, 'script_or_debug_info');
  if (script === -1) script = edgeTo(snap, shared, 'script');
  if (script === -1) return undefined;
  const source = edgeTo(snap, script, 'source');
  // A concatenated or sliced string's name is not its text.
  if (source === -1 || snap.nodeType(source) !== 'string') return undefined;
  const text = snap.nodeName(source);
  const nameNode = edgeTo(snap, script, 'name');
  return { name: nameNode === -1 ? snap.nodeName(script) : snap.nodeName(nameNode), text, truncated: text.length >= SNAPSHOT_STRING_LIMIT, selfSize: snap.selfSize(source) };
}

/** Whether `whole` can be the string the snapshot cut to `script`: same start, and a length that gives its self size. */
export function sameSource(script: ScriptText, whole: string): boolean {
  if (!whole.startsWith(script.text)) return false;
  const size = (chars: number) => Math.ceil((16 + chars) / 8) * 8;
  return size(whole.length) === script.selfSize || size(2 * whole.length) === script.selfSize;
}

function offsetOf(source: string, line: number, column: number): number | undefined {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next === -1) return undefined;
    offset = next + 1;
  }
  const at = offset + column;
  return at < source.length ? at : undefined;
}

/** Characters after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

/** Where the function starting at `start` ends at the latest (see functionSource). */
export function functionEnd(source: string, start: number): number {
  let depth = 0;
  // The brace that opened the body (a depth-0 `{` right after `)` or `=>`): its close is the end.
  let body = false;
  let last = '';
  // Open template literals' `${` depths: a `}` back at one of them resumes the template.
  const templates: number[] = [];
  let i = start;
  const n = source.length;
  const skipTemplate = (): void => {
    for (; i < n; i++) {
      const c = source[i]!;
      if (c === '\\') i++;
      else if (c === '`') return;
      else if (c === '$' && source[i + 1] === '{') {
        i++;
        templates.push(depth);
        depth++;
        return;
      }
    }
  };
  for (; i < n; i++) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '/' && source[i + 1] === '/') {
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < n && source[i] !== c && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
      last = 'A';
      continue;
    }
    if (c === '`') {
      i++;
      skipTemplate();
      last = 'A';
      continue;
    }
    if (c === '/' && (BEFORE_REGEX.has(last) || /[a-z]$/.test(last))) {
      let inClass = false;
      for (i++; i < n && source[i] !== '\n'; i++) {
        const r = source[i]!;
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      last = 'A';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (c === '{' && depth === 0 && (last === ')' || last === '=>')) body = true;
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
        templates.pop();
        depth--;
        i++;
        skipTemplate();
        last = 'A';
        continue;
      }
      depth--;
      if (depth < 0) return i;
      if (depth === 0 && body && c === '}') return i + 1;
    } else if (depth === 0 && (c === ',' || c === ';')) return i;
    last = c === '>' && source[i - 1] === '=' ? '=>' : /[\w$]/.test(c) ? wordBefore(source, i) : c;
  }
  return n;
}

/** A keyword before `/` (`return /x/`) makes it a regex; any other word makes it a division. */
function wordBefore(source: string, i: number): string {
  let s = i;
  while (s > 0 && /[\w$]/.test(source[s - 1]!)) s--;
  const word = source.slice(s, i + 1);
  return ['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'].includes(word) ? word : 'A';
}
