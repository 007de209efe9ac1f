/**
 * Issue 9: a header nested deeply but under the size cap used 3.2 GB and died with a FATAL
 * out-of-memory dump under a 1 GB heap. The kept header is checked for depth and size as its bytes
 * arrive, before JSON.parse sees it; skipped sections stay free to nest (trace_tree does).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadSnapshot, SnapshotBuilder, SnapshotError } from '../src/index.js';
import { CLI } from './helpers/paths.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-header-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a 60 MB header of nested arrays is refused in one line, in little memory, under a 256 MB heap', () => {
  const file = join(dir, 'deep.heapsnapshot');
  const depth = 30_000_000;
  writeFileSync(file, `{"snapshot":{"meta":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', CLI, file, '--type', 'X'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr.slice(0, 500));
  assert.match(r.stderr, /^backrefs: .*deep\.heapsnapshot: the "snapshot" section nests deeper than 32 levels \(at byte \d+\)\n$/);
});

test('a header past 1 MB is refused before it is parsed', async () => {
  const bytes = Buffer.from(`{"snapshot":{"meta":{},"pad":[${'[],'.repeat(400_000)}[]]}}`);
  await assert.rejects(loadSnapshot(bytes), (e: unknown) => e instanceof SnapshotError && e.code === 'ELIMIT' && /larger than 1048576 bytes/.test(e.message));
});

test('a deeply nested section that is skipped (trace_tree) still loads', async () => {
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  b.edge(root, b.node('object', 'Target'), 'element', 0);
  const json = b.toJSON();
  const nested = json.replace(/^\{/, `{"trace_tree":${'['.repeat(100_000)}${']'.repeat(100_000)},`);
  const snap = await loadSnapshot(Buffer.from(nested));
  assert.equal(snap.nodeCount, 2);
});
