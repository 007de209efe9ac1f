/**
 * Duplicated strings against DevTools' own "Duplicated strings" filter (heap-snapshot-toolkit),
 * on every fixture and on a scenario that makes 50 copies of one text at run time.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { duplicateStrings } from '../src/analysis/duplicate-strings.js';
import { SnapshotBuilder } from '../src/snapshot/builder.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { devtools } from './helpers/devtools-arrays.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

async function sameAsDevTools(file: string): Promise<number> {
  const [snap, dt] = await Promise.all([loadSnapshot(file), devtools(file)]);
  const filter = dt.createNamedFilter('duplicatedStrings');
  const node = dt.createNode(0);
  const theirs: number[] = [];
  for (let o = 0; o < dt.nodeCount; o++) {
    node.nodeIndex = o * dt.nodeFieldCount;
    if (filter(node)) theirs.push(o);
  }
  const ours = duplicateStrings(snap, { sample: Infinity }).flatMap((d) => d.ordinals).sort((a, b) => a - b);
  assert.deepEqual(ours, theirs);
  return ours.length;
}

for (const f of readdirSync(SHARED_FIXTURES).filter((f) => f.endsWith('.heapsnapshot.gz'))) {
  test(`the strings DevTools' filter marks as duplicated, and no others: ${f}`, async () => {
    await sameAsDevTools(join(SHARED_FIXTURES, f));
  });
}

test('a text copied 50 times at run time: 50 copies or more, the waste is all but one copy', async () => {
  const file = await scenarioSnapshot('strings');
  assert.ok((await sameAsDevTools(file)) > 0);
  const snap = await loadSnapshot(file);
  const d = duplicateStrings(snap).find((x) => x.text === 'duplicated text value');
  assert.ok(d, 'the copied text is listed');
  assert.ok(d.count >= 50, `${d.count}`);
  const each = snap.selfSize(d.ordinals[0]!);
  assert.equal(d.totalBytes, d.count * each);
  assert.equal(d.wastedBytes, (d.count - 1) * each);
  // The 2000 distinct strings of the same scenario are not duplicates.
  assert.equal(duplicateStrings(snap).filter((x) => x.text.length === 1000).length, 0);
});

test('a flattened concatenated string (one half empty) is not a copy of its content', () => {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const flat = b.node('string', 'abc', { selfSize: 20 });
  const cons = b.node('concatenated string', 'abc', { selfSize: 32 });
  const emptyHalf = b.node('string', '', { selfSize: 16 });
  const other = b.node('concatenated string', '(concatenated string)', { selfSize: 32 });
  const copy = b.node('string', 'xyz', { selfSize: 20 });
  b.edge(root, flat, 'element', 0).edge(root, cons, 'element', 1).edge(root, other, 'element', 2).edge(root, copy, 'element', 3);
  const xy = b.node('string', 'xy', { selfSize: 20 });
  const z = b.node('string', 'z', { selfSize: 20 });
  b.edge(cons, flat, 'internal', 'first').edge(cons, emptyHalf, 'internal', 'second');
  // Content read from the halves, as DevTools does.
  b.edge(other, xy, 'internal', 'first').edge(other, z, 'internal', 'second');
  const snap = b.build();
  assert.deepEqual(duplicateStrings(snap).map((d) => [d.text, d.count, d.totalBytes, d.wastedBytes]), [['xyz', 2, 52, 20]]);
});
