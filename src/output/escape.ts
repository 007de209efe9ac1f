/**
 * Makes text from a snapshot safe and visible inside a quoted DOT string. Backslashes are doubled
 * (otherwise `\N`, `\G`, `\l` in a string would be expanded by Graphviz) and double quotes escaped
 * here rather than left to ts-graphviz: its printer does not escape a quote that follows a
 * backslash, so a name ending in `\` followed by `"` would close the string early (a backslash-quote
 * pair in a class name then injects DOT). Control characters become their visible Control
 * Pictures (U+2400..), lone surrogates U+FFFD: nothing can end the string or the line.
 */
export function dotText(s: string): string {
  return notHtml(quoted(s));
}

/** Joins label lines with Graphviz's line break (a literal backslash-n in the DOT string). */
export function dotLines(lines: readonly string[]): string {
  return notHtml(lines.map(quoted).join('\\n'));
}

/**
 * Graphviz also reads HTML entities in plain labels (`&lt;` is drawn as `<`, `&nbsp;` as a space),
 * so a string holding `&amp;` would be drawn as `&`: `&` is written as `&amp;`, which Graphviz
 * draws as the `&` it was.
 */
function quoted(s: string): string {
  return visible(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
}

/**
 * ts-graphviz writes any value whose *trimmed* text looks like `<...>` as an HTML label, unquoted
 * (a trailing space does not stop it, since it trims). `\<` is Graphviz's escape for a plain `<`
 * in a quoted string: the label still reads `<b>...`, and ts-graphviz no longer sees HTML.
 */
function notHtml(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('<') && trimmed.endsWith('>') && trimmed.length > 1 ? text.replace('<', '\\<') : text;
}

/** Replaces control characters and lone surrogates; for terminals and any text output. */
export function visible(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(/[\u0080-\u009f\u2028\u2029]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
