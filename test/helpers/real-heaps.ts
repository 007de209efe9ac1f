import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classCounts, findByType } from '../../src/graph/select.js';
import type { WhyOptions } from '../../src/graph/why.js';
import type { HeapSnapshot } from '../../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { SHAPES } from '../fuzz/shapes.js';
import { SHARED_FIXTURES } from './paths.js';
import { QUESTIONS, scenarioSnapshot, type Scenario } from './scenarios.js';

/**
 * The heaps tests compare two versions of a pass or writer on, with up to `limit` targets each:
 * every scenario question and the `extra` scenarios' `Test`s, every fixture's commonest class,
 * every fuzz shape (with the walk options it is made for).
 */
export async function* realHeaps(extra: readonly Scenario[], limit = 500): AsyncGenerator<{ what: string; snap: HeapSnapshot; targets: number[]; walk?: WhyOptions }> {
  for (const { scenario, type } of [...QUESTIONS, ...extra.map((scenario) => ({ scenario, type: 'Test' }))]) {
    const snap = await loadSnapshot(await scenarioSnapshot(scenario));
    yield { what: `${scenario} ${type}`, snap, targets: findByType(snap, type, { limit }) };
  }
  for (const f of readdirSync(SHARED_FIXTURES).filter((x) => /\.heapsnapshot(\.gz)?$/.test(x))) {
    const snap = await loadSnapshot(join(SHARED_FIXTURES, f));
    const [type] = [...classCounts(snap)].sort((a, b) => b[1] - a[1])[0]!;
    yield { what: f, snap, targets: findByType(snap, type, { limit }) };
  }
  for (const shape of SHAPES) {
    const snap = shape.build(300).build();
    yield { what: shape.name, snap, targets: findByType(snap, 'Target', { limit: shape.walk.maxTargets }), walk: shape.walk };
  }
}
