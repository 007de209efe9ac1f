/**
 * The fuzz corpus (real and generated snapshots, shrunk) and the recipe that turns a case number
 * into a mutant. The recipe is deterministic, so a failure is reproduced from its seed alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SHARED_FIXTURES } from '../helpers/paths.js';
import { type Mutant, mutate, parseSnap, Rng, serialize, shrink, type Snap, tinySnap } from './mutate.js';

export interface Seed {
  name: string;
  bytes: Buffer;
}

/** The shared fixtures beside the main checkout (found from a worktree too). */
export const FIXTURES_DIR = SHARED_FIXTURES;
/** test/fixtures/regressions in the source tree (not dist). */
export const REGRESSIONS_DIR = fileURLToPath(new URL('../../../test/fixtures/regressions/', import.meta.url));
export const CLI = fileURLToPath(new URL('../../../bin/backrefs.js', import.meta.url));

/** The real snapshots, gunzipped; undefined when the shared folder is absent. */
export function realSnapshots(): Seed[] | undefined {
  if (!existsSync(FIXTURES_DIR)) return undefined;
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.heapsnapshot.gz'))
    .sort()
    .map((f) => ({ name: f.replace(/\.gz$/, ''), bytes: gunzipSync(readFileSync(join(FIXTURES_DIR, f))) }));
}

export function brokenSnapshots(): string[] {
  const dir = join(FIXTURES_DIR, 'broken');
  return existsSync(dir) ? readdirSync(dir).sort().map((f) => join(dir, f)) : [];
}

/** A snapshot of a tiny Node.js program (about 4 MB: the runtime itself), made in a child process. */
export function generatedSnapshot(): Seed {
  const dir = mkdtempSync(join(tmpdir(), 'backrefs-fuzz-'));
  const file = join(dir, 'gen.heapsnapshot');
  try {
    const script = `class Test { constructor(p) { this.peer = p; this.s = 'quote " backslash \\\\ nl \\n'; } }
      const a = new Test(null); a.peer = new Test(a);
      globalThis.keep = [a, new Map([[a, 1]]), new WeakMap([[a, {}]]), () => a];
      require('v8').writeHeapSnapshot(process.argv[1]);`;
    execFileSync(process.execPath, ['-e', script, file], { stdio: 'ignore', timeout: 60_000 });
    return { name: 'generated-node.heapsnapshot', bytes: readFileSync(file) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Small consistent seeds: every full snapshot cut to its first `keep` nodes, plus a hand-made one. */
export function smallSeeds(full: Seed[], keep = 300): Seed[] {
  const seeds = full.map((s) => ({ name: s.name.replace('.heapsnapshot', `-first${keep}.heapsnapshot`), bytes: serialize(shrink(parseSnap(s.bytes.toString('utf8')), keep)) }));
  seeds.push({ name: 'tiny.heapsnapshot', bytes: serialize(tinySnap()) });
  return seeds;
}

export interface CaseSpec {
  index: number;
  seedIndex: number;
  caseSeed: number;
}

/** Case i of a run with seed S: which seed file and which mutation stream. */
export function caseSpec(runSeed: number, index: number, seedCount: number): CaseSpec {
  const rng = new Rng((runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  return { index, seedIndex: rng.int(seedCount), caseSeed: (rng.next() * 2 ** 32) >>> 0 };
}

export interface ParsedSeed {
  seed: Seed;
  snap: Snap;
}

export function parseSeeds(seeds: Seed[]): ParsedSeed[] {
  return seeds.map((seed) => ({ seed, snap: parseSnap(seed.bytes.toString('utf8')) }));
}

export interface BuiltCase {
  mutant: Mutant;
  name: string;
  chunkSeed: number | undefined;
}

export function buildCase(seeds: ParsedSeed[], spec: CaseSpec, only?: string): BuiltCase {
  const { seed, snap } = seeds[spec.seedIndex]!;
  const rng = new Rng(spec.caseSeed);
  const mutant = mutate(snap, seed.bytes, rng, only);
  return { mutant, name: `case-${spec.index}.heapsnapshot`, chunkSeed: rng.chance(0.3) ? (spec.caseSeed ^ 0x5bd1e995) >>> 0 : undefined };
}
