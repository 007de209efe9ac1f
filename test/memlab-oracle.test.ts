/**
 * @memlab/core as an oracle: the same V8 file, read by memlab's parser and by backrefs' reader,
 * must give the same nodes, edges and retainers; and the memlab adapter must give the same graph.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import memlab from '@memlab/core';
import { findByType, fromMemlab, loadSnapshot, retainerGraph, toJson, type HeapSnapshot } from '../src/index.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';

type MemlabSnapshot = Awaited<ReturnType<typeof memlab.utils.getSnapshotFromFile>>;

before(() => {
  // memlab chats on stdout and by default calls process.exit on a file it cannot read.
  memlab.config.muteConsole = true;
  memlab.config.errorHandling = memlab.ErrorHandling.Throw;
});

/** "source id / edge type / edge name", one per retaining edge, sorted: a multiset to compare. */
function backrefsRetainers(snap: HeapSnapshot, ordinal: number): string[] {
  const out: string[] = [];
  for (const e of snap.retainingEdges(ordinal)) {
    out.push(`@${snap.nodeId(snap.edgeSource(e))} ${snap.edgeType(e)} ${String(snap.edgeName(e))}`);
  }
  return out.sort();
}

function memlabRetainers(heap: MemlabSnapshot, id: number): string[] {
  const node = heap.getNodeById(id);
  assert.ok(node, `memlab has no node @${id}`);
  return node.referrers.map((e) => `@${e.fromNode.id} ${e.type} ${String(e.name_or_index)}`).sort();
}

function bothGraphs(heap: MemlabSnapshot, snap: HeapSnapshot): { direct: string; viaMemlab: string } {
  const adapted = fromMemlab(heap);
  assert.equal(adapted.nodeCount, snap.nodeCount);
  assert.equal(adapted.edgeCount, snap.edgeCount);
  return {
    direct: toJson(retainerGraph(snap, findByType(snap, 'Test'))),
    viaMemlab: toJson(retainerGraph(adapted, findByType(adapted, 'Test'))),
  };
}

for (const scenario of ['seed', 'cycle'] satisfies Scenario[]) {
  describe(`${scenario}: backrefs agrees with @memlab/core`, () => {
    let file = '';
    let heap: MemlabSnapshot;
    let snap: HeapSnapshot;
    before(async () => {
      file = await scenarioSnapshot(scenario);
      heap = await memlab.utils.getSnapshotFromFile(file, {});
      snap = await loadSnapshot(file);
    });

    test('node and edge counts', () => {
      assert.equal(snap.nodeCount, heap.nodes.length);
      assert.equal(snap.edgeCount, heap.edges.length);
    });

    test('the retainers of every Test object, edge for edge', () => {
      const targets = findByType(snap, 'Test');
      const memlabTests: number[] = [];
      heap.nodes.forEach((n) => {
        if (n.type === 'object' && n.name === 'Test') memlabTests.push(n.id);
      });
      assert.deepEqual(targets.map((o) => snap.nodeId(o)).sort(), memlabTests.sort());
      assert.ok(targets.length > 0);
      for (const t of targets) {
        const id = snap.nodeId(t);
        const expected = memlabRetainers(heap, id);
        assert.ok(expected.length > 0, `memlab finds no retainer of @${id}`);
        assert.deepEqual(backrefsRetainers(snap, t), expected, `retainers of @${id}`);
        // The raw walk, one level up, draws each (retainer, edge) once: the same facts as a set.
        const g = retainerGraph(snap, [t], { raw: true, maxDepth: 1, tooMany: Number.MAX_SAFE_INTEGER });
        const idOf = new Map(g.nodes.map((n) => [n.key, n.id]));
        const drawn = new Set(g.edges.map((e) => `@${idOf.get(e.from)} ${e.type} ${String(e.name)}`));
        assert.deepEqual(drawn, new Set(expected), `raw graph of @${id}`);
      }
    });

    test('fromMemlab gives the same default graph as reading the file: toJson byte for byte', () => {
      const { direct, viaMemlab } = bothGraphs(heap, snap);
      assert.ok((JSON.parse(direct) as { nodes: unknown[] }).nodes.length > 1, 'the graph has retainers to compare');
      assert.equal(viaMemlab, direct);
    });
  });
}
