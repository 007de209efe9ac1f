/**
 * Many targets are grouped by who holds them before the default picture walks them: up each
 * target's retainer lists when they are few, in one pass over every edge when they are many.
 * Both must give the same groups, in the same order, on real heaps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findByType, loadSnapshot, type HeapSnapshot } from '../src/index.js';
import { Retainers } from '../src/graph/retainers.js';
import { groupTargets, type TargetGroups } from '../src/graph/target-groups.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';

function groups(snap: HeapSnapshot, targets: number[], via: 'retainer lists' | 'all edges'): number[][] {
  const isTarget = new Uint8Array(snap.nodeCount);
  for (const t of targets) isTarget[t] = 1;
  const g: TargetGroups = groupTargets(snap, targets, isTarget, new Retainers(snap, { raw: false, includeWeak: false }), via);
  return Array.from({ length: g.count }, (_, i) => {
    assert.equal(g.first(i), g.members(i)[0]);
    assert.equal(g.size(i), g.members(i).length);
    return g.members(i);
  });
}

const CASES: [Scenario, string][] = [
  ['store', 'Item'],
  ['express-sessions', 'IncomingMessage'],
  ['acorn-ast', 'Node'],
];

for (const [scenario, type] of CASES) {
  test(`${scenario} --type ${type}: both ways of grouping give the same groups, biggest first`, { timeout: 120_000 }, async () => {
    const snap = await loadSnapshot(await scenarioSnapshot(scenario));
    const targets = findByType(snap, type);
    assert.ok(targets.length > 1, `${targets.length} ${type}`);
    const byLists = groups(snap, targets, 'retainer lists');
    const byEdges = groups(snap, targets, 'all edges');
    assert.deepEqual(byEdges, byLists);
    assert.ok(byLists.every((g, i) => i === 0 || g.length <= byLists[i - 1]!.length), 'biggest first');
    assert.deepEqual(byLists.flat().sort((a, b) => a - b), [...targets].sort((a, b) => a - b), 'every target in exactly one group');
    // Listed twice, a target is grouped twice, the same way.
    const twice = groups(snap, [...targets, targets[0]!], 'all edges');
    assert.ok(twice.some((g) => g.filter((t) => t === targets[0]).length === 2));
  });
}

test('store --type Item: the array holds 9,900 Items alone and 100 with the Map (so two groups, not 10,000)', { timeout: 60_000 }, async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('store'));
  const sizes = groups(snap, findByType(snap, 'Item'), 'all edges').map((g) => g.length);
  assert.deepEqual(sizes, [9900, 100]);
});
