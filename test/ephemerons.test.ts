import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWeakMapEdge, SHORTEST_WEAK_MAP_EDGE, weakMapEdgeNamed } from '../src/analysis/ephemerons.js';
import { StringTable } from '../src/snapshot/strings.js';

const shortest = '1 / part of key ( @1) -> value ( @1) pair in WeakMap (table @1)';

test('the shortest WeakMap entry name is accepted, and its length is the bound below which names are ruled out unread', () => {
  assert.equal(shortest.length, SHORTEST_WEAK_MAP_EDGE);
  assert.deepEqual(parseWeakMapEdge(shortest), { keyId: 1, valueId: 1, tableId: 1, pairName: shortest.slice(1) });
  // Every way of making it one character shorter is refused.
  for (let i = 0; i < shortest.length; i++) assert.equal(parseWeakMapEdge(shortest.slice(0, i) + shortest.slice(i + 1)), undefined, `without character ${i}`);
});

test('weakMapEdgeNamed reads the table as parseWeakMapEdge reads the decoded name, escaped names included', () => {
  const names = [
    shortest,
    '12 / part of key (Object @33) -> value (Session @35) pair in WeakMap (table @41)',
    '7 / part of key (\u00e9t\u00e9 \u2028 @3) -> value (V @4) pair in WeakMap (table @5)',
    '7 / part of key (\u00e9t\u00e9 "q" @3) -> value (V @4) pair in WeakMap (table @5)',
    '12345',
    'map',
    '',
    shortest.replace('(table', '(tablE'),
  ];
  const strings = StringTable.from(names);
  names.forEach((name, i) => assert.deepEqual(weakMapEdgeNamed(strings, i), parseWeakMapEdge(name), name));
  assert.ok(strings.byteLength(3) > names[3]!.length, 'an escaped name takes more bytes than characters');
});
