/**
 * Issue 9, "inputs that are streams": a FIFO or a pipe named by path (`backrefs <(zcat x.gz)`,
 * /dev/stdin on a pipe) cannot be read at an offset; it is read once, front to back.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadSnapshot, SnapshotBuilder } from '../src/index.js';
import { CLI } from './helpers/paths.js';

let dir: string;
let json: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-streams-'));
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  b.edge(root, gcRoots, 'element', 1);
  b.edge(gcRoots, b.node('object', 'Target'), 'element', 0);
  json = b.toJSON();
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A FIFO with a writer that feeds it `bytes` once opened. */
function fifoFeeding(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  assert.equal(spawnSync('mkfifo', [path]).status, 0);
  const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(path)}, Buffer.from(${JSON.stringify(Buffer.from(bytes).toString('base64'))}, 'base64'))`]);
  writer.on('error', () => undefined);
  return path;
}

test('a FIFO of plain JSON loads as the file would', async () => {
  const snap = await loadSnapshot(fifoFeeding('plain.fifo', Buffer.from(json)));
  assert.equal(snap.nodeCount, 3);
});

test('a FIFO of gzip is recognised from its first bytes and gunzipped', async () => {
  const snap = await loadSnapshot(fifoFeeding('gz.fifo', gzipSync(json)));
  assert.equal(snap.nodeCount, 3);
});

test('the CLI reads <(zcat x.gz) and /dev/stdin on a pipe', () => {
  const gz = join(dir, 'x.heapsnapshot.gz');
  writeFileSync(gz, gzipSync(json));
  const viaProcess = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" <(zcat "${gz}") --type Target --format text`], { encoding: 'utf8' });
  assert.equal(viaProcess.status, 0, viaProcess.stderr);
  assert.match(viaProcess.stdout, /Target/);
  const viaStdin = spawnSync('bash', ['-c', `zcat "${gz}" | "${process.execPath}" "${CLI}" /dev/stdin --type Target --format text`], { encoding: 'utf8' });
  assert.equal(viaStdin.status, 0, viaStdin.stderr);
  assert.match(viaStdin.stdout, /Target/);
});

test('a truncated FIFO is refused in one line naming it', () => {
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" <(printf '{"snap') --type Target`], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^backrefs: \/dev\/fd\/\d+: truncated: the input ends at byte 6/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
