/**
 * The default command on two snapshots (`--since`) and on a program it runs (`-- node app.js`),
 * as a user runs them: the CLI as a process, real snapshots, JSON read back.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSnapshot, findByType } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/scenarios.js';

interface Graph {
  nodes: { id: number; class: string; role: string; count?: number; ids?: number[] }[];
  edges: { label: string }[];
}

function twoPhases(): { before: string; after: string } {
  const prefix = join(tempDir(), 'two-phases');
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'test/scenarios/two-phases.cjs'), prefix], { cwd: tempDir() });
  assert.equal(r.status, 0, String(r.stderr));
  return { before: `${prefix}-before`, after: `${prefix}-after` };
}

describe('--since and -- node app.js', () => {
  test('--since OLD draws only the objects OLD did not have', async () => {
    const { before, after } = twoPhases();
    const r = await runCli([after, '--type', 'Test', '--since', before, '-f', 'json', '--individual', '--max-targets', '1000']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Found 50 new of 150 Test objects/);
    const g = JSON.parse(r.stdout) as Graph;
    const drawn = g.nodes.filter((n) => n.role === 'target' || (n.class === 'Test' && n.role !== 'retainer'));
    const old = new Set((await loadSnapshot(before).then((s) => findByType(s, 'Test').map((o) => s.nodeId(o)))));
    assert.ok(drawn.length > 0);
    for (const n of drawn) assert.ok(!old.has(n.id), `@${n.id} was in the older snapshot`);
    // `kept` is a module-level local no closure captures: V8 records it in the frame, as an Array on the stack.
    assert.ok(g.edges.some((e) => /^\[1\d\d\]$/.test(e.label)), `the new ones are held by the array: ${JSON.stringify(g.edges)}`);
  });

  test('--since with nothing new, and with a snapshot of another process, is one line', async () => {
    const { before, after } = twoPhases();
    const same = await runCli([before, '--type', 'Test', '--since', before]);
    assert.equal(same.code, 1);
    assert.match(same.stderr, /^backrefs: .*none is new since/);
    assert.equal(same.stderr.trim().split('\n').length, 1);
    const other = twoPhases();
    const mixed = await runCli([other.after, '--type', 'Test', '--since', after]);
    assert.ok(mixed.code === 1 ? /^backrefs: /.test(mixed.stderr) : /warning|new of/.test(mixed.stderr), mixed.stderr);
  });

  test('-- node app.js runs the program, snapshots it when it exits, and draws its holder', async () => {
    const out = join(tempDir(), 'ran.json');
    // The program keeps 50 Held objects in globalThis.held and exits at once.
    const r = await runCli(['--type', 'Held', '-o', out, '--', process.execPath, join(REPO_ROOT, 'test/scenarios/run-target.cjs')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Found 50 Held objects/);
    const g = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as Graph;
    assert.ok(g.edges.some((e) => e.label === 'held'), JSON.stringify(g.edges));
  });

  test('-- with a command that is not node is one line, and nothing runs', async () => {
    const r = await runCli(['--type', 'Test', '--', 'npm', 'start']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^backrefs: the command after -- must start with node/);
  });
});
