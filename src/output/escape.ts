/**
 * Makes text from a snapshot safe and visible inside a quoted DOT string. Backslashes are doubled
 * (otherwise `\N`, `\G`, `\l` in a string would be expanded by Graphviz) and double quotes escaped
 * here, for the DOT writer writes strings as they are (ts-graphviz's printer, used before, did not
 * escape a quote that follows a backslash, so a name ending in `\` followed by `"` closed the
 * string early: a backslash-quote pair in a class name injected DOT). Control characters become
 * their visible Control Pictures (U+2400..), lone surrogates U+FFFD: nothing can end the string or
 * the line.
 */
export function dotText(s: string): string {
  return notHtml(quoted(s));
}

/**
 * Joins label lines with Graphviz's line break (a literal backslash-n in the DOT string), each cut
 * to the drawn length: a 100 KB class name took past 12 GB to render, and system `dot` and xdot
 * refuse labels over about 16 KB. The full text stays in JSON.
 */
export function dotLines(lines: readonly string[]): string {
  return notHtml(lines.map((line) => quoted(cutForDisplay(line))).join('\\n'));
}

/** How many characters of one label line are drawn. */
export const DISPLAY_LENGTH = 200;

/**
 * `s` cut to `max` characters (code points, never half a surrogate pair), saying where and how much
 * was cut: `abc… (+99,800 characters)`. Cheap on any length: it looks at the first `max` only.
 */
export function cutForDisplay(s: string, max = DISPLAY_LENGTH): string {
  if (s.length <= max) return s;
  // `keep` ends the first max-1 code points, `end` the first max: when `end` is the end, nothing is cut.
  let keep = 0;
  let end = 0;
  for (let n = 0; n < max && end < s.length; n++) {
    keep = end;
    const c = s.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < s.length && (s.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  if (end >= s.length) return s;
  return `${s.slice(0, keep)}… (+${codePoints(s, keep).toLocaleString('en-US')} characters)`;
}

function codePoints(s: string, from: number): number {
  let n = 0;
  for (let i = from; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/**
 * Graphviz also reads HTML entities in plain labels (`&lt;` is drawn as `<`, `&nbsp;` as a space),
 * so a string holding `&amp;` would be drawn as `&`: `&` is written as `&amp;`, which Graphviz
 * draws as the `&` it was.
 */
function quoted(s: string): string {
  if (!NEEDS_QUOTING.test(s)) return s;
  return visible(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
}

/**
 * Whether quoted() changes anything: one test instead of six replaces for the plain names most
 * labels are (a million-node graph has millions of label lines). Every character any of them
 * touches is here; surrogates all of them, paired or not, so an emoji takes the long way.
 */
const NEEDS_QUOTING = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\u200e\u200f\u061c\ufffe\uffff\ud800-\udfff\\"&]/;

/**
 * ts-graphviz (which wrote our DOT before src/output/dot-writer.ts, and which users' own tools may
 * read and reprint it with) writes any value whose *trimmed* text looks like `<...>` as an HTML
 * label, unquoted (a trailing space does not stop it, since it trims). `\<` is Graphviz's escape
 * for a plain `<` in a quoted string: the label still reads `<b>...`, and ts-graphviz sees no HTML.
 */
function notHtml(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('<') && trimmed.endsWith('>') && trimmed.length > 1 ? text.replace('<', '\\<') : text;
}

/**
 * Text from a snapshot made inert, for terminals and any text output, DOT and SVG: C0 controls
 * (ESC, NUL, CR, BEL…) and DEL become their Control Pictures (U+2400..), so no escape sequence, OSC
 * or carriage return reaches a terminal; C1 controls, line and paragraph separators, the bidi
 * embeddings, overrides, isolates and marks (which reorder what follows them on screen: a class
 * name could make the rest of a line read backwards) become U+FFFD, as do U+FFFE and U+FFFF and
 * lone surrogates, which XML forbids (an SVG holding them does not parse).
 */
export function visible(s: string): string {
  if (!NEEDS_VISIBLE.test(s)) return s;
  return s
    .replace(/[\u0000-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(/[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * JSON.stringify's text with the characters visible() replaces written as `\uXXXX` escapes
 * instead (DEL, C1 controls, line and paragraph separators, bidi controls, U+FEFF, U+FFFE,
 * U+FFFF): the same values for any parser, and nothing a terminal obeys or a viewer reorders
 * when the JSON goes to one. JSON.stringify escapes lone surrogates and C0 controls itself.
 */
export function jsonText(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space);
  return RAW_IN_JSON.test(text) ? text.replace(RAW_IN_JSON_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

const RAW_IN_JSON = /[\u007f-\u009f\u2028-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ufffe\uffff]/;
const RAW_IN_JSON_ALL = new RegExp(RAW_IN_JSON.source, 'g');

/** Whether visible() changes anything: one test for the plain names most are, instead of three replaces. */
const NEEDS_VISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\u200e\u200f\u061c\ufffe\uffff\ud800-\udfff]/;
