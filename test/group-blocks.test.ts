/**
 * The default view's grouping (src/graph/group.ts) against the refinement it replaced, rounds
 * that recompute every node until no block splits (kept here as the oracle): over every scenario,
 * fixture and fuzz shape, both give the same partition. And shapes that took the old one O(n²)
 * rounds (a chain splits one link a round: 10,000 links ran past 60 s) finish.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { groupBlocks, groupGraph } from '../src/graph/group.js';
import { classCounts, findByType } from '../src/graph/select.js';
import type { GraphNode, RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { whyGraph } from '../src/graph/why.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHAPES } from './fuzz/shapes.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { QUESTIONS, scenarioSnapshot } from './helpers/scenarios.js';

/** The grouping as it was: every node's signature recomputed each round, until the count of blocks stays. */
function naiveBlocks(graph: RetainerGraph): Map<string, number> {
  const into = new Map<string, RetainerGraph['edges']>();
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  const kind = (label: string) => (/^\[\d+\]$/.test(label) ? '[]' : label.startsWith('WeakMap value for key @') ? 'WeakMap value' : label);
  let block = numbered(graph.nodes, (n) => (n.role === 'root' || n.role === 'global' ? `single ${n.key}` : `${n.role} ${n.type} ${n.className} ${n.stopped ? `${n.stopped.hops} ${n.stopped.via}` : ''}`));
  for (let blocks = new Set(block.values()).size; ; ) {
    const current = block;
    block = numbered(graph.nodes, (n) => `${current.get(n.key)}|${[...new Set((into.get(n.key) ?? []).map((e) => `${current.get(e.from)}:${kind(e.label)}:${e.weak}`))].sort().join(',')}`);
    const count = new Set(block.values()).size;
    if (count === blocks) return block;
    blocks = count;
  }
}

function numbered(nodes: readonly GraphNode[], keyOf: (n: GraphNode) => string): Map<string, number> {
  const ids = new Map<string, number>();
  return new Map(nodes.map((n) => [n.key, ids.get(keyOf(n)) ?? (ids.set(keyOf(n), ids.size), ids.size - 1)]));
}

/** A partition as sorted lists of keys, whatever the block numbers. */
function partition(blocks: Map<string, number>): string[][] {
  const byBlock = new Map<number, string[]>();
  for (const [key, b] of blocks) byBlock.set(b, [...(byBlock.get(b) ?? []), key]);
  return [...byBlock.values()].map((keys) => keys.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

let compared = 0;
let merged = 0;
function assertSamePartition(what: string, graph: RetainerGraph): void {
  const now = partition(groupBlocks(graph));
  assert.deepEqual(now, partition(naiveBlocks(graph)), what);
  compared++;
  merged += graph.nodes.length - now.length;
}

/** What the default view groups (its walk before grouping, no budget), and the breadth-first walk. */
function assertBothWalks(what: string, snap: HeapSnapshot, targets: number[]): void {
  assertSamePartition(`${what} (why)`, whyGraph(snap, targets, { group: false, maxNodes: 1e9 }));
  assertSamePartition(`${what} (bfs)`, retainerGraph(snap, targets, { maxDepth: 10, tooMany: 100 }));
}

describe('the grouping gives the partition the round-by-round refinement gave', () => {
  test('every scenario question, every fixture, every fuzz shape', async () => {
    for (const { scenario, type } of [...QUESTIONS, { scenario: 'seed' as const, type: 'Test' }, { scenario: 'cycle' as const, type: 'Test' }, { scenario: 'map' as const, type: 'Test' }]) {
      const snap = await loadSnapshot(await scenarioSnapshot(scenario));
      assertBothWalks(`${scenario} ${type}`, snap, findByType(snap, type, { limit: 2000 }));
    }
    for (const f of readdirSync(SHARED_FIXTURES).filter((x) => /\.heapsnapshot(\.gz)?$/.test(x))) {
      const snap = await loadSnapshot(join(SHARED_FIXTURES, f));
      const [type] = [...classCounts(snap)].sort((a, b) => b[1] - a[1])[0]!;
      assertBothWalks(f, snap, findByType(snap, type, { limit: 2000 }));
    }
    for (const shape of SHAPES) {
      const snap = shape.build(300).build();
      const targets = findByType(snap, 'Target', { limit: shape.walk.maxTargets });
      assertSamePartition(`${shape.name} (why)`, whyGraph(snap, targets, { ...shape.walk, group: false, maxNodes: 1e9 }));
      assertSamePartition(`${shape.name} (bfs)`, retainerGraph(snap, targets, shape.walk));
    }
    // Not a comparison of two trivial partitions: many nodes were grouped.
    assert.ok(merged > 1000, `${merged} nodes merged into others over ${compared} graphs`);
  });
});

describe('grouping stays near-linear where the refinement took a round a node', () => {
  for (const name of ['long-chain', 'container-hop-chain', 'dense-cycles']) {
    test(`${name} at 20,000: the default view's walk and grouping finish`, { timeout: 120_000 }, () => {
      const shape = SHAPES.find((s) => s.name === name)!;
      const snap = shape.build(20_000).build();
      const graph = whyGraph(snap, findByType(snap, 'Target', { limit: shape.walk.maxTargets }), { maxDepth: shape.walk.maxDepth, tooMany: shape.walk.tooMany });
      // The budget keeps the first target's path to a root whole: a chain's every link.
      assert.ok(graph.nodes.some((n) => n.role === 'target'));
      assert.ok(graph.nodes.some((n) => n.role === 'root' || n.role === 'global' || n.stopped), 'the path reaches a root or says where it stopped');
    });
  }
});

test('a box merged from half a million parts: every member kept, no call with one argument a part', () => {
  const parts = 500_000;
  const node = (i: number, role: GraphNode['role']): GraphNode => ({
    ordinal: i, id: 2 * i + 1, type: 'object', name: role === 'root' ? 'Holder' : 'Item', className: role === 'root' ? 'Holder' : 'Item', selfSize: 16,
    key: `n${i}`, title: role === 'root' ? 'Holder' : 'Item', preview: '', depth: role === 'root' ? 1 : 0, role, count: 1, totalSize: 16, ids: [2 * i + 1],
  });
  const nodes = [node(0, 'root'), ...Array.from({ length: parts }, (_, i) => node(i + 1, 'target'))];
  const edges = nodes.slice(1).map((n) => ({ from: 'n0', to: n.key, type: 'element', name: n.ordinal - 1, label: `[${n.ordinal - 1}]`, weak: false, collapsed: false, inCycle: false }));
  const grouped = groupGraph({ nodes, more: [], edges, maxDepth: 10, raw: false, walk: 'why' } as RetainerGraph);
  const box = grouped.nodes.find((n) => n.className === 'Item')!;
  assert.equal(grouped.nodes.length, 2);
  assert.equal(box.count, parts);
  assert.equal(box.members?.length, parts);
  assert.equal(new Set(box.members).size, parts);
});
