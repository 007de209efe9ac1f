import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

/** A small graph with every edge kind, numeric names and strings that need JSON escapes. */
function sample(): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)', { id: 3 });
  const global = b.node('object', 'global', { selfSize: 48 });
  const arr = b.node('object', 'Array', { selfSize: 32 });
  const store = b.node('array', '(object elements)', { selfSize: 24 });
  const test = b.node('object', 'Test', { id: 1001, selfSize: 12 });
  const str = b.node('string', 'quote " backslash \\ newline \n tab \t nul \u0000 é 日本 😀 lone \ud800 end', { selfSize: 80 });
  const fn = b.node('closure', 'f', { selfSize: 56 });
  const ctx = b.node('object', 'system / Context');
  const code = b.node('code', '');
  const big = b.node('number', 'heap number', { id: 2 ** 31 + 1, selfSize: 2 ** 31 });
  b.edge(root, gcRoots, 'element', 1)
    .edge(root, global, 'shortcut', 'global')
    .edge(gcRoots, test, 'internal', '7')
    .edge(global, arr, 'property', 'seq')
    .edge(arr, test, 'element', 0)
    .edge(arr, store, 'internal', 'elements')
    .edge(store, test, 'internal', '0')
    .edge(test, str, 'property', 'a "quoted" \\ name\n')
    .edge(test, big, 'hidden', 4)
    .edge(fn, ctx, 'internal', 'context')
    .edge(ctx, arr, 'context', 'seq')
    .edge(fn, code, 'internal', 'code')
    .edge(test, test, 'weak', 'self')
    .edge(code, fn, 'shortcut', 'back');
  return b;
}

function strings(s: HeapSnapshot): string[] {
  return Array.from({ length: s.strings.count }, (_, i) => s.strings.get(i));
}

function describe(s: HeapSnapshot): { nodes: string[]; edges: string[] } {
  const nodes: string[] = [];
  const edges: string[] = [];
  for (let o = 0; o < s.nodeCount; o++) {
    nodes.push(JSON.stringify([s.nodeType(o), s.nodeName(o), s.nodeId(o), s.selfSize(o)]));
    for (let e = s.firstEdge(o); e < s.firstEdge(o) + s.edgeCountOf(o) * s.edgeFieldCount; e += s.edgeFieldCount) {
      edges.push(JSON.stringify([o, s.edgeType(e), s.edgeName(e), s.edgeTarget(e)]));
    }
  }
  return { nodes, edges };
}

test('builder.toJSON() read back through loadSnapshot equals builder.build()', async () => {
  const b = sample();
  const built = b.build();
  const loaded = await loadSnapshot(new TextEncoder().encode(b.toJSON()), { name: 'sample' });
  assert.equal(loaded.nodeCount, 11);
  assert.equal(loaded.edgeCount, 14);
  assert.equal(loaded.nodeCount, built.nodeCount);
  assert.equal(loaded.edgeCount, built.edgeCount);
  assert.deepEqual(loaded.meta.nodeFields, built.meta.nodeFields);
  assert.deepEqual(loaded.meta.nodeTypes, built.meta.nodeTypes);
  assert.deepEqual(loaded.meta.edgeTypes, built.meta.edgeTypes);
  assert.deepEqual(Array.from(loaded.nodes), Array.from(built.nodes));
  assert.deepEqual(Array.from(loaded.edges), Array.from(built.edges));
  for (let o = 0; o < built.nodeCount; o++) assert.equal(loaded.firstEdge(o), built.firstEdge(o));
  assert.deepEqual(strings(loaded), strings(built));
  assert.deepEqual(describe(loaded), describe(built));
});

test('names, ids and sizes survive exactly, including escapes, astral characters and lone surrogates', async () => {
  const b = sample();
  const loaded = await loadSnapshot(new TextEncoder().encode(b.toJSON()));
  const text = 'quote " backslash \\ newline \n tab \t nul \u0000 é 日本 😀 lone \ud800 end';
  assert.equal(loaded.nodeName(6), text);
  assert.equal(loaded.nodeName(4), '(object elements)');
  assert.equal(loaded.nodeId(5), 1001);
  assert.equal(loaded.nodeId(10), 2 ** 31 + 1);
  assert.equal(loaded.selfSize(10), 2 ** 31);
  assert.equal(loaded.ordinalOfId(1001), 5);
  // Test's edges: a property with an escaped name, a numeric hidden edge, a weak self edge.
  const first = loaded.firstEdge(5);
  assert.equal(loaded.edgeName(first), 'a "quoted" \\ name\n');
  assert.equal(loaded.edgeTarget(first), 6);
  assert.equal(loaded.edgeName(first + 3), 4);
  assert.equal(loaded.edgeType(first + 3), 'hidden');
  assert.equal(loaded.edgeType(first + 6), 'weak');
  assert.equal(loaded.edgeTarget(first + 6), 5);
  assert.equal(loaded.edgeSource(first + 6), 5);
});

test('the retainer index is the same for both', async () => {
  const b = sample();
  const built = b.build();
  const loaded = await loadSnapshot(new TextEncoder().encode(b.toJSON()));
  for (let o = 0; o < built.nodeCount; o++) assert.deepEqual(loaded.retainingEdges(o), built.retainingEdges(o));
  // Test (ordinal 5) is held by (GC roots), Array, (object elements) and itself, in edge order.
  const held = built.retainingEdges(5);
  assert.deepEqual(held.map((e) => built.edgeSource(e)), [1, 3, 4, 5]);
  assert.deepEqual(held, [...held].sort((x, y) => x - y));
});

test('each edge is owned by its source, across blocks of nodes and runs of nodes without edges', async () => {
  const b = new SnapshotBuilder();
  const nodes = Array.from({ length: 150 }, (_, i) => b.node('object', `N${i}`));
  // Sources at block edges (31, 32, 63, 64), runs of edgeless nodes longer than a block, the last node.
  const sources = [0, 1, 31, 32, 33, 63, 64, 65, 140, 149];
  for (const from of sources) for (let k = 0; k <= from % 3; k++) b.edge(nodes[from]!, nodes[(from * 7 + k) % 150]!, 'property', `p${k}`);
  for (const snap of [b.build(), await loadSnapshot(new TextEncoder().encode(b.toJSON()))]) {
    let expected = 0;
    for (let o = 0; o < snap.nodeCount; o++) {
      assert.equal(snap.firstEdge(o), expected, `firstEdge(${o})`);
      assert.equal(snap.edgeCountOf(o), sources.includes(o) ? (o % 3) + 1 : 0);
      for (let e = expected; e < expected + snap.edgeCountOf(o) * snap.edgeFieldCount; e += snap.edgeFieldCount) assert.equal(snap.edgeSource(e), o, `edgeSource(${e})`);
      expected += snap.edgeCountOf(o) * snap.edgeFieldCount;
    }
    assert.equal(expected, snap.edges.length);
  }
});

test('edge owners are the same before and after edgeSource switches from searching to its index, on a real heap', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('express-sessions'));
  const ef = snap.edgeFieldCount;
  assert.ok(snap.edgeCount > 200_000, `${snap.edgeCount} edges: enough to cross the switch (100,000 searches) and check many after it`);
  let asked = 0;
  // Backwards, so the index answers for edges other than the ones the searches answered.
  for (let o = snap.nodeCount - 1; o >= 0; o--) {
    for (let e = snap.firstEdge(o); e < snap.firstEdge(o + 1); e += ef, asked++) assert.equal(snap.edgeSource(e), o, `edge ${e / ef}, asked after ${asked}`);
  }
  for (let o = 0; o < snap.nodeCount; o++) {
    for (let e = snap.firstEdge(o); e < snap.firstEdge(o + 1); e += ef) assert.equal(snap.edgeOwnerIndex.ofOrdinal(e / ef), o);
  }
});

test('the builder gives V8-like ids and rejects unknown types', () => {
  const b = new SnapshotBuilder();
  assert.equal(b.node('synthetic', ''), 0);
  assert.equal(b.node('object', 'A'), 1);
  assert.equal(b.node('object', 'B', { id: 100 }), 2);
  assert.equal(b.node('object', 'C'), 3);
  const s = b.build();
  assert.deepEqual([0, 1, 2, 3].map((o) => s.nodeId(o)), [1, 3, 100, 102]);
  const bad = new SnapshotBuilder();
  bad.node('objekt', 'X');
  assert.throws(() => bad.build(), /unknown type "objekt"/);
});
