/**
 * The bounded fuzz run (a few hundred cases, seconds): real and generated snapshots, shrunk,
 * then damaged and changed in every way test/fuzz/mutate.ts knows. Each case must load
 * consistently (agreeing with JSON.parse) or be refused with a one-line SnapshotError naming the
 * file; never another exception, never a hang, never a runaway allocation.
 * `npm run fuzz` is the long version (test/fuzz/long.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { before, describe, test } from 'node:test';
import { SnapshotError } from '../src/snapshot/errors.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { consistency, diffViews, runCase, viewOfModel, viewOfSnapshot } from './fuzz/check.js';
import { brokenSnapshots, caseSpec, FIXTURES_DIR, generatedSnapshot, realSnapshots, REGRESSIONS_DIR, type Seed, smallSeeds } from './fuzz/cases.js';
import { BYTE_MUTATORS, parseSnap, Rng, serialize, shrink, tinySnap } from './fuzz/mutate.js';
import { FuzzPool } from './fuzz/pool.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? 400);
const RUN_SEED = Number(process.env['FUZZ_SEED'] ?? 20240);

let real: Seed[] | undefined;
let generated: Seed;
let small: Seed[];

before(() => {
  real = realSnapshots();
  if (!real && process.env['CI']) throw new Error(`the shared fixtures are missing: expected them in ${FIXTURES_DIR} (../shared/fixtures from the repository)`);
  generated = generatedSnapshot();
  small = smallSeeds([...(real ?? []), generated]);
});

const needsFixtures = () => (realSnapshots() ? false : `no shared fixtures at ${FIXTURES_DIR}`);

describe('real and generated snapshots', () => {
  test('load, and mean exactly what JSON.parse reads', { skip: needsFixtures() }, async () => {
    for (const s of [...real!, generated]) {
      const snap = await loadSnapshot(s.bytes, { name: s.name });
      assert.deepEqual(consistency(snap), [], s.name);
      const d = diffViews(viewOfModel(parseSnap(s.bytes.toString('utf8'))), viewOfSnapshot(snap));
      assert.equal(d, undefined, `${s.name}: ${d}`);
    }
  });

  test('the broken ones are refused quickly, naming the mismatch', { skip: needsFixtures() }, async () => {
    const files = brokenSnapshots();
    assert.equal(files.length, 2);
    for (const file of files) {
      const rss0 = process.memoryUsage.rss();
      const t0 = performance.now();
      const e = await loadSnapshot(file).then(
        () => assert.fail(`${file} loaded`),
        (err: unknown) => err,
      );
      const ms = performance.now() - t0;
      assert.ok(e instanceof SnapshotError, String(e));
      assert.equal(e.code, 'ECOUNTS', e.message);
      assert.ok(e.message.startsWith(`${file}: `), e.message);
      assert.doesNotMatch(e.message, /\n/);
      assert.match(e.message, file.endsWith('tiny-nodesource.heapsnapshot') ? /node_count says 26688716 nodes but the "nodes" array holds 23 nodes/ : /add up to 8 edges but the "edges" array holds 7/);
      assert.ok(ms < 500, `${file}: ${ms} ms`);
      assert.ok(process.memoryUsage.rss() - rss0 < 64 * 2 ** 20, `${file}: RSS grew by ${(process.memoryUsage.rss() - rss0) / 2 ** 20} MB`);
    }
  });
});

describe('resource limits', () => {
  test('a real header promising 4e9 or 5e8 nodes fails fast, without allocating for them', async () => {
    const text = generated.bytes.toString('latin1');
    for (const [count, code] of [
      [4e9, 'ELIMIT'],
      [5e8, 'ECOUNTS'],
    ] as const) {
      const bytes = Buffer.from(text.replace(/"node_count":\d+/, `"node_count":${count}`), 'latin1');
      for (const input of [bytes, (async function* () { yield bytes; })()]) {
        const rss0 = process.memoryUsage.rss();
        const t0 = performance.now();
        const e = await loadSnapshot(input, { name: 'promise.heapsnapshot' }).then(
          () => assert.fail('loaded'),
          (err: unknown) => err,
        );
        // A stream's size is unknown: where the machine cannot hold what the header promises, the
        // memory budget refuses it (ELIMIT) before the arrays are read.
        const codes: string[] = code === 'ECOUNTS' && !(input instanceof Uint8Array) ? ['ECOUNTS', 'ELIMIT'] : [code];
        assert.ok(e instanceof SnapshotError && codes.includes(e.code), String(e));
        assert.ok(performance.now() - t0 < 2000, `${count}: ${performance.now() - t0} ms`);
        // The file is 4 MB: the arrays may be sized for it, never for the promise (14 GB).
        assert.ok(process.memoryUsage.rss() - rss0 < 256 * 2 ** 20, `${count}: RSS grew by ${(process.memoryUsage.rss() - rss0) / 2 ** 20} MB`);
      }
    }
  });

  test('two million edges on one node, self loops and cycles everywhere', async () => {
    const s = tinySnap();
    const sections = new Map(s.sections);
    const n = 2_000_000;
    const edges: number[] = new Array<number>(n * 3);
    for (let i = 0; i < n; i++) {
      edges[3 * i] = 1; // element
      edges[3 * i + 1] = i;
      edges[3 * i + 2] = (i % 5) * 7; // every node, the root itself included
    }
    const nodes = sections.get('nodes') as number[];
    for (let o = 0; o < 5; o++) nodes[o * 7 + 4] = o === 0 ? n : 0;
    s.sections = s.sections.map(([k, v]) => [k, k === 'edges' ? edges : v]);
    (sections.get('snapshot') as { edge_count: number }).edge_count = n;
    const bytes = serialize(s);
    const t0 = performance.now();
    const snap = await loadSnapshot(bytes, { name: 'wide.heapsnapshot' });
    assert.equal(snap.edgeCount, n);
    assert.equal(snap.retainingEdges(0).length, n / 5);
    assert.ok(performance.now() - t0 < 5000, `${performance.now() - t0} ms for ${bytes.length} bytes`);
    assert.deepEqual(consistency(snap), []);
  });
});

describe('large files (read on two threads)', () => {
  test('damaged 64 MB files: the two-thread reader answers exactly like the one-pass reader', { timeout: 180_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'backrefs-parallel-'));
    try {
      const base = serialize(shrink(parseSnap(generated.bytes.toString('utf8')), 2000)).toString('latin1');
      // 65 MB of blanks inside the nodes array: valid JSON, and past the parallel reader's threshold.
      const pad = (text: string) => text.replace('"nodes":[', `"nodes":[${' '.repeat(65 * 2 ** 20)}`);
      const edgesAt = base.indexOf('"edges":[') + 9;
      const variants: Array<[string, string]> = [
        ['as written', base],
        ['edge_count + 1', base.replace(/"edge_count":(\d+)/, (_, n: string) => `"edge_count":${Number(n) + 1}`)],
        ['node_count - 1', base.replace(/"node_count":(\d+)/, (_, n: string) => `"node_count":${Number(n) - 1}`)],
        ['node_count + 3000', base.replace(/"node_count":(\d+)/, (_, n: string) => `"node_count":${Number(n) + 3000}`)],
        ['a second edges key', base.replace('"strings":', '"edges":[],"strings":')],
        ['a key between nodes and edges', base.replace('"edges":[', '"x":{"a":"]"},"edges":[')],
        ['edges last', base.replace(/("edges":\[[^\]]*\]),([\s\S]*)}$/, '$2,$1}')],
        ['a bad byte in the edges', base.slice(0, edgesAt + 50) + 'x' + base.slice(edgesAt + 51)],
        ['an edge outside the nodes', base.slice(0, edgesAt) + base.slice(edgesAt).replace(/^(\d+),(\d+),(\d+)/, '$1,$2,4294967295')],
        ['cut inside the edges', base.slice(0, edgesAt + 1000)],
        ['edges key in a string', base.replace('"edges":[', '"edges ":[1],"edges":[')],
      ];
      const problems: string[] = [];
      for (const [what, text] of variants) {
        const file = join(dir, 'big.heapsnapshot');
        writeFileSync(file, pad(text), 'latin1');
        const outcome = async (parallel: boolean) => {
          try {
            const s = await loadSnapshot(file, { parallel });
            return { sig: `loaded ${s.nodeCount} nodes, ${s.edgeCount} edges`, view: viewOfSnapshot(s) };
          } catch (e) {
            return { sig: e instanceof SnapshotError ? `${e.code}: ${e.message}` : `crash: ${String(e)}` };
          }
        };
        const one = await outcome(false);
        const two = await outcome(true);
        if (one.sig !== two.sig) problems.push(`${what}: one pass "${one.sig}", two threads "${two.sig}"`);
        else if (one.view && two.view && diffViews(one.view, two.view)) problems.push(`${what}: ${diffViews(one.view, two.view)}`);
        t.diagnostic(`${what}: ${one.sig.replace(file, 'FILE')}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fuzz', () => {
  test(`${CASES} mutated small snapshots (seed ${RUN_SEED})`, async (t) => {
    const pool = new FuzzPool(small, 20_000);
    const failures: string[] = [];
    const tally = new Map<string, number>();
    try {
      for (let i = 0; i < CASES; i++) {
        const spec = caseSpec(RUN_SEED, i, small.length);
        const r = await pool.run(spec);
        if (r.kind !== 'done') {
          failures.push(`case ${i} (${small[spec.seedIndex]!.name}): ${r.kind === 'hang' ? `hang (${r.ms.toFixed(0)} ms)` : r.error}`);
          continue;
        }
        const { verdict, mutant } = r.reply;
        const key = verdict.outcome.kind === 'ok' ? 'loaded' : `${verdict.outcome.kind} ${verdict.outcome.code}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        if (verdict.problems.length) failures.push(`case ${i} (${small[spec.seedIndex]!.name}, ${mutant}): ${verdict.problems.join(' | ')}`);
      }
    } finally {
      await pool.close();
    }
    t.diagnostic(`outcomes: ${[...tally].sort().map(([k, v]) => `${k} ${v}`).join(', ')}; peak RSS ${(pool.peakRss / 2 ** 20).toFixed(0)} MB`);
    assert.deepEqual(failures, [], `reproduce with FUZZ_SEED=${RUN_SEED}: node dist/test/fuzz/long.js is the long run`);
    assert.ok(pool.peakRss < 2 * 2 ** 30, `peak RSS ${pool.peakRss / 2 ** 20} MB`);
  });

  test('full-size snapshots truncated, flipped and cut short', async () => {
    const rng = new Rng(RUN_SEED);
    const problems: string[] = [];
    for (const s of [...(real ?? []), generated]) {
      for (const name of ['truncate', 'truncate', 'flip-bytes', 'flip-digit', 'delete-bytes', 'zero-tail']) {
        const m = BYTE_MUTATORS[name]!(s.bytes, rng);
        if (!m) continue;
        const v = await runCase(m.bytes, { name: `${s.name}-${name}`, expect: m.expect, chunkSeed: rng.chance(0.3) ? rng.int(2 ** 31) : undefined });
        if (v.problems.length) problems.push(`${s.name} ${name}: ${v.problems.join(' | ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every saved regression input is still handled', async () => {
    const files = existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((f) => /\.heapsnapshot(\.gz)?$/.test(f)) : [];
    assert.ok(files.length >= 3, `regression inputs missing from ${REGRESSIONS_DIR}`);
    const problems: string[] = [];
    for (const f of files) {
      const raw = readFileSync(join(REGRESSIONS_DIR, f));
      // Large cases are kept gzipped; the check feeds them plain, in chunks and gzipped.
      const bytes = f.endsWith('.gz') ? gunzipSync(raw) : raw;
      const v = await runCase(bytes, { name: f, expect: { kind: 'any' }, chunkSeed: 1, gzip: true });
      if (v.problems.length) problems.push(`${f}: ${v.problems.join(' | ')}`);
    }
    assert.deepEqual(problems, []);
  });
});
