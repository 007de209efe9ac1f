/**
 * The default view's passes over the drawn graph (the node budget, the merge of grouped boxes, the
 * cycles) against the string-keyed versions they replaced (test/helpers/graph-passes-before.ts):
 * the same graph out, field for field, over real heaps (every scenario, every fixture, every fuzz
 * shape), with budgets that cut and budgets that do not. And the costs that were quadratic, counted
 * by what the pass reads, not timed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetGraph } from '../src/graph/budget.js';
import { listCycles, markCycles, markCyclesThatMatter } from '../src/graph/cycles.js';
import { groupBlocks, groupGraph } from '../src/graph/group.js';
import { collapseLinkedStructures } from '../src/graph/linked-structures.js';
import { mergeSiblings } from '../src/graph/siblings.js';
import type { GraphEdge, GraphNode, MoreNode, RetainerGraph } from '../src/graph/types.js';
import { retainerGraph } from '../src/graph/walk.js';
import { whyGraph, type WhyOptions } from '../src/graph/why.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { realHeaps } from './helpers/real-heaps.js';
import { budgetGraphBefore, listCyclesBefore, markCyclesBefore, markCyclesThatMatterBefore, mergeBefore } from './helpers/graph-passes-before.js';

/** A graph with edges of its own, their marks cleared: the passes mark the edges they are given. */
function fresh(graph: RetainerGraph): RetainerGraph {
  return { ...graph, edges: graph.edges.map(({ onPath: _, ...e }) => ({ ...e, inCycle: false })) };
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
    for await (const { what, snap, targets, walk } of realHeaps(['seed', 'cycle', 'map'], 2000)) {
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

/** The same graph with edges of its own, marked as they were (on a path) but not in a cycle. */
function unmarked(graph: RetainerGraph): RetainerGraph {
  return { ...graph, edges: graph.edges.map((e) => ({ ...e, inCycle: false })) };
}

describe('the cycles are the cycles they were', () => {
  test('every scenario, fixture and shape: the breadth-first walk, the default view, the forward lists', async () => {
    let inCycle = 0;
    let cycles = 0;
    for await (const { what, snap, targets, walk } of realHeaps(['seed', 'cycle', 'map'], 2000)) {
      const bfs = retainerGraph(snap, targets.slice(0, 200), { maxDepth: walk?.maxDepth ?? 10, tooMany: walk?.tooMany ?? 10 });
      const [now, before] = [unmarked(bfs), unmarked(bfs)];
      markCycles(now.edges);
      markCyclesBefore(before.edges);
      assert.deepEqual(now.edges, before.edges, `${what} (bfs)`);
      assert.deepEqual(listCycles(bfs), listCyclesBefore(bfs), `${what} (bfs, listed)`);
      for (const maxNodes of [12, 1e9]) {
        const why = whyGraph(snap, targets, { ...walk, maxNodes });
        const [a, b] = [unmarked(why), unmarked(why)];
        markCyclesThatMatter(a);
        markCyclesThatMatterBefore(b);
        assert.deepEqual(a.edges, b.edges, `${what} (why, --max-nodes ${maxNodes})`);
        inCycle += a.edges.filter((e) => e.inCycle).length;
      }
      inCycle += now.edges.filter((e) => e.inCycle).length;
      cycles += listCycles(bfs).length;
    }
    assert.ok(inCycle > 500 && cycles > 20, `${inCycle} arrows in cycles, ${cycles} cycles listed`);
  });
});

describe('grouped boxes and arrows are merged as they were', () => {
  test('every scenario, fixture and shape: the merge, and the default view end to end', async () => {
    let merged = 0;
    let counted = 0;
    for await (const { what, snap, targets, walk } of realHeaps(['seed', 'cycle', 'map'], 2000)) {
      const [ungrouped] = drawn(snap, targets, walk);
      const now = groupGraph(fresh(ungrouped!));
      assert.deepEqual(now, mergeBefore(fresh(ungrouped!), groupBlocks(ungrouped!)), `${what} (merge)`);
      merged += ungrouped!.nodes.length - now.nodes.length;
      counted += now.edges.filter((e) => (e.count ?? 1) > 1).length;
      // The default view's passes, the walk's graph through the versions before.
      // Lists and siblings are joined around the grouping (their own tests: linked-structures, siblings).
      const linked = collapseLinkedStructures(fresh(ungrouped!));
      for (const maxNodes of [12, 40]) {
        const before = fresh(mergeSiblings(mergeBefore(fresh(linked), groupBlocks(linked))));
        const budgeted = budgetGraphBefore(before, maxNodes);
        markCyclesThatMatterBefore(budgeted);
        assert.deepEqual(whyGraph(snap, targets, { ...walk, maxNodes }), budgeted, `${what} (why, --max-nodes ${maxNodes})`);
      }
    }
    assert.ok(merged > 1000 && counted > 50, `${merged} boxes merged into others, ${counted} arrows standing for several`);
  });
});
