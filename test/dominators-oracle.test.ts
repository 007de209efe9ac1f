/**
 * Chrome DevTools' own heap snapshot code (heap-snapshot-toolkit) as the oracle: the same file,
 * read by both, must give the same immediate dominator, shallow size and retained size for every
 * node, and the same Summary totals per class.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { dominatorTree } from '../src/analysis/dominators.js';
import { classRetainedSizes, retainedSize, shallowSize } from '../src/analysis/retained-sizes.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { devtools, type DevToolsSnapshot } from './helpers/devtools-arrays.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { SCENARIOS, scenarioSnapshot } from './helpers/scenarios.js';

type DevToolsArrays = DevToolsSnapshot;

function selfSizeIn(dt: DevToolsArrays, o: number): number {
  const i = o * dt.nodeFieldCount + dt.nodeSelfSizeOffset;
  return dt.nodes instanceof Uint32Array ? dt.nodes[i]! : dt.nodes.getValue(i);
}

/** Every node compared; returns how many, and lists the first few differences in the failure. */
function compareNodes(snap: HeapSnapshot, dt: DevToolsArrays): number {
  assert.equal(snap.nodeCount, dt.nodeCount);
  const { dominator } = dominatorTree(snap);
  const wrong: string[] = [];
  for (let o = 0; o < snap.nodeCount && wrong.length < 5; o++) {
    const what = `node ${o} @${snap.nodeId(o)} (${snap.nodeType(o)} ${JSON.stringify(snap.nodeName(o).slice(0, 30))})`;
    if (dominator[o] !== dt.dominatorsTree[o]) wrong.push(`${what}: dominator ${dominator[o]}, DevTools ${dt.dominatorsTree[o]}`);
    if (retainedSize(snap, o) !== dt.retainedSizes[o]) wrong.push(`${what}: retained ${retainedSize(snap, o)}, DevTools ${dt.retainedSizes[o]}`);
    if (shallowSize(snap, o) !== selfSizeIn(dt, o)) wrong.push(`${what}: shallow ${shallowSize(snap, o)}, DevTools ${selfSizeIn(dt, o)}`);
  }
  assert.deepEqual(wrong, []);
  return snap.nodeCount;
}

/**
 * DevTools' Summary totals per class, by DevTools' own class keys (it names plain objects by
 * their properties, detached nodes `Detached …`, closures `Function`, and splits objects by
 * constructor location; backrefs' className does none of that), so the rule for nesting is what
 * is compared. Read from its internal aggregate map: getAggregatesByClassKey() keys them by name,
 * and two classes of one name (objects named `Function` and the closures) overwrite each other.
 */
function compareClasses(snap: HeapSnapshot, dt: DevToolsArrays): number {
  const node = dt.createNode(0);
  const ours = classRetainedSizes(snap, {
    classOf: (o) => {
      node.nodeIndex = o * dt.nodeFieldCount;
      return String(node.classKeyInternal());
    },
  });
  const aggregates = dt.buildAggregates();
  dt.calculateClassesRetainedSize(aggregates);
  for (const [key, a] of aggregates) assert.deepEqual(ours.get(String(key)), { count: a.count, shallow: a.self, retained: a.maxRet }, `class ${a.name} (${key})`);
  return aggregates.size;
}

describe('retained sizes and dominators equal DevTools\', node for node', () => {
  const fixtures = readdirSync(SHARED_FIXTURES).filter((f) => f.endsWith('.heapsnapshot.gz'));
  test('there are fixtures to compare', () => assert.ok(fixtures.length >= 3, fixtures.join(', ')));
  for (const f of fixtures) {
    test(`fixture ${f}`, async () => {
      const file = join(SHARED_FIXTURES, f);
      const [snap, dt] = await Promise.all([loadSnapshot(file), devtools(file)]);
      compareNodes(snap, dt);
      compareClasses(snap, dt);
    });
  }
  for (const s of SCENARIOS) {
    test(`scenario ${s} (v8.writeHeapSnapshot in a child process)`, async () => {
      const file = await scenarioSnapshot(s);
      const [snap, dt] = await Promise.all([loadSnapshot(file), devtools(file)]);
      compareNodes(snap, dt);
      compareClasses(snap, dt);
    });
  }
  test('graphs built in code (weak-only retainers, unreachable cycles, WeakMap pairs, page-owned rule)', async () => {
    const b = new SnapshotBuilder();
    const root = b.node('synthetic', '', { selfSize: 0 });
    const global = b.node('object', 'global', { selfSize: 8 });
    const gc = b.node('synthetic', '(GC roots)', { selfSize: 0 });
    b.edge(root, global, 'shortcut', 'global').edge(root, gc, 'element', 1);
    const o = (name: string, size: number, type = 'object') => b.node(type, name, { selfSize: size });
    const [a, c, d, w, x, p, q, key, table, value, handle, elems] = [o('A', 1), o('C', 2), o('D', 4), o('W', 8), o('X', 16), o('P', 32), o('Q', 64), o('Key', 128), o('Table', 256, 'array'), o('Value', 512), o('Handle', 1024), o('(object elements)', 2048, 'array')];
    const id = (n: number) => 2 * n + 1;
    const pair = (n: number) => `${n} / part of key (Key @${id(key)}) -> value (Value @${id(value)}) pair in WeakMap (table @${id(table)})`;
    b.edge(global, a, 'property', 'a').edge(a, c, 'property', 'c').edge(a, d, 'property', 'd').edge(c, d, 'property', 'd');
    b.edge(d, w, 'weak', 'w').edge(w, x, 'property', 'x').edge(p, q, 'property', 'q').edge(q, p, 'property', 'p');
    b.edge(global, key, 'property', 'k').edge(global, table, 'internal', 't').edge(key, value, 'internal', pair(1)).edge(table, value, 'internal', pair(3));
    b.edge(gc, handle, 'element', 0).edge(handle, c, 'property', 'c').edge(a, elems, 'internal', 'elements').edge(d, d, 'property', 'self');
    const snap = b.build();
    const dt = await devtools({ json: b.toJSON() });
    compareNodes(snap, dt);
  });
});

test('the retained size of an array of N strings is what the program put in it', async () => {
  // test/scenarios/strings.cjs: a Holder whose `kept` array holds 2000 distinct strings of 1000 characters.
  const snap = await loadSnapshot(await scenarioSnapshot('strings'));
  const holders = [];
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'object' && snap.nodeName(o) === 'Holder') holders.push(o);
  assert.equal(holders.length, 1);
  const holder = holders[0]!;
  const first = snap.firstEdge(holder);
  let kept = -1;
  for (let e = first; e < first + snap.edgeCountOf(holder) * snap.edgeFieldCount; e += snap.edgeFieldCount) if (snap.edgeName(e) === 'kept') kept = snap.edgeTarget(e);
  assert.notEqual(kept, -1);
  const strings: number[] = [];
  const { dominator } = dominatorTree(snap);
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'string' && snap.nodeName(o).length === 1000 && dominator[o] === kept) strings.push(o);
  assert.equal(strings.length, 2000);
  const textBytes = strings.reduce((sum, o) => sum + snap.selfSize(o), 0);
  // A one-byte string is its 1000 characters and a header of at most 32 bytes.
  assert.ok(textBytes >= 2000 * 1000 && textBytes <= 2000 * 1032, `${textBytes}`);
  // The array retains exactly itself (with its elements store, counted in its shallow size) and the strings.
  assert.equal(retainedSize(snap, kept), shallowSize(snap, kept) + textBytes);
  assert.ok(shallowSize(snap, kept) >= 2000 * 4, 'the elements store, one slot per string, is counted in the array');
  // The holder retains the array and, being the only Holder, its own hidden class (map, descriptors).
  const beyond = retainedSize(snap, holder) - shallowSize(snap, holder) - retainedSize(snap, kept);
  assert.ok(beyond >= 0 && beyond < 4096, `${beyond}`);
});
