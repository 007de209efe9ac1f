/**
 * Issue 9, "every message inert" and "labels": snapshot text reaching a terminal, DOT or SVG is
 * neutralised (ESC, OSC, C1, NUL, DEL, CR, bidi controls, XML-illegal characters), SVG always
 * parses as XML, and a drawn label is cut to a display length while JSON keeps the whole text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { findByType } from '../src/graph/select.js';
import { retainerGraph } from '../src/graph/walk.js';
import { toDot } from '../src/output/dot.js';
import { cutForDisplay, DISPLAY_LENGTH, jsonText, visible } from '../src/output/escape.js';
import { toJson } from '../src/output/json.js';
import { renderSvg } from '../src/output/render.js';
import { toText } from '../src/output/text.js';
import { typesTable } from '../src/output/tables.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { systemDotAvailable, systemLayout, wasmLayout } from './helpers/graphviz.js';
import { hasCommand, requireTool } from './helpers/tools.js';
import { xmlProblem } from './helpers/xml.js';

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
/** What no inert text may hold: C0 but newline, DEL, C1, separators, bidi controls, U+FFFE/U+FFFF. */
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufffe\uffff]/;
const NASTY = `A\u0000B\u001b]0;owned\u0007C\u001b[2J\rD\u007fE\u009bF\u202eG\u2066H\u200fI\u061cJ\ufffeK\uffffL\ud800M`;

async function graphOf(className: string, edgeName: string) {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  const holder = b.node('object', className);
  const target = b.node('object', 'Target');
  b.edge(root, gcRoots, 'element', 1);
  b.edge(gcRoots, holder, 'element', 0);
  b.edge(holder, target, 'property', edgeName);
  const snap = await loadSnapshot(Buffer.from(b.toJSON()));
  return retainerGraph(snap, findByType(snap, 'Target'), {});
}

test('visible() neutralises every bidi control, U+FFFE and U+FFFF, besides the C0/C1 controls', () => {
  for (const c of BIDI) assert.equal(visible(`a${c}b`), 'a\ufffdb', `U+${c.charCodeAt(0).toString(16)}`);
  assert.equal(visible('\ufffe\uffff'), '\ufffd\ufffd');
  assert.doesNotMatch(visible(NASTY), FORBIDDEN);
  // Ordinary right-to-left text is text, not a control.
  assert.equal(visible('עברית العربية'), 'עברית العربية');
});

test('text output carries none of them', async () => {
  const g = await graphOf(NASTY, NASTY);
  assert.doesNotMatch(toText(g), FORBIDDEN);
});

const nastySvg = async () => renderSvg(toDot(await graphOf(NASTY, `${NASTY}\ufffe`)));

test('SVG of names holding every forbidden character is well-formed XML', async () => {
  assert.equal(xmlProblem(await nastySvg()), undefined);
});

test('and xmllint, a real XML parser, reads it (CI installs libxml2-utils)', async (t) => {
  if (requireTool(t, hasCommand('xmllint', ['--version']), 'xmllint (libxml2-utils)')) {
    const svg = await nastySvg();
    const r = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: svg, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
});

test('the XML check itself refuses what a real parser refuses', () => {
  const ok = '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg a="1"><!-- c --><g><text>x &amp; &#65;</text></g></svg>\n';
  assert.equal(xmlProblem(ok), undefined);
  for (const bad of [ok.replace('x &amp;', 'x \ufffe'), ok.replace('x &amp;', 'x \u0001'), ok.replace('&amp;', '&'), ok.replace('&#65;', '&#1;'), ok.replace('</g>', ''), ok.replace('a="1"', 'a="1" a="2"'), ok.replace('x &amp;', 'x <')]) {
    assert.notEqual(xmlProblem(bad), undefined, JSON.stringify(bad));
  }
});

test('cutForDisplay keeps short text, cuts long text at a code point and says how much is gone', () => {
  assert.equal(cutForDisplay('short'), 'short');
  assert.equal(cutForDisplay('x'.repeat(DISPLAY_LENGTH)), 'x'.repeat(DISPLAY_LENGTH));
  assert.equal(cutForDisplay('x'.repeat(100_000)), `${'x'.repeat(DISPLAY_LENGTH - 1)}… (+99,801 characters)`);
  const emoji = cutForDisplay('😀'.repeat(1000));
  assert.ok(emoji.startsWith('😀'.repeat(DISPLAY_LENGTH - 1) + '…'), 'no half surrogate pair');
  assert.match(emoji, /\(\+801 characters\)$/);
});

test('a 100 KB class name draws a short label, renders quickly, and stays whole in JSON', async (t) => {
  const huge = `Big${'x'.repeat(100_000)}`;
  const g = await graphOf(huge, `edge${'y'.repeat(50_000)}`);
  const dot = toDot(g);
  assert.ok(dot.length < 5000, `DOT of ${dot.length} characters`);
  const drawn = await wasmLayout(dot);
  const label = drawn.nodes.flatMap((n) => n.lines).find((l) => l.startsWith('Big'));
  assert.ok(label && label.length < DISPLAY_LENGTH + 40 && label.includes('… (+'), label);
  const json = JSON.parse(toJson(g)) as { nodes: { class: string }[]; edges: { name: string | number }[] };
  assert.ok(json.nodes.some((n) => n.class === huge), 'JSON keeps the full class name');
  assert.ok(json.edges.some((e) => e.name === `edge${'y'.repeat(50_000)}`), 'and the full edge name');
  if (!requireTool(t, systemDotAvailable(), 'Graphviz (dot)')) return;
  assert.ok(systemLayout(dot).nodes.length > 0, 'the system dot accepts it');
});

test('JSON writes what visible() would replace as \\u escapes: the same names for a parser, nothing raw for a terminal', async () => {
  const nasty = `${NASTY}\ufeff\u2028\u2029`;
  const g = await graphOf(nasty, nasty);
  const json = toJson(g);
  assert.doesNotMatch(json, FORBIDDEN);
  assert.doesNotMatch(json, /\ufeff/);
  const parsed = JSON.parse(json) as { nodes: { class: string }[]; edges: { name: string | number }[] };
  assert.ok(parsed.nodes.some((n) => n.class === nasty), json);
  assert.ok(parsed.edges.some((e) => e.name === nasty));
  assert.equal(jsonText('\u009b\u202e\ufeff'), '"\\u009b\\u202e\\ufeff"');
  assert.equal(jsonText({ a: [1, 'x'] }, 2), JSON.stringify({ a: [1, 'x'] }, null, 2));
});

test('a 100 KB class name is cut in the tables too, so it pads no row to its width', () => {
  const rows = [{ name: `Huge${'x'.repeat(100_000)}`, count: 1, selfSize: 8 }, ...Array.from({ length: 100 }, (_, i) => ({ name: `C${i}`, count: 1, selfSize: 8 }))];
  const table = typesTable(rows);
  assert.ok(table.length < 100 * (DISPLAY_LENGTH + 40), `${table.length} characters`);
  assert.match(table.split('\n')[0]!, /^Hugex+… \(\+[\d,]+ characters\)/);
});
