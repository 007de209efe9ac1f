import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classCounts, closestClassNames, findById, findByType } from '../src/graph/select.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';

const QUOTED = 'Say "hi" \\ there\nnext';
const UNICODE = 'Ünïcödé日本😀';
const LONE = 'Lone\ud800Surrogate';
const LONE_LOW = '\udc00low';

/** Ordinals by name so tests read as intent. */
function sample(): { b: SnapshotBuilder; o: Record<string, number> } {
  const b = new SnapshotBuilder();
  const o: Record<string, number> = {};
  o.root = b.node('synthetic', '');
  o.test1 = b.node('object', 'Test', { id: 101 });
  o.testClass = b.node('closure', 'Test', { id: 103 });
  o.testString = b.node('string', 'Test', { id: 105 });
  o.test2 = b.node('object', 'Test', { id: 107 });
  o.testNative = b.node('native', 'Test', { id: 109 });
  o.testHelper = b.node('object', 'TestHelper', { id: 111 });
  o.tester = b.node('object', 'test', { id: 113 });
  o.quoted = b.node('object', QUOTED, { id: 115 });
  o.unicode = b.node('object', UNICODE, { id: 117 });
  o.lone = b.node('object', LONE, { id: 119 });
  o.loneLow = b.node('object', LONE_LOW, { id: 121 });
  o.other = b.node('object', 'Other', { id: 123 });
  o.test3 = b.node('object', 'Test', { id: 125 });
  return { b, o };
}

async function both(): Promise<{ name: string; snap: HeapSnapshot; o: Record<string, number> }[]> {
  const { b, o } = sample();
  return [
    { name: 'built', snap: b.build(), o },
    { name: 'loaded', snap: await loadSnapshot(new TextEncoder().encode(b.toJSON())), o },
  ];
}

test('findByType matches object nodes by exact name by default, in snapshot order', async () => {
  for (const { name, snap, o } of await both()) {
    assert.deepEqual(findByType(snap, 'Test'), [o.test1, o.test2, o.test3], name);
    assert.deepEqual(findByType(snap, 'test'), [o.tester], name);
    assert.deepEqual(findByType(snap, 'Tes'), [], name);
    assert.deepEqual(findByType(snap, 'NoSuchClass'), [], name);
    assert.deepEqual(findByType(snap, ''), [], name);
  }
});

test('nodeTypes widens the match to closures, strings, natives or all types', async () => {
  for (const { name, snap, o } of await both()) {
    assert.deepEqual(findByType(snap, 'Test', { nodeTypes: ['closure'] }), [o.testClass], name);
    assert.deepEqual(findByType(snap, 'Test', { nodeTypes: ['object', 'closure'] }), [o.test1, o.testClass, o.test2, o.test3], name);
    assert.deepEqual(findByType(snap, 'Test', { nodeTypes: 'all' }), [o.test1, o.testClass, o.testString, o.test2, o.testNative, o.test3], name);
    assert.deepEqual(findByType(snap, 'Test', { nodeTypes: ['no such type'] }), [], name);
  }
});

test('names with quotes, backslashes, newlines, non-ASCII and lone surrogates match exactly', async () => {
  for (const { name, snap, o } of await both()) {
    assert.deepEqual(findByType(snap, QUOTED), [o.quoted], name);
    assert.deepEqual(findByType(snap, UNICODE), [o.unicode], name);
    assert.deepEqual(findByType(snap, LONE), [o.lone], name);
    assert.deepEqual(findByType(snap, LONE_LOW), [o.loneLow], name);
    // Near misses must not match: the escaped form, the replacement character, a prefix.
    assert.deepEqual(findByType(snap, 'Say \\"hi\\" \\\\ there\\nnext'), [], name);
    assert.deepEqual(findByType(snap, 'Lone\ufffdSurrogate'), [], name);
    assert.deepEqual(findByType(snap, 'Lone\\ud800Surrogate'), [], name);
    assert.deepEqual(findByType(snap, 'Ünïcödé日本'), [], name);
  }
});

test('findById accepts @123, 123, numbers and surrounding spaces; reports the rest as missing', async () => {
  for (const { name, snap, o } of await both()) {
    assert.deepEqual(findById(snap, ['@101', '107', 125, ' @123 ']), { found: [o.test1, o.test2, o.test3, o.other], missing: [] }, name);
    assert.deepEqual(findById(snap, ['@999', 'abc', '@', '@1x', '-101', '1.5']), { found: [], missing: ['@999', 'abc', '@', '@1x', '-101', '1.5'] }, name);
    assert.deepEqual(findById(snap, ['@1', '@102']), { found: [o.root], missing: ['@102'] }, name);
    assert.deepEqual(findById(snap, []), { found: [], missing: [] }, name);
  }
});

test('classCounts counts instances of each class of the selected types', async () => {
  for (const { name, snap } of await both()) {
    const counts = classCounts(snap);
    assert.equal(counts.get('Test'), 3, name);
    assert.equal(counts.get(QUOTED), 1, name);
    assert.equal(counts.get('Function'), undefined, name);
    // DevTools' Summary calls closures `Function`.
    assert.equal(classCounts(snap, { nodeTypes: 'all' }).get('Function'), 1, name);
    assert.equal(classCounts(snap, { nodeTypes: 'all' }).get('(closure)'), undefined, name);
    // The closure and the string named Test are not instances of Test.
    assert.equal(classCounts(snap, { nodeTypes: 'all' }).get('Test'), 4, name);
    assert.equal(classCounts(snap, { nodeTypes: 'all' }).get('(string)'), 1, name);
    assert.equal(classCounts(snap, { nodeTypes: ['closure'] }).get('Test'), undefined, name);
  }
});

test('closestClassNames suggests near names, exact case-insensitive first, then by count', async () => {
  for (const { name, snap } of await both()) {
    // Both match case-insensitively; the more common one comes first.
    assert.deepEqual(closestClassNames(snap, 'TEST').slice(0, 2), ['Test', 'test'], name);
    assert.equal(closestClassNames(snap, 'Tset')[0], 'Test', name);
    assert.ok(closestClassNames(snap, 'Tset').includes('test'), name);
    assert.ok(closestClassNames(snap, 'Helper').includes('TestHelper'), name);
    assert.deepEqual(closestClassNames(snap, 'Zzzzzzzzzzzzzzzz'), [], name);
    assert.deepEqual(closestClassNames(snap, 'Othr'), ['Other'], name);
    assert.equal(closestClassNames(snap, 'Tset', {}, 1).length, 1, name);
    // Suggestions are names findByType can find with the same options: the closure's own name.
    assert.deepEqual(closestClassNames(snap, 'Tset', { nodeTypes: ['closure'] }), ['Test'], name);
    assert.deepEqual(closestClassNames(snap, '(closure)', { nodeTypes: ['closure'] }), [], name);
    assert.deepEqual(closestClassNames(snap, 'Tset', { nodeTypes: ['native'] }), ['Test'], name);
    assert.deepEqual(closestClassNames(snap, 'Other', { nodeTypes: ['closure'] }), [], name);
  }
});

test('every class `types` lists is found by --type: by name, a type of node without names (`Function`, `(string)`), or natives by their Summary class', async () => {
  const { readdirSync, createReadStream } = await import('node:fs');
  const { createGunzip } = await import('node:zlib');
  const { join } = await import('node:path');
  const { SHARED_FIXTURES } = await import('./helpers/paths.js');
  const { countByType, sampleByType } = await import('../src/graph/select.js');
  for (const f of readdirSync(SHARED_FIXTURES).filter((x) => x.endsWith('.heapsnapshot.gz'))) {
    const snap = await loadSnapshot(createReadStream(join(SHARED_FIXTURES, f)).pipe(createGunzip()));
    const summary = classCounts(snap, { nodeTypes: 'all' });
    for (const [name, count] of summary) {
      const found = countByType(snap, name);
      // The Summary adds the natives that share an object class's name (a worker's global scope): --type takes the objects.
      const natives = snap.meta.nodeTypes.includes('native') ? countByType(snap, name, { nodeTypes: ['native'] }) : 0;
      assert.ok(found === count || (found > 0 && found + natives === count), `${f}: ${name}: types says ${count}, --type finds ${found}`);
    }
    assert.equal(sampleByType(snap, 'Function').nodeType, 'closure');
    assert.equal(countByType(snap, 'Function'), summary.get('Function'));
  }
});
