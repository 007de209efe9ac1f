/**
 * Names and previews a JavaScript developer recognises, on real snapshots: an AST node says its
 * `type`, a kept request its `url`; scopes list their variables under either of V8's names for
 * them; root lists keep the name of the slot that holds an object, and say when that hold is
 * only for a moment.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isTransientRootList, loadSnapshot, preview, rootEdgeLabel, transientRootNote } from '../src/index.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

function edgesOf(snap: HeapSnapshot, ordinal: number): number[] {
  const out: number[] = [];
  const start = snap.firstEdge(ordinal);
  for (let k = 0; k < snap.edgeCountOf(ordinal); k++) out.push(start + k * snap.edgeFieldCount);
  return out;
}

function propertyValue(snap: HeapSnapshot, ordinal: number, name: string): number {
  const e = edgesOf(snap, ordinal).find((x) => snap.edgeType(x) === 'property' && snap.edgeName(x) === name);
  return e === undefined ? -1 : snap.edgeTarget(e);
}

function ordinalsNamed(snap: HeapSnapshot, name: string, type = 'object'): number[] {
  const out: number[] = [];
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === type && snap.nodeName(o) === name) out.push(o);
  return out;
}

describe('previews of data objects', () => {
  test("acorn's AST: every Node shows the type V8 recorded for it", async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('acorn-ast'));
    const nodes = ordinalsNamed(snap, 'Node');
    assert.ok(nodes.length > 10_000, `${nodes.length} Node objects`);
    const types = new Set<string>();
    for (const o of nodes) {
      const t = propertyValue(snap, o, 'type');
      assert.notEqual(t, -1, `Node @${snap.nodeId(o)} has a type property`);
      assert.equal(preview(snap, o), `type: "${snap.nodeName(t)}"`);
      types.add(snap.nodeName(t));
    }
    for (const t of ['Program', 'Identifier', 'FunctionDeclaration', 'MemberExpression']) assert.ok(types.has(t), t);
  });

  test('a kept IncomingMessage shows the url it was asked for', async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('http-request'));
    const previews = ordinalsNamed(snap, 'IncomingMessage').map((o) => preview(snap, o));
    assert.ok(previews.includes('url: "/orders/42?view=full"'), previews.join(' | '));
  });

  test('the rule reads telling names in order, and only short strings or numbers', () => {
    const b = new SnapshotBuilder();
    b.node('synthetic', '');
    const withBoth = b.node('object', 'Thing');
    b.edge(withBoth, b.node('string', 'widget'), 'property', 'name');
    b.edge(withBoth, b.node('string', 'Button'), 'property', 'type');
    const longOnly = b.node('object', 'Long');
    b.edge(longOnly, b.node('string', 'x'.repeat(200)), 'property', 'type');
    const numbered = b.node('object', 'Row');
    b.edge(numbered, b.node('number', '3.5'), 'property', 'id');
    const objectValued = b.node('object', 'Holder');
    b.edge(objectValued, b.node('object', 'Other'), 'property', 'type');
    const snap = b.build();
    assert.equal(preview(snap, withBoth), 'type: "Button"');
    assert.equal(preview(snap, longOnly), '');
    assert.equal(preview(snap, numbered), 'id: 3.5');
    assert.equal(preview(snap, objectValued), '');
  });
});

describe('scope names', () => {
  test('system / Context / scope @N lists its variables like system / Context; ContextSidePropertyCell is no scope', () => {
    const b = new SnapshotBuilder();
    b.node('synthetic', '');
    const older = b.node('object', 'system / Context');
    const newer = b.node('object', 'system / Context / scope @12');
    const cell = b.node('object', 'system / ContextSidePropertyCell');
    for (const scope of [older, newer, cell]) {
      b.edge(scope, b.node('object', 'A'), 'context', 'seen');
      b.edge(scope, b.node('object', 'B'), 'context', 'sessions');
    }
    const snap = b.build();
    assert.equal(preview(snap, older), 'scope: seen, sessions');
    assert.equal(preview(snap, newer), 'scope: seen, sessions');
    assert.equal(preview(snap, cell), '');
  });

  test("Node 20's scopes are named system / Context and list their variables", async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('closure'));
    const scopes = ordinalsNamed(snap, 'system / Context');
    const withVariables = scopes.filter((o) => edgesOf(snap, o).some((e) => snap.edgeType(e) === 'context'));
    assert.ok(withVariables.length > 0);
    for (const o of withVariables) assert.match(preview(snap, o), /^scope: /);
  });
});

describe('root lists', () => {
  test("a WeakRef target made in this job is held by (Strong roots)' weak_refs_keep_during_job, a transient hold", async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('weakref'));
    // V8 13 (Node 24) moved the slot to a list of its own, `(Strong root list)`.
    const lists = [...ordinalsNamed(snap, '(Strong roots)', 'synthetic'), ...ordinalsNamed(snap, '(Strong root list)', 'synthetic')];
    assert.ok(lists.length > 0);
    const slots = lists.flatMap((list) => edgesOf(snap, list).filter((e) => rootEdgeLabel(snap, list, e) === 'weak_refs_keep_during_job'));
    assert.equal(slots.length, 1, 'the slot keeps its name');
    const slot = slots[0]!;
    // The list it points at holds the WeakRef's target, a Test.
    const list = snap.edgeTarget(slot);
    assert.ok(edgesOf(snap, list).some((e) => snap.nodeName(snap.edgeTarget(e)) === 'Test'));
    assert.ok(isTransientRootList('weak_refs_keep_during_job'));
    assert.equal(transientRootNote('weak_refs_keep_during_job'), 'kept until the current job ends');
    assert.ok(!isTransientRootList('(Global handles)'));
    assert.equal(transientRootNote('message_listeners'), undefined);
    assert.ok(isTransientRootList('(Stack roots)'));
  });

  test("numbered slots: the text after the number is the label; a bare number none (Chrome's (Global handles))", async () => {
    const snap = await loadSnapshot(join(SHARED_FIXTURES, 'chrome-worker.heapsnapshot.gz'));
    const [handles] = ordinalsNamed(snap, '(Global handles)', 'synthetic');
    assert.ok(handles !== undefined);
    const labels = edgesOf(snap, handles).map((e) => rootEdgeLabel(snap, handles, e));
    assert.ok(labels.includes('DevTools console'), labels.join(' | '));
    assert.ok(labels.includes(''));
    assert.ok(labels.every((l) => !/^\d/.test(l)));
  });
});
