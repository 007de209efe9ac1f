/**
 * Distances from the roots equal DevTools' own (its heap snapshot worker's code, on npm as
 * heap-snapshot-toolkit), node for node, on every shared fixture and every test scenario.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { distances } from '../src/analysis/distances.js';
import { loadSnapshot } from '../src/index.js';
import { devtoolsDistances } from './helpers/devtools.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { SCENARIOS, scenarioSnapshot } from './helpers/scenarios.js';

async function compare(file: string): Promise<void> {
  const [snap, theirs] = await Promise.all([loadSnapshot(file), devtoolsDistances(file)]);
  const mine = distances(snap).distance;
  assert.equal(mine.length, theirs.length);
  const differ: string[] = [];
  for (let o = 0; o < mine.length; o++) {
    if (mine[o] !== theirs[o] && differ.length < 5) differ.push(`@${snap.nodeId(o)} ${snap.nodeName(o)}: ${mine[o]} vs DevTools' ${theirs[o]}`);
  }
  assert.deepEqual(differ, [], `distances differ from DevTools' in ${file}`);
}

describe('distances equal DevTools', () => {
  const fixtures = readdirSync(SHARED_FIXTURES).filter((f) => f.endsWith('.heapsnapshot.gz'));
  assert.ok(fixtures.length >= 3);
  for (const f of fixtures) test(`fixture ${f}`, () => compare(join(SHARED_FIXTURES, f)));
  for (const s of SCENARIOS) test(`scenario ${s}`, async () => compare(await scenarioSnapshot(s)));
});
