import type { StringTable } from '../snapshot/strings.js';

/**
 * V8 records a WeakMap entry as two internal edges to the value, one from the key and one from
 * the table, both named `N / part of key (Key @a) -> value (Value @b) pair in WeakMap (table @c)`.
 * The value is alive only while the key and the table are.
 */
export interface WeakMapEdge {
  readonly keyId: number;
  readonly valueId: number;
  readonly tableId: number;
  /** The name without its leading number: the same for the key's edge and the table's edge of one entry. */
  readonly pairName: string;
}

const HEAD = ' / part of key (';
const MIDDLE = ') -> value (';
const TAIL = ' pair in WeakMap (table @';
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
/** The length of the shortest name parseWeakMapEdge accepts (empty key and value names, one-digit ids). */
export const SHORTEST_WEAK_MAP_EDGE = `1${HEAD} @1${MIDDLE} @1)${TAIL}1)`.length;

/**
 * Parses such an edge name; undefined for any other name. Reads the fixed parts from both ends
 * and searches the middle once, so a long hostile name costs its length (the regular expression
 * DevTools uses backtracks quadratically), and accepts exactly what that expression accepts:
 * `^\d+( \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @\d+\))$`.
 */
export function parseWeakMapEdge(name: string): WeakMapEdge | undefined {
  const digits = leadingDigits(name, 0);
  // `.` in the expression matches no line terminator.
  if (digits === 0 || !name.startsWith(HEAD, digits) || LINE_TERMINATOR.test(name)) return undefined;
  // From the end: `... @<value>) pair in WeakMap (table @<table>)`.
  if (name.charCodeAt(name.length - 1) !== 0x29) return undefined;
  const tableStart = trailingDigitsStart(name, name.length - 1);
  if (tableStart === name.length - 1 || !name.endsWith(TAIL, tableStart)) return undefined;
  const valueClose = tableStart - TAIL.length;
  if (name.charCodeAt(valueClose - 1) !== 0x29) return undefined;
  const valueIdStart = trailingDigitsStart(name, valueClose - 1);
  if (valueIdStart === valueClose - 1 || !name.startsWith(' @', valueIdStart - 2)) return undefined;
  // The key part ends at the first ` @<digits>) -> value (` that leaves room for the value part.
  const keyFrom = digits + HEAD.length;
  const valueFrom = valueIdStart - 2;
  for (let at = name.indexOf(MIDDLE, keyFrom); at !== -1; at = name.indexOf(MIDDLE, at + 1)) {
    const idStart = trailingDigitsStart(name, at);
    if (idStart === at || idStart - 2 < keyFrom || !name.startsWith(' @', idStart - 2)) continue;
    if (at + MIDDLE.length > valueFrom) return undefined;
    return {
      keyId: Number(name.slice(idStart, at)),
      valueId: Number(name.slice(valueIdStart, valueClose - 1)),
      tableId: Number(name.slice(tableStart, name.length - 1)),
      pairName: name.slice(digits),
    };
  }
  return undefined;
}

function leadingDigits(s: string, from: number): number {
  let i = from;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i - from;
}

/** Where the run of digits that ends just before `end` starts (`end` itself when there is none). */
function trailingDigitsStart(s: string, end: number): number {
  let i = end;
  while (i > 0 && isDigit(s.charCodeAt(i - 1))) i--;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * parseWeakMapEdge of string `index` of the table. Whole-heap passes ask this once per distinct
 * internal edge name, and most of those are numbers (millions of them on big heaps): a name too
 * short to be an entry's is ruled out without decoding it.
 */
export function weakMapEdgeNamed(strings: StringTable, index: number): WeakMapEdge | undefined {
  return strings.byteLength(index) < SHORTEST_WEAK_MAP_EDGE ? undefined : parseWeakMapEdge(strings.get(index));
}
