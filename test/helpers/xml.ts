/**
 * A strict XML 1.0 well-formedness check, enough for what Graphviz writes (prolog, DOCTYPE without
 * an internal subset, comments, elements, attributes, text, character and predefined entity
 * references). No XML parser is a dependency here; xmllint is used as well when installed.
 * Returns the first problem found, or undefined.
 */
export function xmlProblem(text: string): string | undefined {
  const illegal = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  if (illegal) return `character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${illegal.index} is not allowed in XML`;
  const NAME = '[A-Za-z_:][-A-Za-z0-9._:]*';
  const refs = (s: string, at: number): string | undefined => {
    for (const m of s.matchAll(/&([^;]*);?/g)) {
      const body = m[1]!;
      if (!m[0].endsWith(';')) return `a bare '&' at ${at + m.index!}`;
      if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(body)) continue;
      const code = /^#x([0-9a-fA-F]+)$/.exec(body)?.[1] ?? /^#([0-9]+)$/.exec(body)?.[1];
      if (code === undefined) return `unknown entity &${body}; at ${at + m.index!}`;
      const cp = body.startsWith('#x') ? parseInt(code, 16) : parseInt(code, 10);
      const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!ok) return `&${body}; at ${at + m.index!} names a character XML forbids`;
    }
    return undefined;
  };
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>/.exec(text);
  if (prolog) i = prolog[0].length;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (stack.length === 0 && chunk.trim() !== '') return `text outside the root element at ${i}`;
    if (chunk.includes(']]>')) return `']]>' in text at ${i}`;
    const bad = refs(chunk, i);
    if (bad) return bad;
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return `unclosed comment at ${i}`;
      if (text.slice(i + 4, end).includes('--') || text[end - 1] === '-') return `'--' inside a comment at ${i}`;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      if (stack.length || roots) return `DOCTYPE after the root at ${i}`;
      const m = /^<!DOCTYPE\s+[^\s>[]+(\s+(PUBLIC\s+"[^"]*"\s+"[^"]*"|SYSTEM\s+"[^"]*"))?\s*>/.exec(text.slice(i));
      if (!m) return `malformed DOCTYPE at ${i}`;
      i += m[0].length;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) return `unclosed processing instruction at ${i}`;
      i = end + 2;
    } else if (text.startsWith('</', i)) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(text.slice(i));
      if (!m) return `malformed end tag at ${i}`;
      const open = stack.pop();
      if (open !== m[1]) return `</${m[1]}> at ${i} closes <${open ?? 'nothing'}>`;
      i += m[0].length;
    } else {
      const m = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`).exec(text.slice(i));
      if (!m) return `malformed start tag at ${i}: ${JSON.stringify(text.slice(i, i + 80))}`;
      if (stack.length === 0 && ++roots > 1) return `a second root element at ${i}`;
      const seen = new Set<string>();
      for (const a of m[2]!.matchAll(new RegExp(`(${NAME})\\s*=\\s*("[^"]*"|'[^']*')`, 'g'))) {
        if (seen.has(a[1]!)) return `attribute ${a[1]} twice at ${i}`;
        seen.add(a[1]!);
        const bad = refs(a[2]!.slice(1, -1), i);
        if (bad) return bad;
      }
      if (!m[3]) stack.push(m[1]!);
      i += m[0].length;
    }
  }
  if (stack.length) return `<${stack[stack.length - 1]}> is never closed`;
  if (roots !== 1) return 'no root element';
  return undefined;
}
