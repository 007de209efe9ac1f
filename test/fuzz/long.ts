/**
 * `npm run fuzz`: the long fuzz run. Mutates the real snapshots in ../shared/fixtures and a
 * generated one, feeds every case to the reader (in a worker, with a watchdog and RSS sampling),
 * a sample of them to the CLI as a process once bin/backrefs.js exists, and saves every failing
 * input (when small) to test/fixtures/regressions/ with a note of how to reproduce it.
 *
 *   node dist/test/fuzz/long.js [--cases 20000] [--seed 1] [--from 0] [--only MUTATOR] [--cli-every 50] [--full-share 0.03] [--no-save]
 *                               [--pipeline-every 1] [--shape-sizes 1000,10000,100000,1000000] [--only-shape NAME] [--stage-timeout 120 (seconds a stage)] [--shapes-only]
 *
 * Cases `from`..`cases`-1 are run; `--from N --cases N+1` replays case N alone. Every case the
 * reader loads then goes through the whole pipeline (select, walk, DOT, JSON, text, SVG when
 * small) in a second worker; after the mutations, every graph shape of test/fuzz/shapes.ts runs
 * through it at each size. Hangs (past --stage-timeout seconds) are reported with their stage.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCase, CLI, generatedSnapshot, parseSeeds, type ParsedSeed, realSnapshots, REGRESSIONS_DIR, type CaseSpec, type Seed, smallSeeds } from './cases.js';
import { Rng } from './mutate.js';
import { type PipelineResult, StageReport, stageBudgetMs } from './pipeline.js';
import { FuzzPool } from './pool.js';
import { SHAPES } from './shapes.js';
import { StagePool } from './stage-pool.js';

interface Options {
  cases: number;
  from: number;
  seed: number;
  only: string | undefined;
  cliEvery: number;
  fullShare: number;
  save: boolean;
  pipelineEvery: number;
  shapeSizes: number[];
  onlyShape: string | undefined;
  stageTimeoutS: number;
  shapesOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { cases: 20_000, from: 0, seed: 1, only: undefined, cliEvery: 50, fullShare: 0.03, save: true, pipelineEvery: 1, shapeSizes: [1000, 10_000, 100_000, 1_000_000], onlyShape: undefined, stageTimeoutS: 120, shapesOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--cases') o.cases = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--from') o.from = Number(next());
    else if (a === '--only') o.only = next();
    else if (a === '--cli-every') o.cliEvery = Number(next());
    else if (a === '--full-share') o.fullShare = Number(next());
    else if (a === '--no-save') o.save = false;
    else if (a === '--pipeline-every') o.pipelineEvery = Number(next());
    else if (a === '--shape-sizes') o.shapeSizes = next().split(',').map(Number);
    else if (a === '--only-shape') o.onlyShape = next();
    else if (a === '--stage-timeout') o.stageTimeoutS = Number(next());
    else if (a === '--shapes-only') o.shapesOnly = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** Case i: mostly the small seeds, a share of full-size files. */
function spec(o: Options, index: number, small: number, full: number): CaseSpec {
  const rng = new Rng((o.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const seedIndex = full > 0 && rng.chance(o.fullShare) ? small + rng.int(full) : rng.int(small);
  return { index, seedIndex, caseSeed: (rng.next() * 2 ** 32) >>> 0 };
}

interface CliCheck {
  problems: string[];
}

/** Runs the CLI on one input; a refusal must be exit 1, one stderr line, no output file. */
function runCli(bytes: Uint8Array, readerRefused: boolean): CliCheck {
  const dir = mkdtempSync(join(tmpdir(), 'backrefs-cli-fuzz-'));
  const input = join(dir, 'in.heapsnapshot');
  const out = join(dir, 'out', 'graph.dot');
  mkdirSync(join(dir, 'out'));
  writeFileSync(input, bytes);
  const problems: string[] = [];
  try {
    const r = spawnSync(process.execPath, [CLI, input, '--type', 'Test', '-o', out], { encoding: 'utf8', timeout: 60_000 });
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    const leftovers = readdirSync(join(dir, 'out')).filter((f) => f !== 'graph.dot');
    if (r.signal) problems.push(`CLI killed by ${r.signal}`);
    if (leftovers.length) problems.push(`CLI left files behind: ${leftovers.join(', ')}`);
    if (r.status !== 0) {
      if (r.status !== 1) problems.push(`CLI exit code ${r.status}, expected 1`);
      if (lines.length !== 1) problems.push(`CLI wrote ${lines.length} stderr lines: ${JSON.stringify(r.stderr.slice(0, 300))}`);
      if (/\n\s+at /.test(r.stderr)) problems.push('CLI printed a stack trace');
      if (existsSync(out)) problems.push('CLI failed but left an output file');
    } else if (readerRefused) {
      problems.push('the reader refused the file but the CLI exited 0');
    } else if (!existsSync(out)) {
      problems.push('CLI exited 0 without writing the output file');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { problems };
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const real = realSnapshots();
  if (!real) console.warn(`note: ${'../shared/fixtures'} not found; fuzzing generated snapshots only`);
  const full: Seed[] = [...(real ?? []), generatedSnapshot()];
  const small = smallSeeds(full);
  const seeds = [...small, ...full];
  const cliPresent = existsSync(CLI);
  console.log(`seeds: ${small.map((s) => `${s.name} (${s.bytes.length} B)`).join(', ')}; full-size share ${o.fullShare}`);
  console.log(`cases ${o.cases}, seed ${o.seed}${o.only ? `, only ${o.only}` : ''}; CLI ${cliPresent ? `every ${o.cliEvery} cases` : 'not built yet (bin/backrefs.js missing): skipped'}`);

  const pool = new FuzzPool(seeds, 60_000, o.only);
  const stages = new StagePool(o.stageTimeoutS * 1000);
  const report = new StageReport();
  let pipelineRuns = 0;
  /** A whole-pipeline result judged: problems, and any stage past its time budget. */
  const judge = (label: string, r: PipelineResult): string[] => {
    report.add(label, r);
    const problems = [...r.problems];
    const budget = stageBudgetMs(r.size);
    for (const [stage, ms] of Object.entries(r.ms)) if (ms > budget) problems.push(`${stage} took ${ms.toFixed(0)} ms (budget ${budget.toFixed(0)} ms for ${r.size.nodes} nodes, ${r.size.edges} edges)`);
    return problems;
  };
  if (o.shapesOnly) o.cases = o.from;
  let parsed: ParsedSeed[] | undefined;
  const stats = { ok: 0, lenient: 0, crash: 0, hang: 0, cli: 0, failures: 0, refused: new Map<string, number>(), byMutator: new Map<string, number>(), slowest: 0 };
  const failures: string[] = [];

  const fail = (s: CaseSpec, what: string, problems: string[]) => {
    stats.failures++;
    parsed ??= parseSeeds(seeds);
    const c = buildCase(parsed, s, o.only);
    const seedName = seeds[s.seedIndex]!.name;
    const line = `seed ${o.seed} case ${s.index} (${seedName}, ${c.mutant.name}${c.mutant.gzip ? ', gzipped' : ''}${c.chunkSeed !== undefined ? ', chunked' : ''}; ${c.mutant.bytes.length} B): ${what}: ${problems.join(' | ')}`;
    failures.push(line);
    console.log(`FAIL ${line.slice(0, 2000)}`);
    if (!o.save) return;
    mkdirSync(REGRESSIONS_DIR, { recursive: true });
    const base = `${seedName.replace(/\.heapsnapshot$/, '')}-${c.mutant.name.replace(/[^a-z0-9+^-]/gi, '_')}-s${o.seed}-c${s.index}`;
    if (c.mutant.bytes.length <= 256 * 1024) writeFileSync(join(REGRESSIONS_DIR, `${base}.heapsnapshot`), c.mutant.bytes);
    appendFileSync(join(REGRESSIONS_DIR, 'NOTES.md'), `- \`${base}\`: ${line.replace(/\n/g, ' ').slice(0, 1000)}\n  reproduce: \`node dist/test/fuzz/long.js --seed ${o.seed} --from ${s.index} --cases ${s.index + 1}\`\n`);
  };

  for (let i = o.from; i < o.cases; i++) {
    const s = spec(o, i, small.length, full.length);
    const r = await pool.run(s);
    if (r.kind === 'hang') {
      stats.hang++;
      fail(s, `no answer after ${r.ms.toFixed(0)} ms (hang)`, []);
      continue;
    }
    if (r.kind === 'died') {
      stats.crash++;
      fail(s, 'the worker died', [r.error]);
      continue;
    }
    const { verdict, mutant } = r.reply;
    const out = verdict.outcome;
    stats.byMutator.set(mutant.split('+')[0]!, (stats.byMutator.get(mutant.split('+')[0]!) ?? 0) + 1);
    stats.slowest = Math.max(stats.slowest, out.ms);
    if (out.kind === 'ok') stats.ok++;
    else if (out.kind === 'refused') stats.refused.set(out.code!, (stats.refused.get(out.code!) ?? 0) + 1);
    else stats.crash++;
    if (verdict.lenient) stats.lenient++;
    if (verdict.problems.length) fail(s, 'reader', verdict.problems);
    if (out.kind === 'ok' && o.pipelineEvery > 0 && i % o.pipelineEvery === 0) {
      parsed ??= parseSeeds(seeds);
      const c = buildCase(parsed, s, o.only);
      const p = await stages.run({ bytes: c.mutant.bytes, pick: s.caseSeed });
      pipelineRuns++;
      if (p.kind === 'hang') fail(s, `pipeline hung in ${p.stage ?? 'start-up'} (${p.ms.toFixed(0)} ms)`, []);
      else if (p.kind === 'died') fail(s, `pipeline died in ${p.stage ?? 'start-up'}`, [p.error]);
      else {
        const problems = judge(`case ${i}`, p.result);
        if (problems.length) fail(s, 'pipeline', problems);
      }
    }

    if (cliPresent && o.cliEvery > 0 && i % o.cliEvery === 0) {
      parsed ??= parseSeeds(seeds);
      const c = buildCase(parsed, s, o.only);
      const cli = runCli(c.mutant.bytes, out.kind !== 'ok');
      stats.cli++;
      if (cli.problems.length) fail(s, 'CLI', cli.problems);
    }
    if ((i + 1) % 1000 === 0) console.log(`  ${i + 1} cases, ${stats.failures} failures, peak RSS ${(pool.peakRss / 2 ** 20).toFixed(0)} MB, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  await pool.close();

  // Graph shapes, each size through the whole pipeline.
  const shapeFailures: string[] = [];
  for (const shape of SHAPES.filter((sh) => !o.onlyShape || sh.name === o.onlyShape)) {
    for (const n of o.shapeSizes) {
      const label = `${shape.name} n=${n}`;
      const p = await stages.run({ shape: shape.name, n });
      let line: string;
      if (p.kind === 'hang') line = `HANG in ${p.stage ?? 'build'} after ${p.ms.toFixed(0)} ms`;
      else if (p.kind === 'died') line = `DIED in ${p.stage ?? 'build'}: ${p.error}`;
      else {
        const problems = judge(label, p.result);
        const times = Object.entries(p.result.ms).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
        line = `${(p.inputBytes / 2 ** 20).toFixed(1)} MB, ${p.result.size.nodes} nodes, ${p.result.size.drawn} drawn; ms: ${times}${problems.length ? `; PROBLEMS: ${problems.join(' | ').slice(0, 600)}` : ''}`;
        if (problems.length) shapeFailures.push(`${label}: ${problems.join(' | ').slice(0, 600)}`);
      }
      if (p.kind !== 'done') shapeFailures.push(`${label}: ${line}`);
      console.log(`shape ${label}: ${line}`);
    }
  }
  await stages.close();
  stats.failures += shapeFailures.length;

  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`\n${o.cases} cases in ${secs} s (seed ${o.seed}): ${stats.ok} loaded (${stats.lenient} of them bytes JSON.parse refuses), refused ${[...stats.refused].sort().map(([k, v]) => `${k} ${v}`).join(', ')}; ${stats.crash} crashes, ${stats.hang} hangs; ${stats.cli} CLI runs`);
  console.log(`slowest case ${stats.slowest.toFixed(0)} ms; peak RSS ${(pool.peakRss / 2 ** 20).toFixed(0)} MB`);
  console.log(`mutators: ${[...stats.byMutator].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`whole pipeline: ${pipelineRuns} mutated cases and ${report.cases - pipelineRuns} shape cases measured; formats ${[...report.formats].join(', ')}; peak RSS ${(Math.max(report.peakRss, stages.peakRss) / 2 ** 20).toFixed(0)} MB`);
  for (const line of report.lines()) console.log(line);
  for (const f of shapeFailures) console.log(`FAIL shape ${f}`);
  console.log(stats.failures ? `${stats.failures} FAILURES (inputs saved under test/fixtures/regressions/)` : 'no failures');
  return stats.failures ? 1 : 0;
}

// node --test runs every .js file under dist/test/; only run when started directly.
if (!process.env['NODE_TEST_CONTEXT']) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
