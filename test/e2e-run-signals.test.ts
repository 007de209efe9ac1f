/**
 * `backrefs -- node app.js` ended by a signal while the program runs, as a supervisor or a closing
 * terminal ends it: the program must not be orphaned, nor the temporary folder left behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI } from './helpers/paths.js';
import { tempDir } from './helpers/scenarios.js';

/** A program that says its pid once it runs, then runs until it is ended. */
function longLived(): string {
  const script = join(tempDir(), 'long-lived.cjs');
  writeFileSync(script, "require('fs').writeFileSync(process.argv[2], String(process.pid));\nsetInterval(() => {}, 1000);\n");
  return script;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function endWhileRunning(signal: NodeJS.Signals): Promise<{ code: number | null; child: number; left: string[] }> {
  // Its own TMPDIR: the run's folder (os.tmpdir()/backrefs-run-*) is looked for there alone.
  const tmp = mkdtempSync(join(tempDir(), `tmp-${signal}-`));
  const ready = join(tmp, 'pid');
  const backrefs = spawn(process.execPath, [CLI, '--type', 'Held', '--', process.execPath, longLived(), ready], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
  const closed = new Promise<number | null>((resolve) => backrefs.on('close', (code) => resolve(code)));
  for (let i = 0; i < 1000 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 10));
  const child = Number(readFileSync(ready, 'utf8'));
  assert.ok(child > 0, 'the program started');
  try {
    backrefs.kill(signal);
    const code = await closed;
    // The child's end is waited for by backrefs; a short grace covers a slow reap by init.
    for (let i = 0; i < 100 && alive(child); i++) await new Promise((r) => setTimeout(r, 10));
    return { code, child, left: readdirSync(tmp).filter((n) => n.startsWith('backrefs-run-')) };
  } finally {
    if (alive(child)) process.kill(child, 'SIGKILL');
  }
}

describe('-- node app.js ended by a signal', () => {
  test('SIGTERM ends the program too, removes the temporary folder, exits 143', async () => {
    const r = await endWhileRunning('SIGTERM');
    assert.ok(!alive(r.child), `the program (pid ${r.child}) still runs`);
    assert.deepEqual(r.left, []);
    assert.equal(r.code, 143);
  });

  test('SIGHUP likewise, exit 129', async () => {
    const r = await endWhileRunning('SIGHUP');
    assert.ok(!alive(r.child), `the program (pid ${r.child}) still runs`);
    assert.deepEqual(r.left, []);
    assert.equal(r.code, 129);
  });
});
