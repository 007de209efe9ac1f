import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closureScopes } from '../src/analysis/closure-scopes.js';
import { retainedSize } from '../src/analysis/retained-sizes.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

test('the closure leak: handler keeps big through the scope it shares, and the scope alone keeps it', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('closure-leak'));
  const handlers: number[] = [];
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'closure' && snap.nodeName(o) === 'handler') handlers.push(o);
  assert.equal(handlers.length, 1);
  const [scope, ...outer] = closureScopes(snap, handlers[0]!);
  assert.ok(scope);
  assert.equal(outer.length, 0, 'the outer scope is the module function\'s, reached through previous only if it has a context');
  assert.deepEqual(scope.variables.map((v) => v.name).sort(), ['big', 'small']);
  const big = scope.variables.find((v) => v.name === 'big')!;
  // new Array(100000).fill(1): 100,000 slots of 8 bytes in its elements store, counted in the array.
  assert.ok(big.retainedSize >= 800_000, `${big.retainedSize}`);
  assert.equal(big.retainedSize, retainedSize(snap, big.value));
  assert.equal(big.onlyThroughScope, true);
  assert.deepEqual(scope.closures, handlers);
  assert.equal(scope.unusedByLiveCode, false);
});

test('a scope no closure, suspended function or nested scope reaches: its variables are flagged unused', () => {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '', { selfSize: 0 });
  const global = b.node('object', 'global', { selfSize: 0 });
  const cache = b.node('object', 'DebuggerCache');
  const used = b.node('object', 'system / Context');
  const orphan = b.node('object', 'system / Context');
  const inner = b.node('object', 'system / Context');
  const fn = b.node('closure', 'f');
  const [x, y, z] = [b.node('object', 'X', { selfSize: 100 }), b.node('object', 'Y', { selfSize: 200 }), b.node('object', 'Z', { selfSize: 400 })];
  b.edge(root, global, 'shortcut', 'global').edge(global, fn, 'property', 'f').edge(global, cache, 'property', 'cache');
  b.edge(fn, inner, 'internal', 'context').edge(inner, used, 'internal', 'previous').edge(used, x, 'context', 'x').edge(inner, z, 'context', 'z');
  b.edge(cache, orphan, 'property', 'scope').edge(orphan, y, 'context', 'y');
  const snap = b.build();
  const fromClosure = closureScopes(snap, fn);
  assert.deepEqual(fromClosure.map((s) => [s.context, s.variables.map((v) => v.name), s.closures, s.innerScopes, s.unusedByLiveCode]), [
    [inner, ['z'], [fn], [], false],
    [used, ['x'], [], [inner], false],
  ]);
  const [kept] = closureScopes(snap, orphan);
  assert.deepEqual([kept!.variables.map((v) => [v.name, v.retainedSize, v.onlyThroughScope]), kept!.unusedByLiveCode], [[['y', 200, true]], true]);
});
