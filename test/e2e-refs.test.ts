/**
 * The forward view (`backrefs refs`, objgraph's show_refs) on real programs: what a Store holds,
 * the biggest first, its 10,000 Items as one box, retained sizes equal to DevTools', the noise
 * rules of the back view, "+K more references" counted, and the DOT read back from Graphviz.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { className } from '../src/analysis/class-names.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { runCli } from './helpers/cli.js';
import { devtools } from './helpers/devtools-arrays.js';
import { systemDotAvailable, systemLayout, wasmLayout } from './helpers/graphviz.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

interface JsonNode {
  id: number;
  class: string;
  type: string;
  name: string;
  role: string;
  depth: number;
  count?: number;
  ids?: number[];
  retainedSize?: number;
}
interface JsonEdge {
  from: number;
  to: number;
  label: string;
  weak: boolean;
  inCycle: boolean;
  count?: number;
}
interface JsonGraph {
  walk: string;
  nodes: JsonNode[];
  edges: JsonEdge[];
  more: { of: number; count: number }[];
  omitted?: { nodes: number };
}

async function refsJson(args: readonly string[]): Promise<{ g: JsonGraph; stderr: string }> {
  const r = await runCli(['refs', ...args, '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return { g: JSON.parse(r.stdout) as JsonGraph, stderr: r.stderr };
}

const children = (g: JsonGraph, of: number) => g.edges.filter((e) => e.from === of).map((e) => ({ edge: e, node: g.nodes.find((n) => n.id === e.to)! }));

test('refs --type Store: six references, the biggest first; 10,000 Items one box; retained sizes are DevTools\'', async () => {
  const file = await scenarioSnapshot('store');
  const { g, stderr } = await refsJson([file, '--type', 'Store']);
  assert.equal(g.walk, 'refs');
  assert.match(stderr, /Found 1 Store object/);
  const store = g.nodes.find((n) => n.role === 'target')!;
  assert.equal(store.class, 'Store');
  const held = children(g, store.id);
  // The program's six fields, and nothing of V8's (no map, no __proto__).
  assert.deepEqual(held.map((h) => h.edge.label).sort(), ['buf', 'byName', 'items', 'onChange', 'title', 'weak']);
  const sizes = held.map((h) => h.node.retainedSize!);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'biggest first');
  assert.equal(held[0]!.edge.label, 'buf', 'the 2 MB Buffer is the biggest');
  assert.ok(sizes[0]! >= 2_000_000, `${sizes[0]}`);

  const items = held.find((h) => h.edge.label === 'items')!.node;
  const [item] = children(g, items.id);
  assert.equal(item!.node.class, 'Item');
  assert.equal(item!.node.count, 10000);
  assert.equal(item!.edge.label, '[0…9999]');
  assert.equal(item!.edge.count, 10000);

  // Every box's retained size is DevTools' (heap-snapshot-toolkit): one object's, or a group's sum.
  const snap = await loadSnapshot(file);
  const dt = await devtools(file);
  for (const n of g.nodes) {
    if ((n.count ?? 1) === 1) assert.equal(n.retainedSize, dt.retainedSizes[snap.ordinalOfId(n.id)], `${n.class} @${n.id}`);
  }
  let allItems = 0;
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'object' && className(snap, o) === 'Item') allItems += dt.retainedSizes[o]!;
  assert.equal(item!.node.retainedSize, allItems);

  // Map entries are drawn from the Map (its hash table passed over), to the boxes already drawn.
  const byName = held.find((h) => h.edge.label === 'byName')!.node;
  const entries = children(g, byName.id);
  assert.ok(entries.some((e) => e.edge.label === 'in Map ×100' && e.node.id === item!.node.id), JSON.stringify(entries.map((e) => e.edge)));
  // The closure's scope holds the store: a cycle through the target, marked.
  const onChange = held.find((h) => h.edge.label === 'onChange')!;
  assert.equal(onChange.edge.inCycle, true);
  assert.ok(g.edges.some((e) => e.label === 'this' && e.to === store.id && e.inCycle));
  // Noise rules: no code, maps, oddballs or prototype links; strings are leaves; weak edges left out.
  for (const n of g.nodes) {
    assert.ok(!['code', 'object shape'].includes(n.type) && n.name !== 'system / Oddball' && n.name !== 'system / Map', `${n.type} ${n.name}`);
    if (n.type === 'string') assert.equal(children(g, n.id).length, 0);
  }
  assert.ok(!g.edges.some((e) => e.label === '__proto__' || e.label === 'map' || e.weak));
  const weakRef = held.find((h) => h.edge.label === 'weak')!.node;
  assert.equal(children(g, weakRef.id).length, 0);
});

test('refs --include-weak draws the WeakRef\'s target as a weak arrow; --too-many and --max-nodes count what they leave out', async () => {
  const file = await scenarioSnapshot('store');
  const weak = (await refsJson([file, '--type', 'Store', '--include-weak'])).g;
  const weakRef = weak.nodes.find((n) => n.class === 'WeakRef')!;
  const target = weak.edges.find((e) => e.from === weakRef.id && e.label === 'target')!;
  assert.equal(target.weak, true);
  assert.equal(weak.nodes.find((n) => n.id === target.to)!.class, 'Item');

  const few = (await refsJson([file, '--type', 'Store', '--too-many', '2'])).g;
  const store = few.nodes.find((n) => n.role === 'target')!;
  assert.deepEqual(children(few, store.id).map((h) => h.edge.label), ['buf', 'items']);
  assert.deepEqual(few.more.find((m) => m.of === store.id)?.count, 4, 'byName, onChange, title and weak are counted');

  const small = await refsJson([file, '--type', 'Store', '--max-nodes', '5']);
  assert.equal(small.g.nodes.length, 5);
  assert.ok(small.g.omitted && small.g.omitted.nodes > 0);
  assert.match(small.stderr, /more boxes left out, the smallest: raise --max-nodes/);
  // What the budget kept is the biggest: the Buffer's chain, not the title.
  assert.ok(small.g.nodes.some((n) => n.class === 'Buffer') && !small.g.nodes.some((n) => n.type === 'string'));
});

test('refs draws DOT Graphviz reads: the group box, "+K more references" inside the box, left to right', async () => {
  const file = await scenarioSnapshot('store');
  const r = await runCli(['refs', file, '--type', 'Store', '--too-many', '3', '-f', 'dot']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /rankdir\s*=\s*"?LR/);
  const layouts = [await wasmLayout(r.stdout), ...(systemDotAvailable() ? [systemLayout(r.stdout)] : [])];
  for (const drawn of layouts) {
    const lines = drawn.nodes.flatMap((n) => n.lines);
    assert.ok(lines.includes('Item ×10000'), lines.join(' | '));
    assert.ok(lines.includes('+3 more references, not drawn'), lines.join(' | '));
    assert.ok(drawn.edges.some((e) => e.label === '[0…9999]'));
  }
  const text = await runCli(['refs', file, '--type', 'Store', '-f', 'text']);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.split('\n');
  assert.match(lines[0]!, /^Store @\d+/);
  assert.match(lines[1]!, /^└─ buf → Buffer @\d+/);
  assert.ok(lines.some((l) => /^\s+└─ \[0…9999\] → Item ×10000 @\d+/.test(l)), text.stdout);
});

test('refs on a class with many instances: one target box of all of them, what they hold grouped below', async () => {
  const file = await scenarioSnapshot('store');
  const { g } = await refsJson([file, '--type', 'Item', '--depth', '1']);
  const target = g.nodes.find((n) => n.role === 'target')!;
  assert.equal(target.count, 10000);
  const held = children(g, target.id);
  assert.ok(held.some((h) => h.edge.label === 'tags ×10000' && h.node.count === 10000 && h.node.class === 'Array'), JSON.stringify(held.map((h) => h.edge)));
  assert.ok(g.nodes.every((n) => n.depth <= 1));
});

test('refs with nothing to explain, or a class the snapshot lacks: one line, exit 1', async () => {
  const file = await scenarioSnapshot('store');
  for (const args of [['refs', file], ['refs', file, '--type', 'Nope']]) {
    const r = await runCli(args);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});
