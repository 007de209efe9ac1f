import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dominatorTree } from '../src/analysis/dominators.js';
import { classRetainedSizes, dominatorChain, retainedSize, retainedSizesOfSets, shallowSize } from '../src/analysis/retained-sizes.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';

/*
 * Tiny graphs whose dominators are known by hand. Every graph has a synthetic root (node 0); the
 * root links a global object by a shortcut edge, as V8 does, so DevTools' page-owned and
 * shallow-size rules are in force unless a test says otherwise. Sizes are distinct powers of
 * two where a test adds them up, so a sum says which nodes are in it.
 */

interface Graph {
  b: SnapshotBuilder;
  root: number;
  global: number;
  obj: (name: string, selfSize?: number, type?: string) => number;
}

function graph(): Graph {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '', { selfSize: 0 });
  const global = b.node('object', 'global', { selfSize: 0 });
  b.edge(root, global, 'shortcut', 'global');
  return { b, root, global, obj: (name, selfSize = 16, type = 'object') => b.node(type, name, { selfSize }) };
}

/** Dominators by name: `child <- dominator`, for the named nodes. */
function dominators(snap: HeapSnapshot, ...ordinals: number[]): string[] {
  const { dominator } = dominatorTree(snap);
  return ordinals.map((o) => `${snap.nodeName(o)} <- ${snap.nodeName(dominator[o]!) || '(root)'}`);
}

test('a diamond: the node where the two paths meet is dominated by where they part', () => {
  const { b, global, obj } = graph();
  const a = obj('A', 1);
  const l = obj('L', 2);
  const r = obj('R', 4);
  const d = obj('D', 8);
  b.edge(global, a, 'property', 'a').edge(a, l, 'property', 'l').edge(a, r, 'property', 'r');
  b.edge(l, d, 'property', 'd').edge(r, d, 'property', 'd');
  const snap = b.build();
  assert.deepEqual(dominators(snap, a, l, r, d), ['A <- global', 'L <- A', 'R <- A', 'D <- A']);
  assert.equal(retainedSize(snap, a), 15);
  assert.equal(retainedSize(snap, l), 2);
  assert.equal(retainedSize(snap, d), 8);
  assert.deepEqual(dominatorChain(snap, d).map((o) => snap.nodeName(o) || '(root)'), ['(root)', 'global', 'A', 'D']);
});

test('a cycle entered at one point: each node dominates the next, the entry retains all', () => {
  const { b, global, obj } = graph();
  const a = obj('A', 1);
  const x = obj('X', 2);
  const y = obj('Y', 4);
  b.edge(global, a, 'property', 'a').edge(a, x, 'property', 'next').edge(x, y, 'property', 'next').edge(y, a, 'property', 'next');
  const snap = b.build();
  assert.deepEqual(dominators(snap, a, x, y), ['A <- global', 'X <- A', 'Y <- X']);
  assert.equal(retainedSize(snap, a), 7);
  assert.equal(retainedSize(snap, y), 4);
});

test('a cycle entered at two points: neither entry dominates the other', () => {
  const { b, global, obj } = graph();
  const p = obj('P', 1);
  const q = obj('Q', 2);
  b.edge(global, p, 'property', 'p').edge(global, q, 'property', 'q').edge(p, q, 'property', 'q').edge(q, p, 'property', 'p');
  const snap = b.build();
  assert.deepEqual(dominators(snap, p, q), ['P <- global', 'Q <- global']);
  assert.equal(retainedSize(snap, p), 1);
});

test('weak edges do not retain: a node kept by a weak edge only hangs from the root, with what it alone holds', () => {
  const { b, global, obj } = graph();
  const a = obj('A', 1);
  const w = obj('W', 2);
  const x = obj('X', 4);
  b.edge(global, a, 'property', 'a').edge(a, w, 'weak', 'ref').edge(w, x, 'property', 'x');
  const snap = b.build();
  assert.deepEqual(dominators(snap, a, w, x), ['A <- global', 'W <- (root)', 'X <- W']);
  assert.equal(retainedSize(snap, a), 1);
  assert.equal(retainedSize(snap, w), 6);
  assert.equal(dominatorTree(snap).reachedFromRoot, 3);
});

test('an island no one points at, and a cycle no one else reaches: the root dominates each of their nodes', () => {
  const { b, global, obj } = graph();
  const a = obj('A', 1);
  const lone = obj('Lone', 2);
  const held = obj('HeldByLone', 4);
  const p = obj('P', 8);
  const q = obj('Q', 16);
  b.edge(global, a, 'property', 'a').edge(lone, held, 'property', 'h').edge(p, q, 'property', 'q').edge(q, p, 'property', 'p');
  const snap = b.build();
  assert.deepEqual(dominators(snap, lone, held, p, q), ['Lone <- (root)', 'HeldByLone <- Lone', 'P <- (root)', 'Q <- (root)']);
  assert.equal(retainedSize(snap, lone), 6);
  // DevTools gives each node of such a cycle only its own size.
  assert.equal(retainedSize(snap, p), 8);
  assert.equal(retainedSize(snap, 0), 31);
});

test('self edges and shortcut edges away from the root do not count', () => {
  const { b, global, obj } = graph();
  const a = obj('A');
  const s = obj('S');
  const c = obj('C');
  b.edge(global, a, 'property', 'a').edge(global, s, 'property', 's').edge(a, c, 'property', 'c');
  b.edge(s, c, 'shortcut', 'bound').edge(c, c, 'property', 'self');
  const snap = b.build();
  assert.deepEqual(dominators(snap, c), ['C <- A']);
});

test("a WeakMap value is dominated by its key, not by the table (the table's edge is left out)", () => {
  const { b, global, obj } = graph();
  const key = obj('Key', 1);
  const table = obj('EphemeronHashTable', 2, 'array');
  const value = obj('Value', 4);
  const map = obj('WeakMap', 8);
  // Ids are known before the build: the builder hands out odd ids in order from 1.
  const id = (o: number) => 2 * o + 1;
  const name = (n: number) => `${n} / part of key (Key @${id(key)}) -> value (Value @${id(value)}) pair in WeakMap (table @${id(table)})`;
  b.edge(global, key, 'property', 'key').edge(global, map, 'property', 'map').edge(map, table, 'internal', 'table');
  b.edge(key, value, 'internal', name(1)).edge(table, value, 'internal', name(3));
  const snap = b.build();
  assert.equal(snap.nodeId(table), id(table));
  assert.deepEqual(dominators(snap, value), ['Value <- Key']);
  assert.equal(retainedSize(snap, key), 5);
  // The table is an internal array that only the WeakMap reaches: its size is the WeakMap's.
  assert.equal(shallowSize(snap, map), 10);
  assert.equal(shallowSize(snap, table), 0);
  assert.equal(retainedSize(snap, map), 10);
});

test('an edge from an object the page does not own into one it owns is left out', () => {
  const { b, root, global, obj } = graph();
  const gcRoots = b.node('synthetic', '(GC roots)', { selfSize: 0 });
  const handles = obj('Handle');
  const y = obj('Y');
  const x = obj('X');
  b.edge(root, gcRoots, 'element', 1).edge(gcRoots, handles, 'element', 1).edge(handles, x, 'property', 'x');
  b.edge(global, y, 'property', 'y').edge(y, x, 'property', 'x');
  const snap = b.build();
  // With the handle's edge counted, X would have two retainers and the root as its dominator.
  assert.deepEqual(dominators(snap, x, handles), ['X <- Y', 'Handle <- (GC roots)']);
});

test("shallow sizes: an internal array with one owner is counted in the owner, a shared one keeps its size", () => {
  const { b, global, obj } = graph();
  const a = obj('A', 1);
  const c = obj('C', 2);
  const own = obj('(object elements)', 4, 'array');
  const ownDeeper = obj('system / Feedback', 8, 'hidden');
  const shared = obj('(shared)', 16, 'array');
  b.edge(global, a, 'property', 'a').edge(global, c, 'property', 'c');
  b.edge(a, own, 'internal', 'elements').edge(own, ownDeeper, 'internal', 'x').edge(a, shared, 'internal', 's').edge(c, shared, 'internal', 's');
  const snap = b.build();
  assert.deepEqual([a, c, own, ownDeeper, shared].map((o) => shallowSize(snap, o)), [13, 2, 0, 0, 16]);
  assert.equal(retainedSize(snap, a), 13);
  assert.equal(retainedSize(snap, 0), 31);
});

test('shallow sizes are left as V8 wrote them when the root has no user roots', () => {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '', { selfSize: 0 });
  const gc = b.node('synthetic', '(GC roots)', { selfSize: 0 });
  const a = b.node('object', 'A', { selfSize: 1 });
  const own = b.node('array', '(object elements)', { selfSize: 4 });
  b.edge(root, gc, 'element', 1).edge(gc, a, 'element', 1).edge(a, own, 'internal', 'elements');
  const snap = b.build();
  assert.deepEqual([shallowSize(snap, a), shallowSize(snap, own), retainedSize(snap, a)], [1, 4, 5]);
});

test('per class, an instance dominated by another of its class is not counted twice', () => {
  const { b, global, obj } = graph();
  const n1 = obj('Link', 1);
  const n2 = obj('Link', 2);
  const n3 = obj('Link', 4);
  const data = obj('Data', 8);
  const free = obj('Link', 16);
  b.edge(global, n1, 'property', 'head').edge(n1, n2, 'property', 'next').edge(n2, n3, 'property', 'next').edge(n3, data, 'property', 'data');
  b.edge(global, free, 'property', 'other');
  const snap = b.build();
  const links = classRetainedSizes(snap).get('Link');
  assert.deepEqual(links, { count: 4, shallow: 23, retained: 15 + 16 });
  assert.deepEqual(classRetainedSizes(snap).get('Data'), { count: 1, shallow: 8, retained: 8 });
});

test('a deep chain (a million links) does not overflow a stack', () => {
  const { b, global, obj } = graph();
  let last = global;
  const N = 1_000_000;
  for (let i = 0; i < N; i++) {
    const next = obj('L', 1);
    b.edge(last, next, 'property', 'next');
    last = next;
  }
  const snap = b.build();
  assert.equal(retainedSize(snap, 2), N);
  assert.equal(dominatorChain(snap, last).length, N + 2);
  assert.deepEqual(classRetainedSizes(snap).get('L'), { count: N, shallow: N, retained: N });
});

test('the tree is computed once per snapshot', () => {
  const { b, global, obj } = graph();
  b.edge(global, obj('A'), 'property', 'a');
  const snap = b.build();
  assert.equal(dominatorTree(snap), dominatorTree(snap));
});

test('sets of nodes: a member below another member counts once, siblings add up, order and repeats do not matter', () => {
  const { b, global, obj } = graph();
  // A list h1 -> h2 -> h3, each link also holding a private payload; s beside it; d shared by h3 and s.
  const h1 = obj('H', 1);
  const h2 = obj('H', 2);
  const h3 = obj('H', 4);
  const p1 = obj('P', 8);
  const p3 = obj('P', 16);
  const s = obj('S', 32);
  const d = obj('D', 64);
  b.edge(global, h1, 'property', 'list').edge(h1, h2, 'property', 'next').edge(h2, h3, 'property', 'next');
  b.edge(h1, p1, 'property', 'payload').edge(h3, p3, 'property', 'payload');
  b.edge(global, s, 'property', 's').edge(h3, d, 'property', 'd').edge(s, d, 'property', 'd');
  const snap = b.build();
  assert.deepEqual(
    retainedSizesOfSets(snap, [[h1, h2, h3], [h3, h1], [h2, s], [h2, h2], [h3], [h3, s], [0, h2]]),
    [1 + 2 + 4 + 8 + 16, 1 + 2 + 4 + 8 + 16, 2 + 4 + 16 + 32, 2 + 4 + 16, 4 + 16, 4 + 16 + 32, retainedSize(snap, 0)],
  );
  // The same rule as a class's total: the H list retains what its head retains.
  assert.equal(classRetainedSizes(snap).get('H')!.retained, retainedSizesOfSets(snap, [[h1, h2, h3]])[0]);
});
