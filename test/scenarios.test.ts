/**
 * The real scenarios are what their header comments say: each one's snapshot loads, has the
 * class to ask about, and memlab (an independent reader and path finder) finds the program's own
 * holders on the way from a root to the targets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findByType, loadSnapshot, type HeapSnapshot } from '../src/index.js';
import { loadMemlab, memlabObjectIds, memlabPaths } from './helpers/memlab-paths.js';
import { QUESTIONS, scenarioSnapshot } from './helpers/scenarios.js';

/** Names of the edges that retain a node directly. */
function retainerNames(snap: HeapSnapshot, ordinal: number): Set<string> {
  return new Set(snap.retainingEdges(ordinal).map((e) => String(snap.edgeName(e))));
}

describe('real scenarios hold their targets as their comments say', () => {
  for (const q of QUESTIONS) {
    test(`${q.scenario}: --type ${q.type} is held by ${q.holders.join(', ')}`, async () => {
      const file = await scenarioSnapshot(q.scenario);
      const [snap, heap] = await Promise.all([loadSnapshot(file), loadMemlab(file)]);
      const targets = findByType(snap, q.type);
      assert.ok(targets.length > 0, `no ${q.type} in ${q.scenario}`);
      const ids = memlabObjectIds(heap, q.type);
      assert.deepEqual(ids, targets.map((o) => snap.nodeId(o)), 'both readers find the same targets');

      const paths = memlabPaths(heap, ids);
      const onPaths = new Set<string>();
      let named = 0;
      for (const id of ids) {
        const steps = paths.get(id);
        assert.ok(steps, `memlab finds a path to @${id}`);
        const names = steps.map((s) => String(s.edgeName));
        names.forEach((n) => onPaths.add(n));
        if (names.includes(q.holders[0]!)) named++;
      }
      // The program's own objects, not the odd prototype or a client-side copy of the class.
      assert.ok(named >= 0.9 * ids.length, `${q.holders[0]} is on the shortest path of ${named} of ${ids.length} targets`);
      const direct = new Set(targets.flatMap((o) => [...retainerNames(snap, o)]));
      for (const h of q.holders) assert.ok(onPaths.has(h) || direct.has(h), `${h} holds a ${q.type} (on a shortest path or directly)`);
    });
  }
});
