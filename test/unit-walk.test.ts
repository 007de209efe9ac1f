import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphEdge, RetainerGraph } from '../src/graph/types.js';
import { retainerGraph, type WalkOptions } from '../src/graph/walk.js';
import { toDot } from '../src/output/dot.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import { wasmLayout, type DrawnGraph } from './helpers/graphviz.js';

/*
 * Tiny snapshots built in code. Every node name in a test is unique, so drawn graphs are compared
 * as lists of `retainer -[label]-> retained` lines.
 */

function walk(b: SnapshotBuilder, targets: number[], options: WalkOptions = {}): RetainerGraph {
  return retainerGraph(b.build(), targets, options);
}

/** Node names (or `N more`) by DOT key. */
function namesOf(g: RetainerGraph): Map<string, string> {
  const names = new Map<string, string>();
  for (const n of g.nodes) names.set(n.key, n.name);
  for (const m of g.more) names.set(m.key, `${m.count} more`);
  return names;
}

function edgeLines(g: RetainerGraph, pick: (e: GraphEdge) => boolean = () => true): string[] {
  const names = namesOf(g);
  return g.edges.filter(pick).map((e) => `${names.get(e.from)} -[${e.label}]-> ${names.get(e.to)}`);
}

function nodeLines(g: RetainerGraph): string[] {
  return g.nodes.map((n) => `${n.name}@${n.depth}`);
}

/** A snapshot with a root, and a helper to add named objects. */
function start(): { b: SnapshotBuilder; root: number; obj: (name: string, type?: string) => number } {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  return { b, root, obj: (name, type = 'object') => b.node(type, name) };
}

test('breadth-first: nodes in BFS order, depth fixed where first found, edges to drawn nodes still drawn', () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const d = obj('D');
  const bb = obj('B');
  const c = obj('C');
  b.edge(a, t, 'property', 'a');
  b.edge(d, t, 'property', 'd');
  b.edge(bb, a, 'property', 'b');
  b.edge(c, d, 'property', 'c1');
  b.edge(c, bb, 'property', 'c2');
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'A@1', 'D@1', 'B@2', 'C@2']);
  // C is found at depth 2 from D; its edge to B (depth 2) is drawn, and C stays at depth 2.
  assert.deepEqual(edgeLines(g).sort(), ['A -[a]-> T', 'B -[b]-> A', 'C -[c1]-> D', 'C -[c2]-> B', 'D -[d]-> T']);
  assert.deepEqual(g.nodes.map((n) => n.role), ['target', 'retainer', 'retainer', 'retainer', 'retainer']);
  assert.equal(g.more.length, 0);
  assert.ok(g.edges.every((e) => !e.inCycle && !e.weak && !e.collapsed));
  assert.equal(g.raw, false);
  assert.equal(g.maxDepth, 10);
});

test('several targets: all at depth 0, listed once, a target retaining another draws the edge', () => {
  const { b, obj } = start();
  const t1 = obj('T1');
  const t2 = obj('T2');
  const a = obj('A');
  b.edge(t2, t1, 'property', 'next');
  b.edge(a, t2, 'property', 'first');
  const g = walk(b, [t1, t2, t1]);
  assert.deepEqual(nodeLines(g), ['T1@0', 'T2@0', 'A@1']);
  assert.deepEqual(g.nodes.map((n) => n.role), ['target', 'target', 'retainer']);
  assert.deepEqual(edgeLines(g), ['T2 -[next]-> T1', 'A -[first]-> T2']);
});

test('maxDepth stops expansion but still draws the node at the limit', () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const bb = obj('B');
  const c = obj('C');
  b.edge(a, t, 'property', 'x').edge(bb, a, 'property', 'y').edge(c, bb, 'property', 'z');
  const g2 = walk(b, [t], { maxDepth: 2 });
  assert.deepEqual(nodeLines(g2), ['T@0', 'A@1', 'B@2']);
  assert.deepEqual(edgeLines(g2), ['A -[x]-> T', 'B -[y]-> A']);
  assert.equal(g2.maxDepth, 2);
  assert.deepEqual(nodeLines(walk(b, [t], { maxDepth: 0 })), ['T@0']);
  assert.deepEqual(walk(b, [t], { maxDepth: 0 }).edges, []);
  assert.deepEqual(nodeLines(walk(b, [t], { maxDepth: 3 })), ['T@0', 'A@1', 'B@2', 'C@3']);
});

test('tooMany: past N retainers, one "more" box with the right count and an edge to the node', async () => {
  const { b, obj } = start();
  const t = obj('T');
  const rs = [1, 2, 3, 4, 5].map((i) => obj(`R${i}`));
  rs.forEach((r, i) => b.edge(r, t, 'property', `p${i + 1}`));
  const g = walk(b, [t], { tooMany: 3 });
  assert.deepEqual(nodeLines(g), ['T@0', 'R1@1', 'R2@1', 'R3@1']);
  assert.equal(g.more.length, 1);
  const more = g.more[0]!;
  assert.equal(more.count, 2);
  assert.equal(more.depth, 1);
  const moreEdges = g.edges.filter((e) => e.type === 'more');
  assert.equal(moreEdges.length, 1);
  assert.equal(moreEdges[0]!.from, more.key);
  assert.equal(moreEdges[0]!.to, g.nodes[0]!.key);
  assert.equal(moreEdges[0]!.name, 2);
  assert.deepEqual(edgeLines(g), ['R1 -[p1]-> T', 'R2 -[p2]-> T', 'R3 -[p3]-> T', '2 more -[]-> T']);
  // Exactly N retainers: no box.
  assert.equal(walk(b, [t], { tooMany: 5 }).more.length, 0);
  assert.equal(walk(b, [t], { tooMany: 4 }).more[0]!.count, 1);
  // Default 10.
  assert.equal(walk(b, [t]).more.length, 0);
  // The box is drawn in DOT, small and red, saying how many, with its arrow to the node.
  const drawn = await wasmLayout(toDot(g));
  const box = drawn.nodes.find((n) => n.name === more.key)!;
  assert.deepEqual(box.lines, ['2 more retainers']);
  assert.equal(box.attrs['color'], 'red');
  assert.ok(drawn.edges.some((e) => e.tail === more.key && e.head === g.nodes[0]!.key));
});

test('edges back to drawn nodes are drawn, so a cycle shows and is marked inCycle', async () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const bb = obj('B');
  const c = obj('C');
  b.edge(a, t, 'property', 'target');
  b.edge(bb, a, 'property', 'toA');
  b.edge(a, bb, 'property', 'toB');
  b.edge(c, bb, 'property', 'holder');
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'A@1', 'B@2', 'C@3']);
  assert.deepEqual(edgeLines(g), ['A -[target]-> T', 'B -[toA]-> A', 'A -[toB]-> B', 'C -[holder]-> B']);
  assert.deepEqual(
    g.edges.map((e) => e.inCycle),
    [false, true, true, false],
  );
  // The two arrows of the cycle are drawn in the cycle's colour, the others not.
  const drawn = await wasmLayout(toDot(g));
  assert.deepEqual(
    drawn.edges.map((e) => e.attrs['color'] === '#cc3300'),
    [false, true, true, false],
  );
});

test('ignore cuts nodes out by class name, by @id, by id text and by number', () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const bb = obj('B');
  const c = obj('C');
  b.edge(a, t, 'property', 'a').edge(bb, a, 'property', 'b').edge(c, t, 'property', 'c');
  const s = b.build();
  const cId = s.nodeId(c);
  const names = (ignore: (string | number)[]) => nodeLines(retainerGraph(s, [t], { ignore }));
  assert.deepEqual(names([]), ['T@0', 'A@1', 'C@1', 'B@2']);
  assert.deepEqual(names(['A']), ['T@0', 'C@1']);
  assert.deepEqual(names([`@${cId}`]), ['T@0', 'A@1', 'B@2']);
  assert.deepEqual(names([String(cId)]), ['T@0', 'A@1', 'B@2']);
  assert.deepEqual(names([cId]), ['T@0', 'A@1', 'B@2']);
  assert.deepEqual(names(['A', cId]), ['T@0']);
  assert.deepEqual(names(['Nope', '@999999']), ['T@0', 'A@1', 'C@1', 'B@2']);
});

test('ignore by class name uses the DevTools class name too, e.g. Function for closures', () => {
  const { b, obj } = start();
  const t = obj('T');
  const f = obj('makeThing', 'closure');
  b.edge(f, t, 'context', 'captured');
  assert.deepEqual(nodeLines(walk(b, [t])), ['T@0', 'makeThing@1']);
  assert.deepEqual(nodeLines(walk(b, [t], { ignore: ['Function'] })), ['T@0']);
});

test('filter callback: false leaves a retainer out; it sees the heap node; filtered ones do not count for tooMany', () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const c = obj('C');
  const d = obj('D');
  b.edge(a, t, 'property', 'a').edge(c, t, 'property', 'c').edge(d, t, 'property', 'd');
  const seen: string[] = [];
  const g = walk(b, [t], {
    tooMany: 1,
    filter: (n) => {
      seen.push(`${n.name}:${n.type}:${n.className}`);
      assert.equal(typeof n.id, 'number');
      assert.equal(n.selfSize, 16);
      return n.name !== 'A';
    },
  });
  assert.deepEqual(seen, ['A:object:A', 'C:object:C', 'D:object:D']);
  assert.deepEqual(nodeLines(g), ['T@0', 'C@1']);
  assert.equal(g.more[0]!.count, 1);
  assert.deepEqual(nodeLines(walk(b, [t], { filter: () => false })), ['T@0']);
});

/** root ─shortcut→ global; root → (GC roots) → (Stack roots); global.x = A; A.a = T; (Stack roots) holds A. */
function rootsAndGlobal(): { b: SnapshotBuilder; t: number } {
  const { b, root, obj } = start();
  const gcRoots = obj('(GC roots)', 'synthetic');
  const stack = obj('(Stack roots)', 'synthetic');
  const global = obj('global');
  const ctx = obj('system / Context');
  const a = obj('A');
  const t = obj('T');
  b.edge(root, gcRoots, 'element', 1);
  b.edge(root, global, 'shortcut', 'global');
  b.edge(gcRoots, stack, 'element', 2);
  b.edge(stack, a, 'internal', '7');
  b.edge(stack, a, 'internal', '8');
  b.edge(global, a, 'property', 'x');
  b.edge(ctx, global, 'internal', 'global_proxy_object');
  b.edge(a, t, 'property', 'a');
  return { b, t };
}

test('roots and global objects are drawn, in their own role, and not expanded in the default view', async () => {
  const { b, t } = rootsAndGlobal();
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'A@1', '(Stack roots)@2', 'global@2']);
  assert.deepEqual(g.nodes.map((n) => n.role), ['target', 'retainer', 'root', 'global']);
  // The two root slots holding A are one arrow; a root list's numbered slot has no label.
  assert.deepEqual(edgeLines(g), ['A -[a]-> T', '(Stack roots) -[]-> A', 'global -[x]-> A']);
  // Drawn green like objgraph's modules (hue 0.3), and distinct from the grey retainers.
  const drawn = await wasmLayout(toDot(g));
  assert.match(fillOf(drawn, '(Stack roots)'), /^0\.3,1,/);
  assert.match(fillOf(drawn, 'global'), /^0\.3,1,/);
  assert.match(fillOf(drawn, 'A'), /^0,0,/);
});

/** The fill colour Graphviz read for the box whose first line is `title`. */
function fillOf(drawn: DrawnGraph, title: string): string {
  const node = drawn.nodes.find((n) => n.lines[0] === title);
  assert.ok(node, `no box titled ${title}`);
  return node.attrs['fillcolor']!;
}

test('a global object without a shortcut from the root is still recognised by its name', () => {
  const { b, obj } = start();
  const win = obj('Window / https://example.com');
  const doc = obj('Document');
  const t = obj('T');
  b.edge(win, t, 'property', 't');
  b.edge(doc, win, 'property', 'defaultView');
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'Window / https://example.com@1']);
  assert.equal(g.nodes[1]!.role, 'global');
});

test('the raw view walks through roots and globals and shows every edge as V8 recorded it', () => {
  const { b, t } = rootsAndGlobal();
  const g = walk(b, [t], { raw: true });
  assert.equal(g.raw, true);
  assert.deepEqual(nodeLines(g), ['T@0', 'A@1', '(Stack roots)@2', 'global@2', '(GC roots)@3', '@3', 'system / Context@3']);
  assert.deepEqual(edgeLines(g), [
    'A -[property a]-> T',
    '(Stack roots) -[internal 7]-> A',
    '(Stack roots) -[internal 8]-> A',
    'global -[property x]-> A',
    '(GC roots) -[element [2]]-> (Stack roots)',
    ' -[shortcut global]-> global',
    'system / Context -[internal global_proxy_object]-> global',
    ' -[element [1]]-> (GC roots)',
  ]);
  assert.deepEqual(g.nodes.map((n) => n.role), ['target', 'retainer', 'root', 'global', 'root', 'root', 'retainer']);
});

test('weak edges: dropped by default, kept and dashed with includeWeak, always in raw', async () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  const w = obj('WeakRef');
  b.edge(a, t, 'property', 'strong');
  b.edge(w, t, 'weak', 'target');
  assert.deepEqual(edgeLines(walk(b, [t])), ['A -[strong]-> T']);
  const g = walk(b, [t], { includeWeak: true });
  assert.deepEqual(edgeLines(g), ['A -[strong]-> T', 'WeakRef -[target]-> T']);
  assert.deepEqual(g.edges.map((e) => e.weak), [false, true]);
  assert.deepEqual(
    (await wasmLayout(toDot(g))).edges.map((e) => [e.label, e.attrs['style']]),
    [
      ['strong', undefined],
      ['target', 'dashed'],
    ],
  );
  assert.ok((await wasmLayout(toDot(walk(b, [t])))).edges.every((e) => e.attrs['style'] === undefined));
  const raw = walk(b, [t], { raw: true });
  assert.deepEqual(edgeLines(raw), ['A -[property strong]-> T', 'WeakRef -[weak target]-> T']);
  assert.equal(raw.edges[1]!.weak, true);
});

test('self edges are dropped in the default view, kept in raw', () => {
  const { b, obj } = start();
  const t = obj('T');
  const a = obj('A');
  b.edge(t, t, 'property', 'self');
  b.edge(a, t, 'property', 'a');
  assert.deepEqual(edgeLines(walk(b, [t])), ['A -[a]-> T']);
  assert.deepEqual(edgeLines(walk(b, [t], { raw: true })), ['T -[property self]-> T', 'A -[property a]-> T']);
});

test('plumbing is dropped: code, object shapes, internal map/feedback_cell, __proto__, NativeContext; user properties named map or code are kept', () => {
  const { b, obj } = start();
  const t = obj('T');
  const code = obj('someFunction', 'code');
  const shape = obj('system / Map', 'object shape');
  const internalMap = obj('HoldsMapInternally');
  const feedback = obj('HoldsFeedbackCell');
  const userMap = obj('UserWithMapProperty');
  const userCode = obj('UserWithCodeProperty');
  const child = obj('Child');
  const native = obj('system / NativeContext', 'hidden');
  const plain = obj('Plain');
  b.edge(code, t, 'internal', 'constant');
  b.edge(shape, t, 'internal', 'prototype');
  b.edge(internalMap, t, 'internal', 'map');
  b.edge(feedback, t, 'internal', 'feedback_cell');
  b.edge(userMap, t, 'property', 'map');
  b.edge(userCode, t, 'property', 'code');
  b.edge(child, t, 'property', '__proto__');
  b.edge(native, t, 'internal', 'some_slot');
  b.edge(plain, t, 'internal', 'hidden_slot');
  assert.deepEqual(edgeLines(walk(b, [t])), ['UserWithMapProperty -[map]-> T', 'UserWithCodeProperty -[code]-> T', 'Plain -[hidden_slot]-> T']);
  // All of them in raw.
  assert.equal(walk(b, [t], { raw: true }).edges.length, 9);
});

test("a prototype's constructor edge back to its class is dropped; other constructor properties are kept", () => {
  const { b, obj } = start();
  const cls = obj('Test', 'closure');
  const proto = obj('Test.prototype');
  const holder = obj('Registry');
  const plain = obj('Plain');
  const target = obj('T');
  b.edge(proto, cls, 'property', 'constructor');
  b.edge(holder, cls, 'property', 'cls');
  b.edge(plain, target, 'property', 'constructor');
  assert.deepEqual(edgeLines(walk(b, [cls])), ['Registry -[cls]-> Test']);
  assert.deepEqual(edgeLines(walk(b, [target])), ['Plain -[constructor]-> T']);
});

/** Array ─internal elements→ (object elements) ─internal "0"→ T, and optionally Array ─element 0→ T. */
function arrayWithStore(direct: boolean): { b: SnapshotBuilder; t: number } {
  const { b, obj } = start();
  const t = obj('T');
  const arr = obj('Array');
  const store = obj('(object elements)', 'array');
  const ctx = obj('system / Context');
  if (direct) b.edge(arr, t, 'element', 0);
  b.edge(arr, store, 'internal', 'elements');
  b.edge(store, t, 'internal', '0');
  b.edge(ctx, arr, 'context', 'seq');
  return { b, t };
}

test('backing store: Array holding T both directly and through (object elements) draws one edge [0]', () => {
  const { b, t } = arrayWithStore(true);
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'Array@1', 'system / Context@2']);
  assert.deepEqual(edgeLines(g), ['Array -[[0]]-> T', 'system / Context -[seq]-> Array']);
  assert.equal(g.edges[0]!.collapsed, false);
  assert.equal(g.edges[0]!.type, 'element');
  assert.equal(g.edges[0]!.name, 0);
});

test('backing store: when only the store holds T, the edge is drawn from the owner, collapsed', () => {
  const { b, t } = arrayWithStore(false);
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'Array@1', 'system / Context@2']);
  assert.deepEqual(edgeLines(g), ['Array -[[0]]-> T', 'system / Context -[seq]-> Array']);
  assert.equal(g.edges[0]!.collapsed, true);
  assert.equal(g.edges[1]!.collapsed, false);
});

test('backing store: (object properties) collapses into the owner with the property name', () => {
  const { b, obj } = start();
  const t = obj('T');
  const o = obj('Holder');
  const props = obj('(object properties)', 'array');
  const props2 = obj('(object properties)', 'array');
  const o2 = obj('Holder2');
  b.edge(o, props, 'internal', 'properties');
  b.edge(props, t, 'internal', 'cache');
  b.edge(o2, props2, 'internal', 'properties');
  b.edge(props2, t, 'internal', '12');
  const g = walk(b, [t]);
  assert.deepEqual(edgeLines(g), ['Holder -[cache]-> T', 'Holder2 -[property]-> T']);
  assert.ok(g.edges.every((e) => e.collapsed));
});

test('the raw view shows the backing store and its edges with V8 labels', () => {
  const { b, t } = arrayWithStore(true);
  const g = walk(b, [t], { raw: true });
  assert.deepEqual(nodeLines(g), ['T@0', 'Array@1', '(object elements)@1', 'system / Context@2']);
  assert.deepEqual(edgeLines(g), ['Array -[element [0]]-> T', '(object elements) -[internal 0]-> T', 'system / Context -[context seq]-> Array', 'Array -[internal elements]-> (object elements)']);
  assert.ok(g.edges.every((e) => !e.collapsed));
});

/** global ─internal properties→ (object properties) ─internal "66"→ PropertyCell ─internal value→ T. */
function globalVariable(direct: boolean): { b: SnapshotBuilder; t: number } {
  const { b, root, obj } = start();
  const t = obj('T');
  const global = obj('global');
  const props = obj('(object properties)', 'array');
  const cell = obj('system / PropertyCell', 'hidden');
  b.edge(root, global, 'shortcut', 'global');
  if (direct) b.edge(global, t, 'property', 'gvar');
  b.edge(global, props, 'internal', 'properties');
  b.edge(props, cell, 'internal', '66');
  b.edge(cell, t, 'internal', 'value');
  return { b, t };
}

test('PropertyCell: a global variable is drawn from the global object, through the cell and the properties store', () => {
  const { b, t } = globalVariable(false);
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'global@1']);
  assert.deepEqual(edgeLines(g), ['global -[global variable]-> T']);
  assert.equal(g.edges[0]!.collapsed, true);
  assert.equal(g.nodes[1]!.role, 'global');
  // With the property edge V8 also records, one edge with the variable's name.
  const withProperty = globalVariable(true);
  const g2 = walk(withProperty.b, [withProperty.t]);
  assert.deepEqual(edgeLines(g2), ['global -[gvar]-> T']);
  assert.equal(g2.edges[0]!.collapsed, false);
  // Raw: the cell and the store are there.
  assert.deepEqual(nodeLines(walk(b, [t], { raw: true })), ['T@0', 'system / PropertyCell@1', '(object properties)@2', 'global@3', '@4']);
});

test('Map and Set: values held through the hash table are drawn from the Map, labelled "in Map"', () => {
  const { b, obj } = start();
  const t = obj('T');
  const map = obj('Map');
  const table = obj('', 'array');
  const set = obj('Set');
  const setTable = obj('system / OrderedHashSet', 'array');
  const holder = obj('Cache');
  b.edge(map, table, 'internal', 'table');
  b.edge(table, t, 'internal', '6');
  b.edge(set, setTable, 'internal', 'table');
  b.edge(setTable, t, 'internal', '3');
  b.edge(holder, map, 'property', 'byKey');
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', 'Map@1', 'Set@1', 'Cache@2']);
  assert.deepEqual(edgeLines(g), ['Map -[in Map]-> T', 'Set -[in Set]-> T', 'Cache -[byKey]-> Map']);
  assert.deepEqual(g.edges.map((e) => e.collapsed), [true, true, false]);
  const raw = walk(b, [t], { raw: true });
  assert.deepEqual(edgeLines(raw).slice(0, 2), [' -[internal 6]-> T', 'system / OrderedHashSet -[internal 3]-> T']);
});

test('WeakMap: the pair edges are labelled from the key and from the WeakMap', () => {
  const { b, obj } = start();
  const t = obj('T');
  const key = obj('Key');
  const wm = obj('WeakMap');
  const table = obj('system / EphemeronHashTable', 'array');
  const s = b.build();
  const keyId = s.nodeId(key);
  const tId = s.nodeId(t);
  const tableId = s.nodeId(table);
  const pair = (n: number) => `${n} / part of key (Key @${keyId}) -> value (T @${tId}) pair in WeakMap (table @${tableId})`;
  b.edge(key, t, 'internal', pair(1));
  b.edge(wm, table, 'internal', 'table');
  b.edge(table, t, 'internal', pair(2));
  b.edge(table, key, 'weak', '0');
  const g = walk(b, [t]);
  assert.deepEqual(edgeLines(g), ['Key -[value of this key in a WeakMap]-> T', `WeakMap -[WeakMap value for key @${keyId}]-> T`]);
  assert.deepEqual(g.edges.map((e) => e.collapsed), [false, true]);
  assert.deepEqual(nodeLines(walk(b, [t], { raw: true })).slice(0, 3), ['T@0', 'Key@1', 'system / EphemeronHashTable@1']);
});

test('node keys come from heap ids and are stable across runs', () => {
  const { b, t } = arrayWithStore(true);
  const s = b.build();
  const g1 = retainerGraph(s, [t]);
  const g2 = retainerGraph(b.build(), [t]);
  assert.deepEqual(g1.nodes.map((n) => n.key), g2.nodes.map((n) => n.key));
  assert.deepEqual(g1.nodes.map((n) => n.key), g1.nodes.map((n) => `n${n.id}`));
  assert.equal(toDot(g1), toDot(g2));
});

test('repeated heap ids (other producers) still give distinct keys', () => {
  const b = new SnapshotBuilder();
  b.node('synthetic', '', { id: 1 });
  const t = b.node('object', 'T', { id: 5 });
  const a = b.node('object', 'A', { id: 7 });
  const c = b.node('object', 'C', { id: 7 });
  b.edge(a, t, 'property', 'a').edge(c, t, 'property', 'c');
  const g = walk(b, [t]);
  assert.equal(new Set(g.nodes.map((n) => n.key)).size, 3);
  assert.deepEqual(edgeLines(g), ['A -[a]-> T', 'C -[c]-> T']);
});

test('a backing store with no owner edge is drawn as itself, not dropped', () => {
  const { b, obj } = start();
  const t = obj('T');
  const store = obj('(object elements)', 'array');
  const holder = obj('Holder');
  b.edge(store, t, 'internal', '0');
  b.edge(holder, store, 'property', 'orphanStore');
  const g = walk(b, [t]);
  assert.deepEqual(nodeLines(g), ['T@0', '(object elements)@1', 'Holder@2']);
  assert.deepEqual(edgeLines(g), ['(object elements) -[]-> T', 'Holder -[orphanStore]-> (object elements)']);
});
