/**
 * Shallow sizes' owners found on a worker thread (what the dominators do beside their search on
 * a file the two-thread reader read) equal the ones found on this thread, node for node, on real
 * heaps; the one-thread ones are DevTools' (dominators-oracle.test.ts).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ownersBeside } from '../src/analysis/owners-in-parallel.js';
import { findOwners } from '../src/analysis/shallow-sizes.js';
import { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';

function shared(a: Uint32Array): Uint32Array {
  const copy = new Uint32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/** The same snapshot with its edges and first-edge table in shared memory, as the two-thread reader leaves them. */
function inSharedMemory(snap: HeapSnapshot): HeapSnapshot {
  const { lastRetainer, previousRetainer } = snap.retainerLists;
  return new HeapSnapshot(snap.meta, snap.nodes, shared(snap.edges), snap.strings, { firstEdge: shared(snap.firstEdges), lastRetainer, previousRetainer }, snap.locations, snap.source);
}

const fixtures = readdirSync(SHARED_FIXTURES)
  .filter((f) => f.includes('.heapsnapshot'))
  .map((f) => join(SHARED_FIXTURES, f));
const scenarios: Scenario[] = ['http-leak', 'express-sessions', 'acorn-ast', 'weakmap', 'strings'];

test('owners found on a worker equal those found here, on every fixture and on real programs', async () => {
  let compared = 0;
  for (const file of [...fixtures, ...(await Promise.all(scenarios.map(scenarioSnapshot)))]) {
    const snap = inSharedMemory(await loadSnapshot(file));
    const here = new Uint32Array(snap.nodeCount);
    const found = findOwners(snap, here);
    const task = ownersBeside(snap, 0);
    assert.equal(task.onWorker, found, `${file}: a worker takes the pass whenever there are owners to find`);
    const there = task.owners();
    assert.equal(task.onWorker, found, `${file}: the worker delivered`);
    if (!found) {
      assert.equal(there, undefined, file);
      continue;
    }
    assert.ok(there, file);
    let differ = 0;
    for (let o = 0; o < snap.nodeCount; o++) if (here[o] !== there[o]) differ++;
    assert.equal(differ, 0, `${file}: ${differ} nodes with another owner`);
    compared++;
  }
  assert.ok(compared >= scenarios.length, `${compared} heaps compared`);
});

test('a snapshot in ordinary memory, or below the size worth a thread, is done on this thread', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('http-leak'));
  assert.equal(ownersBeside(snap, 0).onWorker, false);
  assert.equal(ownersBeside(inSharedMemory(snap)).onWorker, false);
});
