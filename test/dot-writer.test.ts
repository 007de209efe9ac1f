/**
 * The streaming DOT writer against the one it replaced: over real graphs (every scenario, every
 * shared fixture, every fuzz shape, hostile names; both walks, the chain and dominator views,
 * with and without the callbacks) Graphviz reads the new DOT and the old ts-graphviz DOT
 * (test/helpers/ts-graphviz-dot.ts) as the same graph, attribute for attribute and in the same
 * order: the canonical form (`-Tcanon`, no layout) of both is the same text, from the WebAssembly
 * Graphviz and from the system's `nop` when installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { dominatorChain } from '../src/analysis/retained-sizes.js';
import { chainGraph } from '../src/graph/chain-graph.js';
import { chains } from '../src/graph/chain.js';
import { dominatorGraph } from '../src/graph/dominator-graph.js';
import { classCounts, findByType } from '../src/graph/select.js';
import type { RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { whyGraph } from '../src/graph/why.js';
import { refsGraph } from '../src/graph/refs.js';
import { withAllocationSites } from '../src/graph/with-allocation-sites.js';
import { withRetainedSizes } from '../src/graph/with-retained.js';
import { CHUNK } from '../src/output/dot-writer.js';
import { dotChunks, toDot, type DotOptions } from '../src/output/dot.js';
import { CYCLE_COLOR, PATH_COLOR } from '../src/output/style.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHAPES } from './fuzz/shapes.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { QUESTIONS, scenarioSnapshot, type Scenario } from './helpers/scenarios.js';
import { hasCommand, requireTool } from './helpers/tools.js';
import { tsGraphvizDot } from './helpers/ts-graphviz-dot.js';

const gv = await Graphviz.load();
const systemNop = hasCommand('nop');

/** Graphviz's canonical DOT for `dot`, read but not laid out. */
function canon(dot: string): string {
  return gv.layout(dot, 'canon', 'nop');
}

function systemCanon(dot: string): string {
  const r = spawnSync('nop', [], { input: dot, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Everything the canonical forms held, to show the comparison covered every kind of statement. */
const seen: string[] = [];

function assertSameGraph(what: string, graph: RetainerGraph, options: DotOptions = {}): void {
  const now = toDot(graph, options);
  const before = tsGraphvizDot(graph, options);
  const c = canon(now);
  assert.equal(c, canon(before), `${what}: Graphviz reads the two DOT texts differently`);
  if (systemNop) assert.equal(systemCanon(now), systemCanon(before), `${what}: the system's Graphviz reads them differently`);
  assert.ok(c.includes(' -> ') || graph.edges.length === 0, `${what}: no arrow read`);
  seen.push(c);
}

/** The views the CLI draws of these targets, with and without the callbacks. */
function assertAllViews(what: string, snap: HeapSnapshot, targets: number[], type: string): void {
  const bfs = retainerGraph(snap, targets, { maxDepth: 10, tooMany: 10 });
  assertSameGraph(`${what} (bfs)`, bfs);
  assertSameGraph(`${what} (bfs, callbacks and legend)`, bfs, {
    highlight: (n) => n.className === type,
    extraInfo: (n) => (n.selfSize > 40 ? `self ${n.selfSize} "big" \\ & <b>` : undefined),
    extraNodeAttrs: (n) => (n.type === 'closure' ? { shape: 'ellipse', tooltip: n.name, fillcolor: undefined } : {}),
    legend: true,
    name: 'my graph',
  });
  assertSameGraph(`${what} (bfs, weak references too)`, retainerGraph(snap, targets, { maxDepth: 10, tooMany: 10, includeWeak: true }));
  assertSameGraph(`${what} (why)`, whyGraph(snap, targets));
  assertSameGraph(`${what} (why, every target)`, whyGraph(snap, targets, { group: false, maxDepth: 4 }));
  assertSameGraph(`${what} (why, retained sizes and allocation sites)`, withAllocationSites(snap, withRetainedSizes(snap, whyGraph(snap, targets))));
  assertSameGraph(`${what} (refs)`, refsGraph(snap, targets));
}

const SCENARIO_TYPES: readonly { scenario: Scenario; type: string }[] = [
  ...(['seed', 'cycle', 'closure', 'map', 'weakmap', 'weakref', 'closure-leak', 'tracked'] as const).map((scenario) => ({ scenario, type: 'Test' })),
  ...QUESTIONS,
  { scenario: 'tracked-sites', type: 'UserSession' },
  { scenario: 'store', type: 'Store' },
];

describe('the DOT writer and ts-graphviz draw the same graph', () => {
  test('every scenario, both walks, with and without the callbacks', async () => {
    for (const { scenario, type } of SCENARIO_TYPES) {
      const snap = await loadSnapshot(await scenarioSnapshot(scenario));
      const targets = findByType(snap, type, { limit: 20 });
      if (targets.length === 0) continue;
      assertAllViews(`${scenario} ${type}`, snap, targets, type);
    }
    const seed = await loadSnapshot(await scenarioSnapshot('seed'));
    const targets = findByType(seed, 'Test', { limit: 5 });
    assertSameGraph('seed chain view', chainGraph(seed, chains(seed, targets).groups));
    assertSameGraph('seed dominator view', dominatorGraph(seed, targets.map((t) => dominatorChain(seed, t))));
  });

  test('every shared fixture, for its most common class', async () => {
    const files = readdirSync(SHARED_FIXTURES).filter((f) => /\.heapsnapshot(\.gz)?$/.test(f));
    assert.ok(files.length >= 3);
    for (const f of files) {
      const snap = await loadSnapshot(join(SHARED_FIXTURES, f));
      const [type] = [...classCounts(snap)].sort((a, b) => b[1] - a[1])[0]!;
      assertAllViews(f, snap, findByType(snap, type, { limit: 20 }), type);
    }
  });

  test('every fuzz shape, at a size Graphviz reads in a moment', () => {
    for (const shape of SHAPES) {
      const snap = shape.build(300).build();
      const targets = findByType(snap, 'Target', { limit: Math.min(shape.walk.maxTargets, 300) });
      assertSameGraph(`${shape.name} (bfs)`, retainerGraph(snap, targets, shape.walk));
      assertSameGraph(`${shape.name} (why)`, whyGraph(snap, targets));
    }
  });

  test('names made of quotes, backslashes, HTML, entities and control characters', () => {
    const names = ['say "hi"', 'trailing \\', 'a\\"b', '<b>html</b>', '  <i>x</i>  ', '&amp; &lt;', '\u001b[31m\u0000\u202e', '"];  x [URL="evil"]; y [label="', 'lone \ud800'];
    const b = new SnapshotBuilder();
    const root = b.node('synthetic', '');
    const gc = b.node('synthetic', '(GC roots)');
    b.edge(root, gc, 'element', 1);
    const target = b.node('object', 'Target');
    names.forEach((name, i) => {
      const r = b.node('object', name);
      b.edge(gc, r, 'element', i + 2);
      b.edge(r, target, 'property', names[(i + 1) % names.length]!);
      b.edge(r, b.node('string', name), 'weak', 'w');
    });
    const snap = b.build();
    assertAllViews('hostile names', snap, [target], 'Target');
  });

  test('the comparison saw the legend, both kinds of more box, every colour and line style', () => {
    const all = seen.join('\n');
    for (const [what, needle] of [
      ['the legend, an HTML-like label', 'legend\t[fillcolor="",\n\t\tlabel=<<table'],
      ['a "more retainers" box', 'more retainer'],
      ['a "more retainers" line', 'more retainers, not drawn'],
      ['a target in red', 'fontcolor=red'],
      ['a path arrow', PATH_COLOR],
      ['a cycle arrow', CYCLE_COLOR],
      ['a weak (dashed) arrow', 'style=dashed'],
      ['a box where --depth stopped', 'style="filled,dashed"'],
      ['a highlighted box', 'fillcolor="0.6,0.5,'],
      ['a root or module in green', 'fillcolor="0.3,'],
      ['an extra attribute', 'shape=ellipse'],
      ['an extra line', 'self '],
      ['the graph name', 'digraph "my graph"'],
    ] as const) {
      assert.ok(all.includes(needle), `no ${what} (${needle}) among ${seen.length} graphs`);
    }
  });
});

describe('dotChunks', () => {
  test('streams a big graph in bounded chunks that together are toDot', () => {
    const shape = SHAPES.find((s) => s.name === 'million-targets')!;
    const snap = shape.build(30_000).build();
    const graph = retainerGraph(snap, findByType(snap, 'Target', { limit: 30_000 }), shape.walk);
    const chunks = [...dotChunks(graph)];
    // Every chunk but the last holds CHUNK characters, and not much more: bounded, and few writes.
    assert.ok(chunks.length > 20, `${chunks.length} chunks`);
    const longestStatement = Math.max(...chunks.join('').split('\n').map((l) => l.length + 1));
    for (const c of chunks.slice(0, -1)) assert.ok(c.length >= CHUNK && c.length < CHUNK + longestStatement, `a chunk of ${c.length} characters`);
    assert.equal(chunks.join(''), toDot(graph));
  });

  test('a graph far past what ts-graphviz could model is read whole by the system Graphviz', (t) => {
    // The WebAssembly build's canon and JSON writers overflow its call stack at this size; `gc` counts what `dot` reads.
    if (!requireTool(t, hasCommand('gc', ['-?']), "Graphviz's gc")) return;
    const shape = SHAPES.find((s) => s.name === 'million-targets')!;
    const snap = shape.build(30_000).build();
    const graph = retainerGraph(snap, findByType(snap, 'Target', { limit: 30_000 }), shape.walk);
    const r = spawnSync('gc', ['-n', '-e'], { input: toDot(graph), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.stderr, '');
    assert.deepEqual(r.stdout.trim().split(/\s+/).slice(0, 2).map(Number), [graph.nodes.length, graph.edges.length]);
  });
});

describe('the DOT writer', () => {
  test("quotes what Graphviz would not read bare: callers' attribute names, numbers DOT has no numeral for, odd graph names", () => {
    const b = new SnapshotBuilder();
    b.node('synthetic', '');
    const t = b.node('object', 'Target');
    const graph = retainerGraph(b.build(), [t]);
    const dot = toDot(graph, { name: 'a "b" \\c', extraNodeAttrs: () => ({ 'x"]; evil [label="y': 'v', 'with space': 1, big: 1e21, nan: Number.NaN, neg: -0.5 }) });
    const read = JSON.parse(gv.layout(dot, 'json', 'nop')) as { name: string; objects: Record<string, string>[] };
    assert.equal(read.objects.length, 1, 'no node injected');
    const node = read.objects[0]!;
    assert.equal(node['x"]; evil [label="y'], 'v');
    assert.equal(node['with space'], '1');
    assert.equal(node['big'], '1e+21');
    assert.equal(node['nan'], 'NaN');
    assert.equal(node['neg'], '-0.5');
    assert.equal(read.name, 'a "b" \\\\c');
  });
});
