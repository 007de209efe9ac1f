/**
 * Issue 9, "output never damages what it writes to": every kind of thing `-o` can name, made for
 * real in a scratch folder (devices with mknod, FIFOs with mkfifo; never the machine's /dev), and
 * stdout closed early or full, through the CLI as a process.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SnapshotBuilder } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { CLI } from './helpers/paths.js';
import { mknod } from './helpers/devices.js';

let dir: string;
let snapshot: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-targets-'));
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  b.edge(root, gcRoots, 'element', 1);
  // Enough targets that the JSON is far bigger than a pipe's buffer.
  const holder = b.node('object', 'Holder');
  b.edge(gcRoots, holder, 'element', 0);
  for (let i = 0; i < 2000; i++) b.edge(holder, b.node('object', 'Target'), 'element', i);
  snapshot = join(dir, 'in.heapsnapshot');
  writeFileSync(snapshot, b.toJSON());
});
after(() => rmSync(dir, { recursive: true, force: true }));

function scratch(): string {
  return mkdtempSync(join(dir, 'case-'));
}

describe('-o onto what is not a regular file', () => {
  test('a character device stays a device, and gets the bytes', async (t) => {
    const d = scratch();
    const nul = join(d, 'null');
    if (!mknod(t, nul, 1, 3)) return;
    const r = await runCli([snapshot, '--type', 'Target', '--format', 'dot', '-o', nul]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(statSync(nul).isCharacterDevice(), 'still a device, not a file renamed over it');
    assert.deepEqual(readdirSync(d), ['null'], 'no temp file beside it');
  });

  test('a FIFO stays a FIFO, and its reader gets the whole graph', async () => {
    const d = scratch();
    const fifo = join(d, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const reader = spawn('cat', [fifo]);
    const got: Buffer[] = [];
    reader.stdout.on('data', (b: Buffer) => got.push(b));
    const closed = new Promise((done) => reader.on('close', done));
    const r = await runCli([snapshot, '--type', 'Target', '--format', 'json', '-o', fifo]);
    await closed;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(fifo).isFIFO());
    const graph = JSON.parse(Buffer.concat(got).toString('utf8')) as { nodes: unknown[] };
    assert.ok(graph.nodes.length > 0);
  });

  test('-o /dev/stdout writes into the pipe the CLI was given', async () => {
    const r = await runCli([snapshot, '--type', 'Target', '--format', 'json', '-o', '/dev/stdout']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('{'), r.stdout.slice(0, 100));
  });

  test('a directory is refused in one line, and left alone', async () => {
    const d = scratch();
    mkdirSync(join(d, 'out.dot'));
    const r = await runCli([snapshot, '--type', 'Target', '-o', join(d, 'out.dot')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /(^|\n)backrefs: cannot write .*out\.dot: it is a directory\n$/);
    assert.ok(statSync(join(d, 'out.dot')).isDirectory());
    assert.deepEqual(readdirSync(d), ['out.dot']);
  });

  test('a symlink is kept and its target replaced, with no temp file in either folder', async () => {
    const d = scratch();
    mkdirSync(join(d, 'real'));
    mkdirSync(join(d, 'links'));
    writeFileSync(join(d, 'real', 'graph.dot'), 'old\n', { mode: 0o640 });
    symlinkSync('../real/graph.dot', join(d, 'links', 'graph.dot'));
    const r = await runCli([snapshot, '--type', 'Target', '-o', join(d, 'links', 'graph.dot')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(d, 'links', 'graph.dot')).isSymbolicLink());
    assert.equal(readlinkSync(join(d, 'links', 'graph.dot')), '../real/graph.dot');
    assert.match(readFileSync(join(d, 'real', 'graph.dot'), 'utf8'), /^digraph/);
    assert.equal(statSync(join(d, 'real', 'graph.dot')).mode & 0o777, 0o640, 'the permissions carry over');
    assert.deepEqual(readdirSync(join(d, 'real')), ['graph.dot']);
    assert.deepEqual(readdirSync(join(d, 'links')), ['graph.dot']);
  });

  test('a dangling symlink creates the file it names', async () => {
    const d = scratch();
    symlinkSync('made.dot', join(d, 'link.dot'));
    const r = await runCli([snapshot, '--type', 'Target', '-o', join(d, 'link.dot')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(d, 'link.dot')).isSymbolicLink());
    assert.match(readFileSync(join(d, 'made.dot'), 'utf8'), /^digraph/);
    assert.deepEqual(readdirSync(d).sort(), ['link.dot', 'made.dot']);
  });

  test('a 246-byte file name (legal: 255 is the limit) is written', async () => {
    const d = scratch();
    const name = `${'n'.repeat(242)}.dot`;
    const r = await runCli([snapshot, '--type', 'Target', '-o', join(d, name)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(d), [name]);
  });
});

describe('stdout that fails', () => {
  test('a reader that stops early (| head -c100) ends the run quietly with exit 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" "${snapshot}" --type Target --max-targets 2000 --format json | head -c100 >/dev/null`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /error|at /i);
    assert.equal(r.stderr.trim().split('\n').length, 1, 'only the "Found" line');
  });

  // DOT is streamed in chunks (src/output/dot-writer.ts): a reader that goes away stops the
  // writing, and a write that fails part way is still one line.
  const DOT_ARGS = () => [CLI, snapshot, '--type', 'Target', '--walk', 'bfs', '--max-targets', '2000', '--format', 'dot'];

  test('DOT in many chunks: to a reader that stops early, quiet with exit 0; whole, the same as -o writes', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" ${DOT_ARGS().map((a) => `"${a}"`).join(' ')} | head -c100 >/dev/null`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, `only the "Found" line: ${r.stderr}`);
    const whole = spawnSync(process.execPath, DOT_ARGS(), { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(whole.status, 0, whole.stderr);
    assert.ok(whole.stdout.length > 4 * (1 << 16), `${whole.stdout.length} characters: several chunks`);
    const file = join(scratch(), 'out.dot');
    const written = spawnSync(process.execPath, [...DOT_ARGS(), '-o', file], { encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
    assert.equal(readFileSync(file, 'utf8'), whole.stdout);
    assert.match(whole.stdout, /\n}\n$/);
  });

  test('DOT in many chunks to a full device is one clear line and exit 1', (t) => {
    const d = scratch();
    const full = join(d, 'full');
    if (!mknod(t, full, 1, 7)) return;
    const fd = openSync(full, 'w');
    try {
      const r = spawnSync(process.execPath, DOT_ARGS(), { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /(^|\n)backrefs: cannot write to standard output: no space left on the device\n$/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      closeSync(fd);
    }
    // Named with -o, the full device is written in place, and fails as one line too.
    const r = spawnSync(process.execPath, [...DOT_ARGS(), '-o', full], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /(^|\n)backrefs: cannot write .*full: no space left on the device\n$/);
  });

  test('a full device (a /dev/full made with mknod) is one clear line and exit 1', (t) => {
    const d = scratch();
    const full = join(d, 'full');
    if (!mknod(t, full, 1, 7)) return;
    const fd = openSync(full, 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, snapshot, '--type', 'Target', '--format', 'json'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /(^|\n)backrefs: cannot write to standard output: no space left on the device\n$/);
      assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      closeSync(fd);
    }
  });
});

describe('the temp file', () => {
  /** A child that replaces `out` through replaceAtomically and signals itself halfway through the write. */
  function interrupted(out: string, signal: string) {
    const module = new URL('../src/cli/temp-file.js', import.meta.url).href;
    const script = `
      import { replaceAtomically } from ${JSON.stringify(module)};
      await replaceAtomically(${JSON.stringify(out)}, async (h) => {
        await h.write('half a graph');
        process.kill(process.pid, ${JSON.stringify(signal)});
        await new Promise((r) => setTimeout(r, 5000));
        await h.write(' and the rest');
      });`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal} during the write removes it, leaves the old file, exits ${code}`, () => {
      const d = scratch();
      const out = join(d, 'out.dot');
      writeFileSync(out, 'previous\n');
      const r = interrupted(out, signal);
      assert.equal(r.status, code, r.stderr);
      assert.equal(readFileSync(out, 'utf8'), 'previous\n');
      assert.deepEqual(readdirSync(d), ['out.dot']);
    });
  }

  test('one left by SIGKILL has a name that says what it is, and the output is untouched', () => {
    const d = scratch();
    const out = join(d, 'out.dot');
    writeFileSync(out, 'previous\n');
    const r = interrupted(out, 'SIGKILL');
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(readFileSync(out, 'utf8'), 'previous\n');
    const left = readdirSync(d).filter((f) => f !== 'out.dot');
    assert.equal(left.length, 1);
    assert.match(left[0]!, /^\.backrefs-[0-9a-f]{16}\.tmp$/);
    // Running with no SNAPSHOT in that folder does not take it for a snapshot either.
    const r2 = spawnSync(process.execPath, [CLI, '--type', 'Target'], { cwd: d, encoding: 'utf8' });
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /no \*\.heapsnapshot in/);
  });
});
