/**
 * The default view's passes over the drawn graph (the node budget, the merge of grouped boxes, the
 * cycles) against the string-keyed versions they replaced (test/helpers/graph-passes-before.ts):
 * the same graph out, field for field, over real heaps (every scenario, every fixture, every fuzz
 * shape), with budgets that cut and budgets that do not. And the costs that were quadratic, counted
 * by what the pass reads, not timed.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { budgetGraph } from '../src/graph/budget.js';
import { groupGraph } from '../src/graph/group.js';
import { classCounts, findByType } from '../src/graph/select.js';
import type { GraphEdge, GraphNode, MoreNode, RetainerGraph } from '../src/graph/types.js';
import { whyGraph, type WhyOptions } from '../src/graph/why.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHAPES } from './fuzz/shapes.js';
import { budgetGraphBefore } from './helpers/graph-passes-before.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { QUESTIONS, scenarioSnapshot } from './helpers/scenarios.js';

/** A graph with edges of its own, their marks cleared: the passes mark the edges they are given. */
function fresh(graph: RetainerGraph): RetainerGraph {
  return { ...graph, edges: graph.edges.map(({ onPath: _, ...e }) => ({ ...e, inCycle: false })) };
}

/** Every snapshot and question the comparisons run on: scenarios, fixtures, shapes. */
async function* realHeaps(): AsyncGenerator<{ what: string; snap: HeapSnapshot; targets: number[]; walk?: WhyOptions }> {
  for (const { scenario, type } of [...QUESTIONS, { scenario: 'seed' as const, type: 'Test' }, { scenario: 'cycle' as const, type: 'Test' }, { scenario: 'map' as const, type: 'Test' }]) {
    const snap = await loadSnapshot(await scenarioSnapshot(scenario));
    yield { what: `${scenario} ${type}`, snap, targets: findByType(snap, type, { limit: 2000 }) };
  }
  for (const f of readdirSync(SHARED_FIXTURES).filter((x) => /\.heapsnapshot(\.gz)?$/.test(x))) {
    const snap = await loadSnapshot(join(SHARED_FIXTURES, f));
    const [type] = [...classCounts(snap)].sort((a, b) => b[1] - a[1])[0]!;
    yield { what: f, snap, targets: findByType(snap, type, { limit: 2000 }) };
  }
  for (const shape of SHAPES) {
    const snap = shape.build(300).build();
    yield { what: shape.name, snap, targets: findByType(snap, 'Target', { limit: shape.walk.maxTargets }), walk: shape.walk };
  }
}

/** What the default view's walk drew, before grouping and budget; and grouped. */
function drawn(snap: HeapSnapshot, targets: number[], walk: WhyOptions = {}): RetainerGraph[] {
  const ungrouped = fresh(whyGraph(snap, targets, { ...walk, group: false, maxNodes: 1e9 }));
  return [ungrouped, fresh(groupGraph(ungrouped))];
}

describe('the node budget gives the graph it gave', () => {
  test('every scenario, fixture and shape, grouped and not, budgets from 3 boxes to none', async () => {
    let compared = 0;
    let cut = 0;
    let moreArrows = 0;
    for await (const { what, snap, targets, walk } of realHeaps()) {
      for (const [i, graph] of drawn(snap, targets, walk).entries()) {
        for (const maxNodes of [3, 12, 40, 1e9]) {
          const now = budgetGraph(fresh(graph), maxNodes);
          assert.deepEqual(now, budgetGraphBefore(fresh(graph), maxNodes), `${what} (${i ? 'grouped' : 'not grouped'}, --max-nodes ${maxNodes})`);
          compared++;
          if (now.omitted) cut++;
          moreArrows += now.edges.filter((e) => e.type === 'more').length;
        }
      }
    }
    // Comparisons that exercised the cut and the "more" counts, not only graphs under budget.
    assert.ok(cut > 40 && moreArrows > 200, `${cut} of ${compared} graphs cut, ${moreArrows} "more" arrows`);
  });

  test('each "more" box is looked up once, not scanned for per arrow', () => {
    // 4,000 boxes, each with a "more" box, one box over the budget: the budget cuts one, keeps the
    // rest and their "more" arrows. Reading a box's key is counted; a scan of the kept boxes for
    // each arrow read ~8 million keys.
    const boxes = 4000;
    let reads = 0;
    const nodes: GraphNode[] = [];
    const more: MoreNode[] = [];
    const edges: GraphEdge[] = [];
    for (let i = 0; i < boxes; i++) {
      const key = `n${2 * i + 1}`;
      nodes.push({ ordinal: i, id: 2 * i + 1, type: 'object', name: 'Item', className: 'Item', selfSize: 16, key, title: 'Item', preview: '', depth: i === 0 ? 0 : 1, role: i === 0 ? 'target' : 'retainer', count: 1, totalSize: 16, ids: [2 * i + 1], distance: 2 });
      if (i > 0) edges.push({ from: key, to: 'n1', type: 'property', name: `p${i}`, label: `p${i}`, weak: false, collapsed: false, inCycle: false });
      const box = { depth: 2, count: 3 } as MoreNode;
      Object.defineProperty(box, 'key', { enumerable: true, get: () => (reads++, `more_${key}`) });
      more.push(box);
      edges.push({ from: `more_${key}`, to: key, type: 'more', name: 3, label: '', weak: false, collapsed: false, inCycle: false });
    }
    const out = budgetGraph({ nodes, more, edges, maxDepth: 10, raw: false, walk: 'why' }, boxes - 1);
    assert.equal(out.nodes.length, boxes - 1);
    assert.equal(out.more.length, boxes - 1);
    assert.ok(reads < 10 * boxes, `${reads} reads of a box's key for ${boxes} boxes`);
  });
});
