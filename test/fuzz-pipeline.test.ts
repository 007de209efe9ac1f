/**
 * The whole pipeline under fuzz, the short share for `npm test` (`npm run fuzz` is the long one):
 * every graph shape of test/fuzz/shapes.ts at a small size, and every case of a small mutation run
 * that loads, go through select, walk, DOT, JSON, text and SVG in process. Each output is checked
 * (JSON parses and counts, text is inert, SVG parses as XML) and each stage's time is reported.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildCase, caseSpec, generatedSnapshot, parseSeeds, type ParsedSeed, smallSeeds } from './fuzz/cases.js';
import { runPipeline, StageReport } from './fuzz/pipeline.js';
import { SHAPES } from './fuzz/shapes.js';
import { pickClass } from './fuzz/stage-worker.js';

const SHAPE_SIZE = Number(process.env['FUZZ_SHAPE_SIZE'] ?? 40);
const CASES = Number(process.env['FUZZ_PIPELINE_CASES'] ?? 120);

let seeds: ParsedSeed[];
before(() => {
  seeds = parseSeeds(smallSeeds([generatedSnapshot()]));
});

test(`every graph shape at n=${SHAPE_SIZE} goes through every stage and every format`, async (t) => {
  const report = new StageReport();
  for (const shape of SHAPES) {
    const r = await runPipeline(Buffer.from(shape.build(SHAPE_SIZE).toJSON()), { className: 'Target', ...shape.walk });
    report.add(shape.name, r);
    assert.deepEqual(r.problems, [], shape.name);
    assert.equal(r.refused, undefined, shape.name);
    assert.ok(r.size.drawn > 0, `${shape.name} drew nothing`);
    assert.ok(r.ms.svg !== undefined, `${shape.name} was not rendered`);
  }
  assert.deepEqual([...report.formats].sort(), ['dot', 'json', 'svg', 'text']);
  t.diagnostic(`shapes: ${report.cases} cases, peak RSS ${(report.peakRss / 2 ** 20).toFixed(0)} MB`);
  for (const line of report.lines()) t.diagnostic(line);
});

test(`${CASES} mutated snapshots: every one that loads goes through the whole pipeline`, async (t) => {
  const report = new StageReport();
  let loaded = 0;
  for (let i = 0; i < CASES; i++) {
    const spec = caseSpec(7, i, seeds.length);
    const { mutant } = buildCase(seeds, spec);
    const r = await runPipeline(mutant.bytes, { className: pickClass(spec.caseSeed), maxDepth: 10, tooMany: 10, maxTargets: 10 });
    if (r.refused) continue;
    loaded++;
    report.add(`case ${i} (${mutant.name})`, r);
    assert.deepEqual(r.problems, [], `case ${i} (${mutant.name})`);
  }
  assert.ok(loaded > CASES / 10, `only ${loaded} of ${CASES} loaded`);
  t.diagnostic(`mutations: ${loaded} of ${CASES} loaded and went through every stage; peak RSS ${(report.peakRss / 2 ** 20).toFixed(0)} MB`);
  for (const line of report.lines()) t.diagnostic(line);
});
