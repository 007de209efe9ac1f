/**
 * The legend names every colour a picture uses, and only those: read from the DOT Graphviz lays
 * out, next to the fills and arrow colours of the boxes it drew.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { whyGraph } from '../src/graph/why.js';
import { findByType, loadSnapshot, toDot } from '../src/index.js';
import { wasmLayout } from './helpers/graphviz.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

async function legendOf(scenario: 'http-leak' | 'seed', type: string): Promise<{ text: string; fills: Set<string> }> {
  const snap = await loadSnapshot(await scenarioSnapshot(scenario));
  const dot = toDot(whyGraph(snap, findByType(snap, type)));
  const drawn = await wasmLayout(dot);
  const legend = drawn.nodes.find((n) => n.name === 'legend');
  assert.ok(legend, 'the picture has a legend');
  const fills = new Set(drawn.nodes.filter((n) => n.name !== 'legend').map((n) => n.attrs['fillcolor'] ?? ''));
  return { text: legend.lines.join('\n'), fills };
}

describe('the legend', () => {
  test('a picture with boxes at several depths says what the greys mean', async () => {
    const { text, fills } = await legendOf('http-leak', 'IncomingMessage');
    assert.ok(fills.size > 2, `several fills drawn: ${[...fills].join(' ')}`);
    assert.match(text, /what you asked about/);
    assert.match(text, /shortest path from a root/);
    assert.match(text, /the darker, the more hops from what you asked about/);
  });

  test('the seed, drawn two levels deep and no more, has no grey row', async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('seed'));
    const graph = whyGraph(snap, findByType(snap, 'Test'), { maxDepth: 1 });
    const depths = new Set(graph.nodes.filter((n) => n.role === 'retainer').map((n) => n.depth));
    assert.ok(depths.size <= 1);
    const legend = (await wasmLayout(toDot(graph))).nodes.find((n) => n.name === 'legend');
    assert.ok(legend, 'the picture has a legend');
    assert.doesNotMatch(legend.lines.join('\n'), /the darker/);
  });
});
