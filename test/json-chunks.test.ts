/**
 * JSON streamed a node or edge at a time (src/output/json.ts), against one JSON.stringify of the
 * whole graph as it was written before (test/helpers/whole-json.ts): the same text, byte for
 * byte, over every scenario, fixture and fuzz shape, both walks, and the chain and dominator
 * views. The JSON of a million nodes and two million edges is past V8's longest string; streamed,
 * no chunk is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dominatorChain } from '../src/analysis/retained-sizes.js';
import { chainGraph } from '../src/graph/chain-graph.js';
import { chains } from '../src/graph/chain.js';
import { dominatorGraph } from '../src/graph/dominator-graph.js';
import { findByType } from '../src/graph/select.js';
import type { RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { whyGraph } from '../src/graph/why.js';
import { jsonChunks, toJson } from '../src/output/json.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHAPES } from './fuzz/shapes.js';
import { realHeaps } from './helpers/real-heaps.js';
import { scenarioSnapshot } from './helpers/scenarios.js';
import { wholeJson } from './helpers/whole-json.js';

let compared = 0;
const seen = new Set<string>();
function assertSameJson(what: string, graph: RetainerGraph): void {
  const before = wholeJson(graph);
  assert.equal(toJson(graph), before, what);
  compared++;
  // Which optional fields the comparison met.
  for (const key of ['count', 'distance', 'stopped', 'inside', 'onPath', 'omitted', 'unwalked', '"more": [\n']) if (before.includes(key.startsWith('"') ? key : `"${key}"`)) seen.add(key);
}

function assertViews(what: string, snap: HeapSnapshot, targets: number[]): void {
  assertSameJson(`${what} (bfs)`, retainerGraph(snap, targets, { maxDepth: 10, tooMany: 10 }));
  assertSameJson(`${what} (why)`, whyGraph(snap, targets));
  assertSameJson(`${what} (why, no budget)`, whyGraph(snap, targets, { maxNodes: 1e9, group: false }));
}

describe('JSON in chunks is the JSON of one JSON.stringify', () => {
  test('every scenario question, every fixture, every fuzz shape, the chain and dominator views', async () => {
    for await (const { what, snap, targets } of realHeaps(['seed', 'cycle', 'weakref'])) assertViews(what, snap, targets);
    const seed = await loadSnapshot(await scenarioSnapshot('seed'));
    const targets = findByType(seed, 'Test', { limit: 5 });
    assertSameJson('seed chain view', chainGraph(seed, chains(seed, targets).groups));
    assertSameJson('seed dominator view', dominatorGraph(seed, targets.map((t) => dominatorChain(seed, t))));
    assertSameJson('an empty graph', { nodes: [], more: [], edges: [], maxDepth: 0, raw: false, walk: 'bfs' });
    for (const key of ['count', 'distance', 'stopped', 'onPath', 'omitted', '"more": [\n']) assert.ok(seen.has(key), `no graph with ${key} among ${compared}`);
  });

  test('a big graph comes in bounded chunks', () => {
    const shape = SHAPES.find((s) => s.name === 'dense-cycles')!;
    const snap = shape.build(20_000).build();
    const graph = retainerGraph(snap, findByType(snap, 'Target', { limit: 1e6 }), shape.walk);
    const chunks = [...jsonChunks(graph)];
    assert.ok(chunks.length > 20, `${chunks.length} chunks`);
    for (const c of chunks) assert.ok(c.length < (1 << 16) + 4096, `a chunk of ${c.length} characters`);
    assert.equal(chunks.join(''), wholeJson(graph));
  });
});
