/**
 * Allocation sites on snapshots taken with tracking on: through the inspector
 * (test/scenarios/tracked.cjs) and with `node --track-heap-objects`; DevTools'
 * allocationStack() as the oracle for every node.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { allocationSite, allocationSiteLabel, hasAllocationTraces } from '../src/analysis/allocation-sites.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { devtools } from './helpers/devtools-arrays.js';
import { REPO_ROOT } from './helpers/paths.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';

interface Frame {
  functionName: string;
  scriptName: string;
  scriptId: number;
  line: number;
  column: number;
}

function instances(snap: HeapSnapshot, name: string): number[] {
  const out: number[] = [];
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'object' && snap.nodeName(o) === name) out.push(o);
  return out;
}

test('every node: the same allocation stack as DevTools (less its "(root)" entry)', async () => {
  const file = await scenarioSnapshot('tracked');
  const [snap, dt] = await Promise.all([loadSnapshot(file), devtools(file)]);
  const stackOf = (dt as unknown as { allocationStack(nodeIndex: number): Frame[] | null }).allocationStack.bind(dt);
  let traced = 0;
  const wrong: string[] = [];
  for (let o = 0; o < snap.nodeCount && wrong.length < 5; o++) {
    const theirs = stackOf(o * snap.nodeFieldCount);
    const ours = allocationSite(snap, o);
    if (theirs === null) {
      if (ours !== undefined) wrong.push(`node ${o}: DevTools has no stack, backrefs ${JSON.stringify(ours)}`);
      continue;
    }
    traced++;
    assert.equal(theirs.at(-1)?.functionName, '(root)');
    const expected = theirs.slice(0, -1).map((f) => ({ functionName: f.functionName, scriptName: f.scriptName, scriptId: f.scriptId, line: f.line, column: f.column }));
    if (JSON.stringify(ours?.stack ?? []) !== JSON.stringify(expected)) wrong.push(`node ${o}: ${JSON.stringify(ours?.stack)} vs ${JSON.stringify(expected)}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(traced >= 100, `${traced} nodes with a stack`);
});

test('tracking started through the inspector: each Leaky was made by makeLeaks, tracked.cjs line 9', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('tracked'));
  assert.ok(hasAllocationTraces(snap));
  const leaky = instances(snap, 'Leaky');
  assert.equal(leaky.length, 100);
  for (const o of leaky) {
    const site = allocationSite(snap, o);
    assert.ok(site, `Leaky @${snap.nodeId(o)} has an allocation site`);
    assert.equal(site.stack[0]!.functionName, 'makeLeaks');
    assert.ok(site.stack[0]!.scriptName.endsWith('tracked.cjs'));
    assert.equal(site.stack[0]!.line, 9);
  }
  assert.match(allocationSiteLabel(allocationSite(snap, leaky[0]!)!), /^makeLeaks .*tracked\.cjs:9:\d+$/);
});

test('node --track-heap-objects: the seed Test was made by func (samples/seed-scenario.cjs line 6); no traces without the flag', async () => {
  const out = join(tempDir(), 'seed-tracked.heapsnapshot');
  const r = spawnSync(process.execPath, ['--track-heap-objects', join(REPO_ROOT, 'samples/seed-scenario.cjs'), out], { cwd: tempDir(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const snap = await loadSnapshot(out);
  const [t] = instances(snap, 'Test');
  const site = allocationSite(snap, t!);
  assert.equal(site?.stack[0]?.functionName, 'func');
  assert.equal(site?.stack[0]?.line, 6);
  const plain = await loadSnapshot(await scenarioSnapshot('seed'));
  assert.equal(hasAllocationTraces(plain), false);
  assert.equal(allocationSite(plain, instances(plain, 'Test')[0]!), undefined);
});
