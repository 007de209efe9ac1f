/**
 * SVG, PNG and PDF are refused where Graphviz would take minutes: counted in the boxes dot
 * places, one more on every rank a long arrow crosses, not only in the boxes drawn.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layoutProblem } from '../src/cli/encode.js';
import { findByType } from '../src/graph/select.js';
import { whyGraph } from '../src/graph/why.js';
import { layoutBoxes } from '../src/output/layout-cost.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { QUESTIONS, scenarioSnapshot } from './helpers/scenarios.js';

/** `links` objects in a list (each holds the next) that one array also holds, from a global. */
async function ladder(links: number) {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const global = b.node('object', 'global');
  const array = b.node('object', 'Array');
  b.edge(root, global, 'shortcut', 'global');
  b.edge(global, array, 'property', 'keep');
  const items = Array.from({ length: links }, () => b.node('object', 'Link'));
  items.forEach((item, i) => {
    b.edge(array, item, 'element', i);
    if (i > 0) b.edge(items[i - 1]!, item, 'property', 'next');
  });
  const snap = await loadSnapshot(Buffer.from(b.toJSON()));
  return whyGraph(snap, findByType(snap, 'Link'), { group: false, maxNodes: 2000 });
}

describe('the layout estimate', () => {
  test('a ladder grows with the square of its length though its boxes grow linearly, and a long one is refused', async () => {
    const [short, long] = [await ladder(10), await ladder(100)];
    assert.ok(long.nodes.length < 120, `${long.nodes.length} boxes drawn`);
    // The array's arrow to link k crosses about k ranks.
    assert.ok(layoutBoxes(long) > 2000, String(layoutBoxes(long)));
    assert.ok(layoutBoxes(short) < 200, String(layoutBoxes(short)));
    assert.equal(layoutProblem(short), undefined);
    assert.match(layoutProblem(long) ?? '', /^\d+ nodes, whose long arrows make about \d+ boxes for Graphviz to place, are too many$/);
  });

  test("every scenario question's default picture is drawn, none refused", async () => {
    for (const q of QUESTIONS) {
      const snap = await loadSnapshot(await scenarioSnapshot(q.scenario));
      const g = whyGraph(snap, findByType(snap, q.type));
      assert.equal(layoutProblem(g), undefined, `${q.scenario} ${q.type}: ${layoutBoxes(g)} boxes`);
      assert.ok(layoutBoxes(g) >= g.nodes.length + g.more.length);
    }
  });
});
