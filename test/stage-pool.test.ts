/**
 * The long fuzz run's watchdog (test/fuzz/stage-pool.ts) times each stage, as its option
 * `--stage-timeout` says: stages that each finish well inside the limit are not a hang however
 * long the case takes in all, and a stage past it is reported in that stage. It timed the whole
 * case before, so long-chain at a million nodes was reported hung "in why-dot", the stage its
 * running total happened to pass 60 s in. The stand-in worker blocks for set times; the
 * margins are wide (each stage under half the limit, the hung one three times past it).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { StagePool } from './fuzz/stage-pool.js';
import type { TimedJob } from './helpers/timed-stages-worker.js';

const LIMIT_MS = 2000;
const pool = new StagePool<TimedJob>(LIMIT_MS, new URL('./helpers/timed-stages-worker.js', import.meta.url));
after(() => pool.close());

test('stages each under the limit, together past it, are not a hang', async () => {
  const stages = (['load', 'select', 'walk', 'why', 'why-dot'] as const).map((stage) => ({ stage, ms: 900 }));
  const r = await pool.run({ stages });
  assert.equal(r.kind, 'done', JSON.stringify(r));
  if (r.kind === 'done') assert.ok(r.ms > LIMIT_MS, `the case took ${r.ms.toFixed(0)} ms in all`);
});

test('a stage past the limit is a hang in that stage', async () => {
  const r = await pool.run({ stages: [{ stage: 'load', ms: 900 }, { stage: 'why', ms: 900 }, { stage: 'text', ms: 3 * LIMIT_MS }] });
  assert.equal(r.kind, 'hang', JSON.stringify(r));
  if (r.kind === 'hang') assert.equal(r.stage, 'text');
});

test('the pool goes on with a fresh worker after a hang', async () => {
  const r = await pool.run({ stages: [{ stage: 'load', ms: 10 }] });
  assert.equal(r.kind, 'done', JSON.stringify(r));
});
