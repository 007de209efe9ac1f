import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SHARED } from './paths.js';

/**
 * The scripts that make each scenario's heap; each writes a snapshot to the path in argv[2].
 * Paths are relative to the repository; `../shared/` is the shared folder beside the main checkout.
 * The comment at the top of each script names the class to ask about and the holders a correct
 * picture must name.
 */
const SCRIPTS = {
  seed: 'samples/seed-scenario.cjs',
  cycle: 'test/scenarios/cycle.cjs',
  closure: 'test/scenarios/closure.cjs',
  map: 'test/scenarios/map.cjs',
  weakmap: 'test/scenarios/weakmap.cjs',
  weakref: 'test/scenarios/weakref.cjs',
  strings: 'test/scenarios/strings.cjs',
  tracked: 'test/scenarios/tracked.cjs',
  'tracked-sites': 'test/scenarios/tracked-sites.cjs',
  'closure-leak': 'test/scenarios/closure-leak.cjs',
  store: 'test/scenarios/store.cjs',
  'closure-siblings': 'test/scenarios/closure-siblings.cjs',
  // Real programs, a few seconds each at most (the AST one is the slowest).
  'express-sessions': 'test/scenarios/express-sessions.cjs',
  listener: 'test/scenarios/listener.cjs',
  'closure-cache': 'test/scenarios/closure-cache.cjs',
  'acorn-ast': 'test/scenarios/acorn-ast.cjs',
  'weakref-held': 'test/scenarios/weakref-held.cjs',
  'http-leak': '../shared/reference/http-leak-scenario.js',
  shapes: 'test/scenarios/shapes.cjs',
  'http-request': 'test/scenarios/http-request.cjs',
  'linked-lists': 'test/scenarios/linked-lists.cjs',
  'closure-methods': 'test/scenarios/closure-methods.cjs',
  'esm-module': 'test/scenarios/esm-module.mjs',
} as const;
export type Scenario = keyof typeof SCRIPTS;
export const SCENARIOS = Object.keys(SCRIPTS) as Scenario[];

/** Where a scenario's script is on this machine. */
export function scenarioScript(name: Scenario): string {
  const path: string = SCRIPTS[name];
  return path.startsWith('../shared/') ? join(SHARED, path.slice('../shared/'.length)) : join(REPO_ROOT, path);
}

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

/**
 * The Node.js that runs the scenario scripts: BACKREFS_SCENARIO_NODE names another one (a newer
 * Node, so a newer V8, writes the same programs' heaps in its own way), else this one.
 */
export const SCENARIO_NODE = process.env['BACKREFS_SCENARIO_NODE'] || process.execPath;

function writeSnapshot(name: Scenario): Promise<string> {
  const script = scenarioScript(name);
  const out = join(tempDir(), `${name}.heapsnapshot`);
  return new Promise((resolve, reject) => {
    const child = spawn(SCENARIO_NODE, [script, out], { cwd: tempDir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && existsSync(out)) resolve(out);
      else reject(new Error(`scenario ${name} (${script}) exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * What each real scenario asks, and the answer a correct picture must contain: the names of the
 * edges (variable, property, Map or listener key) by which the program's own code holds the
 * targets, as the script's header comment says.
 */
export interface Question {
  readonly scenario: Scenario;
  readonly type: string;
  readonly holders: readonly string[];
}
export const QUESTIONS: readonly Question[] = [
  { scenario: 'express-sessions', type: 'Session', holders: ['sessions'] },
  { scenario: 'express-sessions', type: 'IncomingMessage', holders: ['seen', 'req'] },
  { scenario: 'listener', type: 'Widget', holders: ['config', 'config-changed'] },
  { scenario: 'closure-cache', type: 'Dataset', holders: ['cache', 'data'] },
  { scenario: 'acorn-ast', type: 'Node', holders: ['ast'] },
  { scenario: 'weakref-held', type: 'Resource', holders: ['current', 'resource'] },
  { scenario: 'weakref-held', type: 'Cached', holders: ['weak_refs_keep_during_job'] },
  // ../shared/reference/http-leak-scenario.js: requests kept in `inbox`, a `clients` Map of Client { req }.
  { scenario: 'http-leak', type: 'Client', holders: ['clients'] },
  { scenario: 'http-leak', type: 'IncomingMessage', holders: ['inbox', 'req'] },
  // Timers, a promise's reactions and a queue of its own: the lists are drawn as one box each.
  { scenario: 'linked-lists', type: 'Job', holders: ['timerListMap', '_onTimeout'] },
  { scenario: 'linked-lists', type: 'Task', holders: ['reactions_or_result'] },
  { scenario: 'linked-lists', type: 'Payload', holders: ['queue', 'value'] },
  // An object's methods over one scope: one box for the five, one arrow naming them.
  { scenario: 'closure-methods', type: 'Record', holders: ['store', 'items'] },
  { scenario: 'esm-module', type: 'Rec', holders: ['keep'] },
];
