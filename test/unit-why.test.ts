import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distances, SYSTEM_BASE, UNREACHABLE } from '../src/analysis/distances.js';
import { shortestChain } from '../src/graph/chain.js';
import type { RetainerGraph } from '../src/graph/types.js';
import { whyGraph, type WhyOptions } from '../src/graph/why.js';
import { toText } from '../src/output/text.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';

/*
 * The distance-guided walk on tiny heaps built in code: a root, a global object linked from it by
 * a shortcut edge (a user root, distance 1), `(GC roots)` with a `(Stack roots)` list (system
 * roots), and named objects. Every name in a test is unique, so a graph reads as
 * `retainer -[label]-> retained` lines.
 */
function heap(): { b: SnapshotBuilder; global: number; stack: number; obj: (name: string, type?: string) => number } {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  const stack = b.node('synthetic', '(Stack roots)');
  const global = b.node('object', 'global');
  b.edge(root, global, 'shortcut', 'global');
  b.edge(root, gcRoots, 'element', 1);
  b.edge(gcRoots, stack, 'element', 1);
  return { b, global, stack, obj: (name, type = 'object') => b.node(type, name) };
}

function why(snap: HeapSnapshot, targets: number[], options: WhyOptions = {}): RetainerGraph {
  return whyGraph(snap, targets, options);
}

function edgeLines(g: RetainerGraph): string[] {
  const names = new Map<string, string>();
  for (const n of g.nodes) names.set(n.key, n.count > 1 ? `${n.name}×${n.count}` : n.name);
  for (const m of g.more) names.set(m.key, `${m.count} more`);
  return g.edges.map((e) => `${names.get(e.from)} -[${e.label}]-> ${names.get(e.to)}`).sort();
}

test('distances: user roots first at 1, system roots from SYSTEM_BASE, weak edges not followed, unreachable marked', () => {
  const { b, global, stack, obj } = heap();
  const a = obj('A');
  const s = obj('S');
  const w = obj('W');
  const lost = obj('Lost');
  b.edge(global, a, 'property', 'a');
  b.edge(stack, s, 'internal', '1');
  b.edge(stack, a, 'internal', '2');
  b.edge(a, w, 'weak', 'w');
  b.edge(lost, a, 'property', 'back');
  const snap = b.build();
  const { distance } = distances(snap);
  assert.equal(distance[global], 1);
  assert.equal(distance[a], 2, 'reached from the global first, though the stack holds it too');
  assert.equal(distance[s], SYSTEM_BASE + 3, 'root → (GC roots) → (Stack roots) → S');
  assert.equal(distance[w], UNREACHABLE, 'only a weak edge leads to it');
  assert.equal(distance[lost], UNREACHABLE);
});

test('at a target, every independent holder is drawn; a holder reached only through the target is not', () => {
  const { b, global, obj } = heap();
  const t = obj('T');
  const seen = obj('Seen');
  const session = obj('Session');
  const sessions = obj('Sessions');
  const child = obj('Child');
  b.edge(global, seen, 'property', 'seen');
  b.edge(global, sessions, 'property', 'sessions');
  b.edge(sessions, session, 'property', 'first');
  b.edge(seen, t, 'element', 0);
  b.edge(session, t, 'property', 'req');
  // The target holds Child, which points back: Child's only path from a root runs through T.
  b.edge(t, child, 'property', 'child');
  b.edge(child, t, 'property', 'parent');
  const g = why(b.build(), [t]);
  assert.deepEqual(edgeLines(g), [
    '1 more -[]-> T',
    'Seen -[[0]]-> T',
    'Session -[req]-> T',
    'Sessions -[first]-> Session',
    'global -[seen]-> Seen',
    'global -[sessions]-> Sessions',
  ]);
  assert.deepEqual(
    g.nodes.map((n) => [n.name, n.role]),
    [
      ['T', 'target'],
      ['Seen', 'retainer'],
      ['Session', 'retainer'],
      ['global', 'global'],
      ['Sessions', 'retainer'],
    ],
  );
});

test('above the targets only retainers no farther from a root are drawn, the others counted, closest first under --too-many', () => {
  const { b, global, obj } = heap();
  const t = obj('T');
  const holder = obj('Holder');
  b.edge(global, holder, 'property', 'holder');
  b.edge(holder, t, 'property', 't');
  // Inner objects hanging off Holder that point back at it: farther from a root than Holder.
  for (let i = 0; i < 5; i++) {
    const inner = obj(`Inner${i}`);
    b.edge(holder, inner, 'property', `inner${i}`);
    b.edge(inner, holder, 'property', 'owner');
  }
  // A second way to Holder at the same distance as the first (a sibling of it): drawn.
  const peer = obj('Peer');
  b.edge(global, peer, 'property', 'peer');
  b.edge(peer, holder, 'property', 'sibling');
  const g = why(b.build(), [t], { tooMany: 1 });
  assert.deepEqual(edgeLines(g), ['6 more -[]-> Holder', 'Holder -[t]-> T', 'global -[holder]-> Holder'], 'too-many 1 keeps the retainer closest to a root (global), Peer and the inner ones counted');
  const wide = why(b.build(), [t], { tooMany: 10 });
  assert.ok(edgeLines(wide).includes('Peer -[sibling]-> Holder'), edgeLines(wide).join('\n'));
  assert.ok(edgeLines(wide).includes('5 more -[]-> Holder'), 'the inner objects are counted, never drawn');
});

test('instances held the same way are one box; element indices are one kind of edge', () => {
  const { b, global, obj } = heap();
  const list = obj('List');
  const other = obj('Other');
  b.edge(global, list, 'property', 'list');
  b.edge(global, other, 'property', 'other');
  const targets: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = b.node('object', 'T', { selfSize: 10 });
    b.edge(list, t, 'element', i);
    targets.push(t);
  }
  const lone = b.node('object', 'T', { selfSize: 10 });
  b.edge(other, lone, 'property', 'mine');
  targets.push(lone);
  const g = why(b.build(), targets);
  const boxes = g.nodes.filter((n) => n.name === 'T');
  assert.deepEqual(
    boxes.map((n) => [n.count, n.totalSize]),
    [
      [4, 40],
      [1, 10],
    ],
  );
  assert.deepEqual(edgeLines(g), ['List -[[0…3]]-> T×4', 'Other -[mine]-> T', 'global -[list]-> List', 'global -[other]-> Other']);
  const single = why(b.build(), targets, { group: false });
  assert.equal(single.nodes.filter((n) => n.name === 'T').length, 5, 'group: false draws each object');
});

test('targets that hang below other targets (a list, a tree) are counted on the box that holds them', () => {
  const { b, global, obj } = heap();
  const head = obj('Link');
  b.edge(global, head, 'property', 'head');
  const links = [head];
  for (let i = 1; i < 6; i++) {
    const next = obj('Link');
    b.edge(links[i - 1]!, next, 'property', 'next');
    links.push(next);
  }
  // One link also kept by an array hanging off the list: still below the head.
  const arr = obj('Array');
  b.edge(links[2]!, arr, 'property', 'extra');
  b.edge(arr, links[4]!, 'element', 0);
  const g = why(b.build(), links);
  const boxes = g.nodes.filter((n) => n.name === 'Link');
  assert.equal(boxes.length, 1, edgeLines(g).join('\n'));
  assert.equal(boxes[0]!.inside, 5);
  assert.deepEqual(edgeLines(g), ['global -[head]-> Link']);
});

test('where --depth stops the walk, the node says how many hops the root still is, and through what', () => {
  const { b, global, obj } = heap();
  let up = global;
  const names = ['A', 'B', 'C', 'D', 'E'];
  for (const name of names) {
    const n = obj(name);
    b.edge(up, n, 'property', name.toLowerCase());
    up = n;
  }
  const t = obj('T');
  b.edge(up, t, 'property', 't');
  const g = why(b.build(), [t], { maxDepth: 2 });
  const top = g.nodes.find((n) => n.stopped);
  assert.ok(top, edgeLines(g).join('\n'));
  assert.equal(top.name, 'D');
  assert.deepEqual(top.stopped, { hops: 4, via: 'C', root: 'global' });
  assert.match(toText(g), /… 4 more hops to global via C/);
});

test('a node whose only way toward the roots is plumbing still gets the edge of its shortest path', () => {
  const { b, global, obj } = heap();
  const shape = b.node('object shape', 'system / Map');
  const t = obj('T');
  b.edge(global, shape, 'internal', 'map');
  b.edge(shape, t, 'internal', 'prototype_info');
  const g = why(b.build(), [t]);
  assert.deepEqual(edgeLines(g), ['global -[internal map]-> system / Map', 'system / Map -[internal prototype_info]-> T']);
});

test('the node budget keeps the shortest paths of the biggest target groups and counts the rest', () => {
  const { b, global, obj } = heap();
  const targets: number[] = [];
  // Twenty targets, each held through its own chain of two holders: 60 boxes without a budget.
  for (let i = 0; i < 20; i++) {
    const a = obj(`A${i}`);
    const c = obj(`C${i}`);
    const t = b.node('object', 'T', { selfSize: i === 7 ? 1000 : 1 });
    b.edge(global, a, 'property', `a${i}`);
    b.edge(a, c, 'property', 'c');
    b.edge(c, t, 'property', 't');
    targets.push(t);
  }
  const g = why(b.build(), targets, { maxNodes: 10 });
  assert.ok(g.nodes.length + g.more.length <= 10 + 3, `${g.nodes.length} nodes, ${g.more.length} more`);
  assert.ok(g.omitted && g.omitted.nodes > 0 && g.omitted.targets > 0, JSON.stringify(g.omitted));
  const biggest = g.nodes.find((n) => n.name === 'T' && n.totalSize === 1000);
  assert.ok(biggest, 'the biggest target group is kept');
  const byKey = new Map(g.nodes.map((n) => [n.key, n]));
  const path = g.edges.filter((e) => e.onPath && e.to !== undefined).map((e) => `${byKey.get(e.from)?.name}>${byKey.get(e.to)?.name}`);
  assert.ok(path.includes('C7>T') && path.includes('A7>C7') && path.includes('global>A7'), path.join(' '));
});

test('only cycles through a target or its path to a root are marked', () => {
  const { b, global, obj } = heap();
  const t = obj('T');
  const holder = obj('Holder');
  const a = obj('Loop1');
  const c = obj('Loop2');
  b.edge(global, holder, 'property', 'holder');
  b.edge(holder, t, 'property', 't');
  b.edge(t, holder, 'property', 'back');
  // Two objects at the same distance holding each other and Holder: a cycle off the path.
  b.edge(global, a, 'property', 'l1');
  b.edge(global, c, 'property', 'l2');
  b.edge(a, c, 'property', 'x');
  b.edge(c, a, 'property', 'y');
  b.edge(a, holder, 'property', 'h1');
  const g = why(b.build(), [t]);
  const byKey = new Map(g.nodes.map((n) => [n.key, n.name]));
  const marked = g.edges.filter((e) => e.inCycle).map((e) => `${byKey.get(e.from)}>${byKey.get(e.to)}`);
  assert.deepEqual(marked, [], `no cycle through the target or its path is drawn: ${marked}`);
  assert.ok(g.edges.some((e) => byKey.get(e.from) === 'Loop2' && byKey.get(e.to) === 'Loop1'), 'the loop itself is drawn');
});

test('chain: the shortest path reads through the default view, ending at a global or a root list', () => {
  const { b, global, stack, obj } = heap();
  const arr = obj('Array');
  const store = b.node('array', '(object elements)');
  const t = obj('T');
  b.edge(global, arr, 'property', 'seq');
  b.edge(arr, store, 'internal', 'elements');
  b.edge(store, t, 'internal', '0');
  const s = obj('S');
  b.edge(stack, s, 'internal', '3');
  const snap = b.build();
  const chain = shortestChain(snap, t)!;
  assert.deepEqual(
    chain.map((c) => [snap.nodeName(c.ordinal), c.label]),
    [
      ['global', ''],
      ['Array', 'seq'],
      ['T', '[0]'],
    ],
  );
  assert.deepEqual(
    shortestChain(snap, s)!.map((c) => snap.nodeName(c.ordinal)),
    ['(GC roots)', '(Stack roots)', 'S'],
  );
  const lost = obj('Lost');
  assert.equal(shortestChain(b.build(), lost), undefined, 'unreachable: no chain');
});
