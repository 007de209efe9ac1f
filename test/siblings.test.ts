/** Boxes side by side that differ only in the names they are held by become one. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeSiblings } from '../src/graph/siblings.js';
import type { GraphEdge, GraphNode, RetainerGraph } from '../src/graph/types.js';
import { whyGraph } from '../src/graph/why.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

test("an object's methods over one scope are one box under one arrow naming them", async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('closure-methods'));
  const g = whyGraph(snap, findByType(snap, 'Record'));
  const methods = g.nodes.filter((n) => n.className === 'Function');
  assert.deepEqual(methods.map((n) => n.count), [5], g.nodes.map((n) => `${n.className} ×${n.count}`).join(', '));
  const into = g.edges.filter((e) => e.to === methods[0]!.key);
  assert.equal(into.length, 1);
  assert.match(into[0]!.label, /^(add|get|size|clear|has)(, (add|get|size|clear|has)){2}, \+2 more$/);
  assert.equal(into[0]!.count, 5);
  assert.ok(g.nodes.length <= 8, `${g.nodes.length} boxes`);
});

function graphOf(nodes: readonly [string, GraphNode['role']][], edges: readonly [string, string, string][]): RetainerGraph {
  return {
    nodes: nodes.map(([key, role], i) => {
      const cls = key.replace(/\d+$/, '');
      return { ordinal: i, id: i * 2 + 1, type: 'object', name: cls, className: cls, selfSize: 8, key, title: cls, preview: key, depth: i, role, count: 1, totalSize: 8, ids: [i * 2 + 1] };
    }),
    more: [],
    edges: edges.map(([from, to, label]): GraphEdge => ({ from, to, type: 'property', name: label, label, weak: false, collapsed: false, inCycle: false })),
    maxDepth: 10,
    raw: false,
    walk: 'why',
  };
}

test('siblings merge only with the same holders, the same held boxes and the same class; targets never', () => {
  const g = graphOf(
    [['H', 'root'], ['F1', 'retainer'], ['F2', 'retainer'], ['F3', 'retainer'], ['C', 'retainer'], ['D', 'retainer'], ['T1', 'target'], ['T2', 'target']],
    [['H', 'F1', 'a'], ['H', 'F2', 'b'], ['H', 'F3', 'c'], ['F1', 'C', 'context'], ['F2', 'C', 'context'], ['F3', 'D', 'context'], ['C', 'T1', 'x'], ['C', 'T2', 'y'], ['D', 'T1', 'z']],
  );
  const m = mergeSiblings(g);
  assert.deepEqual(m.nodes.map((n) => `${n.key} ×${n.count}`), ['H ×1', 'F1 ×2', 'F3 ×1', 'C ×1', 'D ×1', 'T1 ×1', 'T2 ×1']);
  assert.deepEqual(m.edges.filter((e) => e.to === 'F1').map((e) => [e.from, e.label, e.count]), [['H', 'a, b', 2]]);
  assert.deepEqual(m.edges.filter((e) => e.from === 'F1').map((e) => [e.to, e.label, e.count]), [['C', 'context ×2', 2]]);
  assert.equal(mergeSiblings(graphOf([['H', 'root'], ['F1', 'retainer'], ['G1', 'retainer']], [['H', 'F1', 'a'], ['H', 'G1', 'b']])).nodes.length, 3, 'another class');
});
