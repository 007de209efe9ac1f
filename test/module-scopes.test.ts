/**
 * Which closure scopes are a module's (drawn green, not walked through): the scope of a CommonJS
 * module or an ES module, and not the scopes that also hang off the native context when the
 * module itself captures nothing (a top-level function's, a top-level loop's block scopes).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isModuleScope } from '../src/graph/noise.js';
import { whyGraph } from '../src/graph/why.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { isScopeName } from '../src/snapshot/names.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';

/** The scopes of the default picture of `type`: their variables, and whether each is a module's. */
async function scopes(scenario: Scenario, type: string): Promise<Map<string, boolean>> {
  const snap = await loadSnapshot(await scenarioSnapshot(scenario));
  const g = whyGraph(snap, findByType(snap, type));
  const out = new Map<string, boolean>();
  const variable = new Set(['context', 'hidden'].map((t) => snap.meta.edgeTypes.indexOf(t)));
  for (const n of g.nodes) {
    if (!isScopeName(n.name)) continue;
    const variables: (string | number)[] = [];
    const first = snap.firstEdge(n.ordinal);
    for (let e = first; e < first + snap.edgeCountOf(n.ordinal) * snap.edgeFieldCount; e += snap.edgeFieldCount) if (variable.has(snap.edgeTypeIndex(e))) variables.push(snap.edgeName(e));
    out.set(variables.join(', '), isModuleScope(snap, n.ordinal));
  }
  return out;
}

test("a CommonJS module's scope and an ES module's scope are module scopes", async () => {
  const cjs = await scopes('closure-cache', 'Dataset');
  assert.equal(cjs.get('cache, memoize, Dataset, makeQuery'), true, JSON.stringify([...cjs]));
  assert.deepEqual([...(await scopes('esm-module', 'Rec'))], [['keep', true]]);
});

test("a top-level function's scope and a top-level loop's block scopes are not, when the module captures nothing", async () => {
  assert.deepEqual([...(await scopes('closure-methods', 'Record'))], [['items, byId', false]]);
  const blocks = await scopes('linked-lists', 'Task');
  assert.deepEqual([...blocks], [['0', false]]);
});
