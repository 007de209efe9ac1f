/**
 * Linked lists in the default picture: the links of one list drawn as one box, so that what
 * hangs off each link groups too; closure scopes, which chain by nesting, are not lists.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseLinkedStructures, MIN_LINKED } from '../src/graph/linked-structures.js';
import type { GraphEdge, GraphNode, RetainerGraph } from '../src/graph/types.js';
import { whyGraph } from '../src/graph/why.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { isScopeName, preview } from '../src/snapshot/names.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

const byClass = (g: RetainerGraph, cls: string) => g.nodes.filter((n) => n.className === cls);
const loopOn = (g: RetainerGraph, key: string) => g.edges.find((e) => e.from === key && e.to === key);

test('timers: the Timeouts of a TimersList are one box linked onto itself, and each callback, scope and Job one row', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('linked-lists'));
  const g = whyGraph(snap, findByType(snap, 'Job'));
  const timeouts = byClass(g, 'Timeout');
  assert.equal(timeouts.length, 1, g.nodes.map((n) => `${n.className} ×${n.count}`).join(', '));
  assert.ok(timeouts[0]!.count >= 20, `Timeout ×${timeouts[0]!.count}`);
  const loop = loopOn(g, timeouts[0]!.key);
  assert.ok(loop && /_idle(Prev|Next) ×\d+/.test(loop.label), `the list's own links: ${loop?.label}`);
  const jobs = g.nodes.filter((n) => n.role === 'target');
  assert.deepEqual(jobs.map((n) => n.count), [20]);
  assert.ok(g.nodes.length <= 12, `${g.nodes.length} boxes`);
});

test("a pending promise's reactions are one box, their closures and Tasks one row each", async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('linked-lists'));
  const g = whyGraph(snap, findByType(snap, 'Task'));
  const reactions = g.nodes.filter((n) => n.name === 'system / PromiseReaction');
  assert.deepEqual(reactions.map((n) => n.count), [30]);
  assert.ok(loopOn(g, reactions[0]!.key), 'the reactions are linked onto their own box');
  assert.deepEqual(g.nodes.filter((n) => n.role === 'target').map((n) => n.count), [30]);
  // The loop's block scopes hang off the native context (the module captures nothing) but are
  // made thirty times from one ScopeInfo: not module scopes that stop the walk.
  const scopes = g.nodes.filter((n) => isScopeName(n.name));
  assert.deepEqual(scopes.map((n) => [n.role, n.count]), [['retainer', 30]]);
});

test("a program's own list: Entry ×50 from the global, with `next` onto itself", async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('linked-lists'));
  const g = whyGraph(snap, findByType(snap, 'Payload'));
  const entries = byClass(g, 'Entry');
  assert.deepEqual(entries.map((n) => n.count), [50]);
  assert.equal(loopOn(g, entries[0]!.key)?.label, 'next ×49');
  assert.equal(g.nodes.filter((n) => n.role === 'target').reduce((s, n) => s + n.count, 0), 50);
});

test('scopes that nest are not merged: every box of scopes holds scopes with the same variables', async () => {
  for (const [scenario, type] of [['closure-cache', 'Dataset'], ['closure-siblings', 'Payload'], ['express-sessions', 'Session']] as const) {
    const snap = await loadSnapshot(await scenarioSnapshot(scenario));
    const g = whyGraph(snap, findByType(snap, type));
    for (const n of g.nodes.filter((x) => isScopeName(x.name) && x.members)) {
      const kinds = new Set(n.members!.map((o) => preview(snap, o)));
      assert.equal(kinds.size, 1, `${scenario}: one box for scopes ${[...kinds].join(' / ')}`);
    }
  }
});

/** A hand-made walk graph: `links` are [holder, held] pairs of the names below. */
function graphOf(names: readonly string[], links: readonly [string, string, string][]): RetainerGraph {
  const nodes: GraphNode[] = names.map((name, i) => {
    const [cls, role] = name.split(':') as [string, GraphNode['role'] | undefined];
    return { ordinal: i, id: i * 2 + 1, type: 'object', name: cls, className: cls, selfSize: 8, key: name, title: cls, preview: '', depth: i, role: role ?? 'retainer', count: 1, totalSize: 8, ids: [i * 2 + 1] };
  });
  const edges: GraphEdge[] = links.map(([from, to, label]) => ({ from, to, type: 'property', name: label, label, weak: false, collapsed: false, inCycle: false }));
  return { nodes, more: [], edges, maxDepth: 10, raw: false, walk: 'why' };
}

test(`fewer than ${MIN_LINKED} linked objects of a class stay apart; targets, roots and another class break a list`, () => {
  const two = graphOf(['A:root', 'L1', 'L2', 'T:target'], [['A:root', 'L1', 'x'], ['L1', 'L2', 'next'], ['L2', 'T:target', 'v']]);
  assert.equal(MIN_LINKED, 3);
  const renamed = (g: RetainerGraph, from: string, to: string) => ({ ...g, nodes: g.nodes.map((n) => (n.key.startsWith(from) ? { ...n, className: to, title: to, name: to } : n)) });
  assert.equal(collapseLinkedStructures(renamed(two, 'L', 'L')).nodes.length, 4);
  const three = graphOf(['A:root', 'L1', 'L2', 'L3', 'T:target'], [['A:root', 'L1', 'x'], ['L1', 'L2', 'next'], ['L2', 'L3', 'next'], ['L3', 'T:target', 'v']]);
  const same = renamed(three, 'L', 'L');
  const joined = collapseLinkedStructures(same);
  assert.deepEqual(joined.nodes.map((n) => `${n.className} ×${n.count}`), ['A ×1', 'L ×3', 'T:target ×1'].map((s) => s.replace(':target', '')));
  assert.equal(loopOn(joined, 'L1')?.label, 'next ×2');
  // The middle link of another class: no three alike in a row.
  const broken = collapseLinkedStructures({ ...same, nodes: same.nodes.map((n) => (n.key === 'L2' ? { ...n, className: 'M', title: 'M', name: 'M' } : n)) });
  assert.equal(broken.nodes.length, 5);
});
