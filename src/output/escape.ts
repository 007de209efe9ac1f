/**
 * Makes text from a snapshot safe and visible inside a quoted DOT string. ts-graphviz escapes
 * double quotes but not backslashes, so backslashes are doubled here (otherwise `\N`, `\G`, `\l`
 * in a string would be expanded by Graphviz). Control characters become their visible
 * Control Pictures (U+2400..), lone surrogates U+FFFD: nothing can end the string or the line.
 */
export function dotText(s: string): string {
  return visible(s).replace(/\\/g, '\\\\');
}

/** Joins label lines with Graphviz's line break (a literal backslash-n in the DOT string). */
export function dotLines(lines: readonly string[]): string {
  const label = lines.map(dotText).join('\\n');
  // ts-graphviz writes a value that looks like `<...>` as an HTML label, unquoted.
  return /^<[\s\S]*>$/.test(label) ? `${label} ` : label;
}

/** Replaces control characters and lone surrogates; for terminals and any text output. */
export function visible(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(/[\u0080-\u009f\u2028\u2029]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
