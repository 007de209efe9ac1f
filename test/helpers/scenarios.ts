import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The scripts that make each scenario's heap; each writes a snapshot to the path in argv[2]. */
const SCRIPTS = {
  seed: 'samples/seed-scenario.cjs',
  cycle: 'test/scenarios/cycle.cjs',
  closure: 'test/scenarios/closure.cjs',
  map: 'test/scenarios/map.cjs',
  weakmap: 'test/scenarios/weakmap.cjs',
  weakref: 'test/scenarios/weakref.cjs',
  strings: 'test/scenarios/strings.cjs',
  tracked: 'test/scenarios/tracked.cjs',
  'closure-leak': 'test/scenarios/closure-leak.cjs',
} as const;
export type Scenario = keyof typeof SCRIPTS;
export const SCENARIOS = Object.keys(SCRIPTS) as Scenario[];

let dir: string | undefined;
const cache = new Map<Scenario, Promise<string>>();

/** A temporary folder for this test process, removed when the process exits. */
export function tempDir(): string {
  if (dir === undefined) {
    const made = mkdtempSync(join(tmpdir(), 'backrefs-test-'));
    dir = made;
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return dir;
}

/**
 * The snapshot of a scenario, made once per test process: each takes about a second, and several
 * tests read the same one. A child process, so the test runner's own heap is not in the picture.
 */
export function scenarioSnapshot(name: Scenario): Promise<string> {
  let made = cache.get(name);
  if (!made) {
    made = writeSnapshot(name);
    cache.set(name, made);
  }
  return made;
}

function writeSnapshot(name: Scenario): Promise<string> {
  const script = join(REPO_ROOT, SCRIPTS[name]);
  const out = join(tempDir(), `${name}.heapsnapshot`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, out], { cwd: tempDir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && existsSync(out)) resolve(out);
      else reject(new Error(`scenario ${name} (${script}) exited with ${code}: ${stderr}`));
    });
  });
}
