/**
 * `backrefs capture -o` writes as every other command's -o does (test/output-targets.test.ts),
 * checks the output before it signals the target, and on SIGINT/SIGTERM leaves neither a temp
 * file nor the target's inspector open. Devices are made with mknod in a scratch folder, never
 * the machine's /dev.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listeningPorts } from '../src/live/proc.js';
import { runCli } from './helpers/cli.js';
import { CLI } from './helpers/paths.js';
import { mknod } from './helpers/devices.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-capture-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function scratch(): string {
  return mkdtempSync(join(dir, 'case-'));
}

interface Target {
  child: ChildProcessWithoutNullStreams;
  /** What the target wrote to stderr so far: Node says "Debugger listening" when SIGUSR1 opens its inspector. */
  stderr(): string;
}

/**
 * A Node process to capture, holding `objects` small objects (200000 make a snapshot of some
 * 40 MB, which takes a while to send); its inspector, once opened, on a port of its own.
 */
async function startTarget(objects = 1000): Promise<Target> {
  const script = `globalThis.held = Array.from({ length: ${objects} }, (_, i) => ({ i, s: 'held ' + i })); process.stdin.resume(); process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['--inspect-port=0', '-e', script], { stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the target exited with ${code}: ${err}`)));
  });
  return { child, stderr: () => err };
}

function stop(target: Target): void {
  target.child.kill();
}

function assertNoInspector(target: Target): void {
  assert.deepEqual(listeningPorts(target.child.pid!), [], 'the target listens on no port');
  assert.equal(target.child.exitCode, null, 'the target runs on');
}

describe('capture -o onto what is not a new regular file', () => {
  test('a full device (mknod 1 7) stays a device and fails as one clear line; the inspector is closed', async (t) => {
    const d = scratch();
    const full = join(d, 'full');
    if (!mknod(t, full, 1, 7)) return;
    const target = await startTarget();
    try {
      const r = await runCli(['capture', '--pid', String(target.child.pid), '-o', full]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^backrefs: cannot write .*full: no space left on the device\n$/);
      assert.ok(lstatSync(full).isCharacterDevice(), 'still a device, not a file renamed over it');
      assert.deepEqual(readdirSync(d), ['full'], 'no temp file beside it');
      assertNoInspector(target);
    } finally {
      stop(target);
    }
  });

  test('a null device (mknod 1 3) stays a device and gets the snapshot', async (t) => {
    const d = scratch();
    const nul = join(d, 'null');
    if (!mknod(t, nul, 1, 3)) return;
    const target = await startTarget();
    try {
      const r = await runCli(['capture', '--pid', String(target.child.pid), '-o', nul]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(nul).isCharacterDevice());
      assert.deepEqual(readdirSync(d), ['null']);
    } finally {
      stop(target);
    }
  });

  test('a symlink is kept and its target replaced, with its permissions, and no temp file in either folder', async () => {
    const d = scratch();
    mkdirSync(join(d, 'real'));
    mkdirSync(join(d, 'links'));
    writeFileSync(join(d, 'real', 'app.heapsnapshot'), 'old\n', { mode: 0o640 });
    symlinkSync('../real/app.heapsnapshot', join(d, 'links', 'app.heapsnapshot'));
    const target = await startTarget();
    try {
      const r = await runCli(['capture', '--pid', String(target.child.pid), '-o', join(d, 'links', 'app.heapsnapshot')]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(join(d, 'links', 'app.heapsnapshot')).isSymbolicLink());
      assert.equal(readlinkSync(join(d, 'links', 'app.heapsnapshot')), '../real/app.heapsnapshot');
      assert.match(readFileSync(join(d, 'real', 'app.heapsnapshot'), 'utf8').slice(0, 100), /^\{"snapshot":/);
      assert.equal(statSync(join(d, 'real', 'app.heapsnapshot')).mode & 0o777, 0o640, 'the permissions carry over');
      assert.deepEqual(readdirSync(join(d, 'real')), ['app.heapsnapshot']);
      assert.deepEqual(readdirSync(join(d, 'links')), ['app.heapsnapshot']);
      assertNoInspector(target);
    } finally {
      stop(target);
    }
  });

  test('a new file is private to its owner (a heap holds secrets)', async () => {
    const d = scratch();
    const target = await startTarget();
    try {
      const r = await runCli(['capture', '--pid', String(target.child.pid), '-o', join(d, 'new.heapsnapshot')]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(statSync(join(d, 'new.heapsnapshot')).mode & 0o077, 0);
      assert.deepEqual(readdirSync(d), ['new.heapsnapshot']);
    } finally {
      stop(target);
    }
  });
});

describe('capture -o that cannot be written is refused before the target is signalled', () => {
  for (const [what, output, line] of [
    ['a missing folder', (d: string) => join(d, 'nodir', 'x.heapsnapshot'), /^backrefs: cannot write .*nodir\/x\.heapsnapshot: the folder does not exist\n$/],
    ['a directory', (d: string) => join(d, 'adir'), /^backrefs: cannot write .*adir: it is a directory\n$/],
  ] as const) {
    test(`${what}: one line, no SIGUSR1, nothing left`, async () => {
      const d = scratch();
      mkdirSync(join(d, 'adir'));
      const target = await startTarget();
      try {
        const r = await runCli(['capture', '--pid', String(target.child.pid), '-o', output(d)]);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, line);
        // Give a SIGUSR1, had one been sent, time to open the inspector and say so.
        await new Promise((r) => setTimeout(r, 300));
        assert.doesNotMatch(target.stderr(), /Debugger listening/, 'the target was never signalled');
        assertNoInspector(target);
        assert.deepEqual(readdirSync(d), ['adir']);
        assert.deepEqual(readdirSync(join(d, 'adir')), []);
      } finally {
        stop(target);
      }
    });
  }
});

describe('capture interrupted', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal} mid-snapshot: exit ${code}, the old output untouched, no temp file, the target's inspector closed`, async () => {
      const d = scratch();
      const out = join(d, 'out.heapsnapshot');
      writeFileSync(out, 'previous\n');
      const target = await startTarget(200_000);
      try {
        const cli = spawn(process.execPath, [CLI, 'capture', '--pid', String(target.child.pid), '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
        const exited = new Promise<number | null>((resolve) => cli.on('close', (c) => resolve(c)));
        // Mid-snapshot: something beside the output has begun to fill.
        const growing = () => readdirSync(d).some((f) => f !== 'out.heapsnapshot' && statSync(join(d, f)).size > 0);
        for (let i = 0; i < 2000 && !growing() && cli.exitCode === null; i++) await new Promise((r) => setTimeout(r, 5));
        assert.ok(growing(), `the snapshot began to arrive (${stderr})`);
        cli.kill(signal);
        assert.equal(await exited, code, stderr);
        assert.match(stderr, /^backrefs: interrupted: closing the inspector of process \d+ first/);
        assert.equal(readFileSync(out, 'utf8'), 'previous\n');
        assert.deepEqual(readdirSync(d), ['out.heapsnapshot']);
        assertNoInspector(target);
      } finally {
        stop(target);
      }
    });
  }
});
