import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { Digraph, Node, toDot as serialize } from 'ts-graphviz';
import type { RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { toDot } from '../src/output/dot.js';
import { cutForDisplay, dotLines, dotText, visible } from '../src/output/escape.js';
import { toJson } from '../src/output/json.js';
import { formatSize } from '../src/output/style.js';
import { toText } from '../src/output/text.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';

const gv = await Graphviz.load();

/** Class, edge and string contents a snapshot can hold; each must come out as it was (made visible). */
const HOSTILE = [
  'say "hi"',
  'back\\slash \\N \\G \\E \\T \\H \\L \\l \\r \\n end',
  'trailing backslash \\',
  'line1\nline2\r\nline3',
  '"];  x [URL="evil"]; y [label="',
  '\\"];  x [URL=\\"evil\\"]; y [label=\\"',
  'a\\"b',
  '<b>html</b>',
  '  <i>spaced</i>  ',
  '<font color="red">x</font>',
  '<',
  '<>',
  'ctrl \u0000 \u0001 \u0007 \u0008 \t \u000b \u000c \u007f \u0085 \u009b end',
  '\u001b[31mred\u001b[0m \u001b]8;;http://evil\u0007link\u001b]8;;\u0007',
  'Ünïcödé 日本語 😀 עברית',
  'lone \ud800 high, lone \udc00 low, pair \ud83d\ude00',
  'line sep \u2028 para \u2029 end',
  '{ } [ ] ; , = -> -- // /* */ #',
  'entities &amp; &lt;b&gt; &nbsp; &#65; &#x42; & alone',
];

/** Characters no text output may contain: C0 (but newline), DEL, C1, line/paragraph separators. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('visible: control characters become Control Pictures, C1 and separators U+FFFD, lone surrogates U+FFFD', () => {
  assert.equal(visible('a\nb'), 'a\u240ab');
  assert.equal(visible('a\r\nb'), 'a\u240d\u240ab');
  assert.equal(visible('\u0000\u0001\t\u001f'), '\u2400\u2401\u2409\u241f');
  assert.equal(visible('\u001b[31mred'), '\u241b[31mred');
  assert.equal(visible('\u007f'), '\u2421');
  assert.equal(visible('\u0085\u009b\u0080'), '\ufffd\ufffd\ufffd');
  assert.equal(visible('\u2028\u2029'), '\ufffd\ufffd');
  assert.equal(visible('x\ud800y'), 'x\ufffdy');
  assert.equal(visible('x\udc00y'), 'x\ufffdy');
  assert.equal(visible('\ud800'), '\ufffd');
  assert.equal(visible('\udc00\ud800'), '\ufffd\ufffd');
  assert.equal(visible('\ud83d\ude00'), '😀');
  assert.equal(visible('\ud800\ud83d\ude00'), '\ufffd😀');
  // Printable text, quotes and backslashes are left alone.
  for (const s of ['plain', 'say "hi"', 'a\\b', 'Ünïcödé 日本語 עברית', '<b>x</b>', ' spaced ', '\u00a0nbsp']) assert.equal(visible(s), s);
  for (const s of HOSTILE) {
    assert.doesNotMatch(visible(s), CONTROL);
    assert.doesNotMatch(visible(s), LONE_SURROGATE);
  }
});

test('dotText: backslashes doubled, quotes escaped, nothing that ends the string or the line', () => {
  assert.equal(dotText('plain'), 'plain');
  assert.equal(dotText('a\\b'), 'a\\\\b');
  assert.equal(dotText('\\N'), '\\\\N');
  assert.equal(dotText('say "hi"'), 'say \\"hi\\"');
  assert.equal(dotText('a\\"b'), 'a\\\\\\"b');
  assert.equal(dotText('end\\'), 'end\\\\');
  assert.equal(dotText('a\nb'), 'a\u240ab');
  assert.equal(dotText('x\ud800'), 'x\ufffd');
  // Graphviz decodes HTML entities in plain labels: & is written as &amp; so it is drawn as itself.
  assert.equal(dotText('a & b &lt;'), 'a &amp; b &amp;lt;');
  for (const s of HOSTILE) {
    const d = dotText(s);
    assert.doesNotMatch(d, /[\n\r\u0000]/);
    // Every quote is escaped by an odd number of backslashes.
    for (const m of d.matchAll(/(\\*)"/g)) assert.equal(m[1]!.length % 2, 1, `unescaped quote in ${JSON.stringify(d)}`);
    // The string never ends in an escaping backslash.
    assert.equal((/\\*$/.exec(d)![0].length) % 2, 0);
  }
});

test('dotLines joins lines with a literal \\n and keeps HTML-looking text a plain string', () => {
  assert.equal(dotLines(['a', 'b']), 'a\\nb');
  assert.equal(dotLines(['a\nb', 'c']), 'a\u240ab\\nc');
  assert.equal(dotLines(['x\\', 'y']), 'x\\\\\\ny');
  // ts-graphviz writes a value that (trimmed) looks like <...> unquoted, as an HTML label.
  for (const lines of [['<b>html</b>'], ['  <i>spaced</i>  '], ['<a', 'b>'], ['<'], ['<>', '<>']]) {
    const g = new Digraph('g');
    g.addNode(new Node('n', { label: dotLines(lines) }));
    const dot = serialize(g);
    assert.match(dot, /label = "/, `${JSON.stringify(lines)} is written quoted: ${dot}`);
    const svg = gv.dot(dot, 'svg');
    assert.deepEqual(svgNodes(svg).get('n'), lines.map(visible));
  }
});

/** A graph whose class names, edge names and string contents are all hostile. */
function hostileGraph(): RetainerGraph {
  const b = new SnapshotBuilder();
  b.node('synthetic', '');
  const target = b.node('object', 'Target "<b>"\n\\');
  const str = b.node('string', HOSTILE.join(' | '));
  const fn = b.node('closure', '"];\u001b[2J\\N');
  HOSTILE.forEach((name, i) => {
    const r = b.node('object', name);
    b.edge(r, target, 'property', HOSTILE[(i + 1) % HOSTILE.length]!);
    if (i % 3 === 0) b.edge(r, str, 'property', name);
  });
  const ctx = b.node('object', 'system / Context');
  b.edge(ctx, target, 'context', HOSTILE[4]!);
  b.edge(fn, ctx, 'internal', 'context');
  b.edge(b.node('object', 'Array'), str, 'element', 7);
  return retainerGraph(b.build(), [target, str], { tooMany: 100 });
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** The text lines Graphviz drew for each node, by node name. */
function svgNodes(svg: string): Map<string, string[]> {
  return svgGroups(svg, 'node');
}

function svgGroups(svg: string, cls: 'node' | 'edge'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of svg.split(/<g id="[^"]*" class="/).slice(1)) {
    if (!group.startsWith(`${cls}"`)) continue;
    const title = decodeXml(/<title>([^<]*)<\/title>/.exec(group)![1]!);
    // Graphviz writes runs of spaces as space + no-break spaces to keep them in SVG.
    const texts = [...group.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXml(m[1]!).replace(/\u00a0/g, ' '));
    out.set(title, [...(out.get(title) ?? []), ...texts]);
  }
  return out;
}

/**
 * A DOT escString as Graphviz reads it in a label: `\x` is x, `\n` a line break, and HTML entities
 * are decoded; every & must arrive as &amp; (any other entity would be drawn as something else).
 */
function unescapeLabel(s: string): string {
  return s.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c)).replace(/&amp;/g, '&');
}

interface GvObject {
  name: string;
  label?: string;
  [attr: string]: unknown;
}
interface GvEdge {
  tail: number;
  head: number;
  label?: string;
  [attr: string]: unknown;
}

test('a graph with hostile names: Graphviz parses the DOT and reads back exactly the visible text', () => {
  const g = hostileGraph();
  // The graph data keeps the names exactly.
  assert.deepEqual(
    g.nodes.filter((n) => n.role === 'retainer' && n.type === 'object' && n.name !== 'system / Context' && n.name !== 'Array').map((n) => n.name),
    HOSTILE,
  );
  const extra = (n: { name: string }) => `extra ${n.name}`;
  const dot = toDot(g, { extraInfo: extra });
  assert.equal(Buffer.from(dot, 'utf8').toString('utf8'), dot, 'the DOT is well-formed Unicode');
  assert.doesNotMatch(dot, CONTROL);

  // As Graphviz parsed it: the same nodes and edges, labels that unescape to the intended text.
  const json = JSON.parse(gv.dot(dot, 'json')) as { objects: GvObject[]; edges: GvEdge[] };
  const keys = g.nodes.map((n) => n.key);
  assert.deepEqual(json.objects.map((o) => o.name).sort(), [...keys].sort(), 'no node injected or lost');
  assert.equal(json.edges.length, g.edges.length, 'no edge injected or lost');
  const expectedLines = new Map(
    g.nodes.map((n) => [n.key, [n.title, ...(n.preview ? [n.preview] : []), extra(n), `@${n.id} · ${formatSize(n.selfSize)}`].map((l) => visible(cutForDisplay(l)))]),
  );
  for (const o of json.objects) {
    assert.equal(unescapeLabel(o.label!), expectedLines.get(o.name)!.join('\n'), o.name);
    for (const attr of Object.keys(o)) assert.doesNotMatch(attr, /^(URL|href|target|id|tooltip)$/i, `injected attribute ${attr} on ${o.name}`);
  }
  const labelOf = new Map(g.edges.map((e) => [`${e.from}->${e.to}`, e.label]));
  for (const e of json.edges) {
    const key = `${json.objects[e.tail]!.name}->${json.objects[e.head]!.name}`;
    assert.equal(unescapeLabel(e.label ?? ''), visible(cutForDisplay(labelOf.get(key)!)), key);
    for (const attr of Object.keys(e)) assert.doesNotMatch(attr, /^(URL|href|target|id|tooltip)$/i);
  }

  // As Graphviz drew it: every text line in the SVG is the visible text, and no link was injected.
  const svg = gv.dot(dot, 'svg');
  // No link or tooltip element, no href/URL attribute (the text "URL=" inside <text> is content).
  assert.doesNotMatch(svg, /<a[\s>]|\shref=|\sURL=/i);
  const drawn = svgNodes(svg);
  assert.equal(drawn.size, g.nodes.length);
  for (const [key, lines] of expectedLines) assert.deepEqual(drawn.get(key), lines, key);
  const drawnEdges = svgGroups(svg, 'edge');
  for (const [key, label] of labelOf) assert.deepEqual(drawnEdges.get(key), label ? [visible(label)] : [], key);
  // Spot checks against the raw strings, not only against the graph's own data.
  assert.ok([...drawn.values()].some((l) => l[0] === '"];  x [URL="evil"]; y [label="'));
  assert.ok([...drawn.values()].some((l) => l[0] === '<b>html</b>'));
  assert.ok([...drawn.values()].some((l) => l[0] === 'entities &amp; &lt;b&gt; &nbsp; &#65; &#x42; & alone'));
  assert.ok([...drawn.values()].some((l) => l[0] === 'back\\slash \\N \\G \\E \\T \\H \\L \\l \\r \\n end'));
  assert.ok([...drawnEdges.values()].some((l) => l[0] === '\\"];  x [URL=\\"evil\\"]; y [label=\\"'));
});

test('extraNodeAttrs values and highlight colours stay attribute values', () => {
  const g = hostileGraph();
  const dot = toDot(g, { extraNodeAttrs: (n) => ({ tooltip: n.name, xlabel: n.name }), highlight: (n) => n.name.includes('"') });
  const json = JSON.parse(gv.dot(dot, 'json')) as { objects: GvObject[] };
  const byKey = new Map(g.nodes.map((n) => [n.key, n]));
  for (const o of json.objects) {
    const n = byKey.get(o.name)!;
    assert.equal(unescapeLabel(String(o.xlabel)), visible(n.name), o.name);
    // Graphviz substitutes \\N, \\G, \\L in tooltips a second time when writing SVG, so a name with a
    // backslash may read differently there; it still cannot leave the attribute.
    if (!n.name.includes('\\')) assert.equal(unescapeLabel(String(o.tooltip)), visible(n.name), o.name);
  }
  const svg = gv.dot(dot, 'svg');
  assert.doesNotMatch(svg, /\shref=|\sURL=/i);
  // Every <a> Graphviz wrote is a tooltip, one per node.
  assert.equal([...svg.matchAll(/<a xlink:title="/g)].length, g.nodes.length);
  assert.equal([...svg.matchAll(/<a[\s>]/g)].length, g.nodes.length);
});

test('toText has no escape sequences or control characters, one line per target and per edge', () => {
  const g = hostileGraph();
  const text = toText(g);
  assert.ok(!text.includes('\u001b'));
  assert.doesNotMatch(text, CONTROL);
  assert.doesNotMatch(text, LONE_SURROGATE);
  const drawnKeys = new Set(g.nodes.map((n) => n.key));
  const edgeLines = g.edges.filter((e) => drawnKeys.has(e.to)).length;
  // A retainer tree: each target, then one line per edge into what is shown (a node's first line, or "shown above").
  assert.equal(text.split('\n').length - 1, g.nodes.filter((n) => n.role === 'target').length + edgeLines);
  assert.ok(text.includes(visible('\u001b[31mred\u001b[0m')));
  assert.ok(text.includes('"];  x [URL="evil"]; y [label="'));
});

test('toJson round-trips class names, edge names and previews exactly, lone surrogates included', () => {
  const g = hostileGraph();
  const text = toJson(g);
  assert.equal(Buffer.from(text, 'utf8').toString('utf8'), text, 'the JSON is well-formed Unicode (lone surrogates escaped)');
  const data = JSON.parse(text) as {
    nodes: { id: number; name: string; class: string; preview: string }[];
    edges: { from: number; to: number; name: string | number; label: string }[];
  };
  assert.deepEqual(data.nodes.map((n) => n.name), g.nodes.map((n) => n.name));
  assert.deepEqual(data.nodes.map((n) => n.class), g.nodes.map((n) => n.className));
  assert.deepEqual(data.nodes.map((n) => n.preview), g.nodes.map((n) => n.preview));
  assert.deepEqual(data.edges.map((e) => e.name), g.edges.map((e) => e.name));
  assert.deepEqual(data.edges.map((e) => e.label), g.edges.map((e) => e.label));
  for (const s of HOSTILE) {
    assert.ok(data.nodes.some((n) => n.name === s), JSON.stringify(s));
    assert.ok(data.edges.some((e) => e.name === s), JSON.stringify(s));
  }
  assert.ok(data.nodes.some((n) => n.name === HOSTILE.join(' | ')));
});
