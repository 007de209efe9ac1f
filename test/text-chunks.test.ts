/**
 * Text output streamed a line at a time in chunks (src/output/text.ts), against the whole string
 * it was built as before (test/helpers/whole-text.ts): the same text, byte for byte, over every
 * scenario, fixture and fuzz shape, the three walks, the chain and dominator views, with and
 * without colour. The CLI writes the chunks as they come: dense-cycles at a million nodes made
 * some 350 MB of text as one string and ran past the fuzz's 60 s. And the dominators report keeps
 * its lines short however deep the chain (two spaces a level made a 5,000-deep chain 25 M spaces).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dominatorChain, retainedSize } from '../src/analysis/retained-sizes.js';
import { encodeGraph } from '../src/cli/encode.js';
import { chainGraph } from '../src/graph/chain-graph.js';
import { chains } from '../src/graph/chain.js';
import { dominatorGraph } from '../src/graph/dominator-graph.js';
import { refsGraph } from '../src/graph/refs.js';
import { findByType } from '../src/graph/select.js';
import type { RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { whyGraph } from '../src/graph/why.js';
import { CHUNK } from '../src/output/chunks.js';
import { dominatorsText } from '../src/output/dominators-text.js';
import { textChunks, toText } from '../src/output/text.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHAPES } from './fuzz/shapes.js';
import { realHeaps } from './helpers/real-heaps.js';
import { scenarioSnapshot } from './helpers/scenarios.js';
import { wholeText } from './helpers/whole-text.js';

let compared = 0;
let longest = 0;
function assertSameText(what: string, graph: RetainerGraph): void {
  for (const color of [false, true]) {
    const before = wholeText(graph, { color });
    assert.equal(toText(graph, { color }), before, `${what}${color ? ' (colour)' : ''}`);
    longest = Math.max(longest, before.length);
    compared++;
  }
}

function assertViews(what: string, snap: HeapSnapshot, targets: number[]): void {
  assertSameText(`${what} (bfs)`, retainerGraph(snap, targets, { maxDepth: 10, tooMany: 10 }));
  assertSameText(`${what} (why)`, whyGraph(snap, targets));
  assertSameText(`${what} (refs)`, refsGraph(snap, targets.slice(0, 20)));
}

describe('text in chunks is the text of one string', () => {
  test('every scenario question, every fixture, every fuzz shape, the chain and dominator views', async () => {
    for await (const { what, snap, targets } of realHeaps(['seed', 'cycle'])) assertViews(what, snap, targets);
    const seed = await loadSnapshot(await scenarioSnapshot('seed'));
    const targets = findByType(seed, 'Test', { limit: 5 });
    assertSameText('seed chain view', chainGraph(seed, chains(seed, targets).groups));
    assertSameText('seed dominator view', dominatorGraph(seed, targets.map((t) => dominatorChain(seed, t))));
    assertSameText('an empty graph', { nodes: [], more: [], edges: [], maxDepth: 0, raw: false, walk: 'bfs' });
    // Some texts spanned several chunks.
    assert.ok(longest > 4 * CHUNK, `the longest text compared had ${longest} characters`);
  });

  test('the CLI gets a big graph\'s text in bounded chunks, not as one string', async () => {
    const shape = SHAPES.find((s) => s.name === 'dense-cycles')!;
    const snap = shape.build(20_000).build();
    const graph = retainerGraph(snap, findByType(snap, 'Target', { limit: 1e6 }), shape.walk);
    const data = await encodeGraph(graph, 'text', { highlight: () => false, color: false });
    assert.ok(typeof data !== 'string' && !(data instanceof Uint8Array), 'the text came as one string');
    const chunks = [...data];
    assert.ok(chunks.length > 20, `${chunks.length} chunks`);
    for (const c of chunks) assert.ok(c.length < CHUNK + 4096, `a chunk of ${c.length} characters`);
    assert.equal(chunks.join(''), wholeText(graph));
    assert.deepEqual([...textChunks(graph)], chunks);
  });
});

test('the dominators report of a chain 5,000 deep: every line short, every level said', () => {
  const shape = SHAPES.find((s) => s.name === 'long-chain')!;
  const snap = shape.build(5000).build();
  const [target] = findByType(snap, 'Target', { limit: 1 });
  const chain = dominatorChain(snap, target!);
  assert.ok(chain.length > 5000, `a chain of ${chain.length}`);
  const text = dominatorsText(snap, [{ chain: chain.slice(0, -1), targets: [target!] }], (o) => retainedSize(snap, o));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, chain.length);
  for (const line of lines) assert.ok(line.length < 200, `a line of ${line.length} characters`);
  assert.match(lines.at(-1)!, new RegExp(`\\[${chain.length - 2}\\] └ Link @`));
});
