/**
 * The peer helpers used as oracles (memlab's shortest path, DevTools' distances) do what they say
 * on real snapshots, checked against the file itself as backrefs reads it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { findByType, loadSnapshot, type HeapSnapshot } from '../src/index.js';
import { distances } from '../src/analysis/distances.js';
import { devtoolsDistances } from './helpers/devtools.js';
import { loadMemlab, memlabObjectIds, memlabPathText, memlabPaths, type MemlabHeap, type PathStep } from './helpers/memlab-paths.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

/** Whether the file has an edge of this type and name from one node to the other. */
function hasEdge(snap: HeapSnapshot, ordinalOf: Map<number, number>, step: PathStep): boolean {
  const from = ordinalOf.get(step.fromId);
  const to = ordinalOf.get(step.toId);
  if (from === undefined || to === undefined) return false;
  for (const e of snap.retainingEdges(to)) {
    if (snap.edgeSource(e) === from && snap.edgeType(e) === step.edgeType && String(snap.edgeName(e)) === String(step.edgeName)) return true;
  }
  return false;
}

function ordinals(snap: HeapSnapshot): Map<number, number> {
  const m = new Map<number, number>();
  for (let o = 0; o < snap.nodeCount; o++) m.set(snap.nodeId(o), o);
  return m;
}

describe('memlab shortest paths', () => {
  let snap: HeapSnapshot;
  let heap: MemlabHeap;
  let ordinalOf: Map<number, number>;
  before(async () => {
    const file = await scenarioSnapshot('seed');
    snap = await loadSnapshot(file);
    heap = await loadMemlab(file);
    ordinalOf = ordinals(snap);
  });

  test('the seed: from a root, through real edges, through `seq`, to the Test', () => {
    const targets = findByType(snap, 'Test').map((o) => snap.nodeId(o));
    assert.deepEqual(memlabObjectIds(heap, 'Test'), targets);
    const paths = memlabPaths(heap, targets);
    for (const id of targets) {
      const steps = paths.get(id);
      assert.ok(steps && steps.length > 1, `a path to @${id}`);
      // memlab starts from all roots at once: the snapshot's root (its first node) or a
      // synthetic root list under it, such as (GC roots).
      const first = ordinalOf.get(steps[0]!.fromId)!;
      const underRoot = [...snap.retainingEdges(first)].some((e) => snap.edgeSource(e) === 0);
      assert.ok(first === 0 || (underRoot && snap.nodeType(first) === 'synthetic'), `path starts at a root, not ${steps[0]!.fromName}`);
      assert.equal(steps.at(-1)!.toId, id);
      assert.equal(steps.at(-1)!.toName, 'Test');
      steps.forEach((s, i) => {
        if (i > 0) assert.equal(s.fromId, steps[i - 1]!.toId, `step ${i} continues the path`);
        assert.notEqual(s.edgeType, 'weak');
        assert.ok(hasEdge(snap, ordinalOf, s), `@${s.fromId} --${s.edgeType}:${String(s.edgeName)}--> @${s.toId} is in the file`);
      });
      assert.ok(steps.some((s) => s.edgeType === 'context' && s.edgeName === 'seq'), 'the path names the variable that holds the array');
      assert.equal(new Set(steps.map((s) => s.toId)).size, steps.length, 'no node twice');
    }
  });

  test("memlab's own text names the same hops", () => {
    const [id] = memlabObjectIds(heap, 'Test');
    const steps = memlabPaths(heap, [id!]).get(id!)!;
    const text = memlabPathText(heap, id!);
    for (const s of steps) assert.ok(text.includes(`@${s.toId}`), `@${s.toId} in\n${text}`);
  });

  test('an id memlab does not have is an error, not a silent empty path', () => {
    assert.throws(() => memlabPaths(heap, [2 ** 31 + 1]), /no node/);
  });
});

describe('DevTools distances', () => {
  test('one per node, and equal to backrefs distances on the seed', async () => {
    const file = await scenarioSnapshot('seed');
    const [theirs, snap] = await Promise.all([devtoolsDistances(file), loadSnapshot(file)]);
    assert.equal(theirs.length, snap.nodeCount);
    assert.deepEqual(Array.from(distances(snap).distance), Array.from(theirs));
    const [t] = findByType(snap, 'Test');
    assert.ok(theirs[t!]! > 1, 'a Test is some hops from the global');
  });

  test('reads a gzipped fixture through gunzip', async () => {
    const file = join(SHARED_FIXTURES, 'legacy2017-small.heapsnapshot.gz');
    const [theirs, snap] = await Promise.all([devtoolsDistances(file), loadSnapshot(file)]);
    assert.equal(theirs.length, snap.nodeCount);
    assert.ok(theirs.some((d) => d > 0));
  });

  test('a missing file is refused', async () => {
    await assert.rejects(devtoolsDistances(join(SHARED_FIXTURES, 'no-such.heapsnapshot.gz')), /ENOENT/);
  });
});
