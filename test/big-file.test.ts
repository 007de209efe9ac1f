/**
 * A snapshot over 512 MiB: Node 20 cannot hold such a file as one string (ERR_STRING_TOO_LONG
 * past 0x1fffffe8 characters), so a reader that works here reads in chunks. The file is
 * generated on the fly by bench/synth.ts (a streaming writer of valid V8-shaped snapshots) and
 * deleted afterwards.
 */
import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { testsForBytes, writeSynthetic } from '../bench/synth.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { loadInParallel } from '../src/snapshot/parallel-load.js';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/scenarios.js';

const LIMIT = 2 ** 29; // 512 MiB: above Node 20's longest string, with any encoding
const file = join(tempDir(), 'big.heapsnapshot');
after(() => rmSync(file, { force: true }));

test('a snapshot larger than 512 MiB loads through the CLI with counts intact', { timeout: 180_000 }, async () => {
  const written = await writeSynthetic(file, testsForBytes(600e6));
  assert.ok(statSync(file).size > LIMIT, `the generated file has ${written.bytes} bytes; it must exceed ${LIMIT}`);

  const r = await runCli([file, '--type', 'Test', '--format', 'json', '--depth', '3', '--max-targets', '5']);
  assert.equal(r.code, 0, r.stderr);
  // Every Test the writer made is found and counted, and the 5 drawn are left in the graph.
  assert.match(r.stderr, new RegExp(`Found ${written.tests} Test objects; drawing 5 \\(${written.tests - 5} left out`));
  const g = JSON.parse(r.stdout) as { nodes: { class: string; depth: number; count?: number; inside?: number }[]; edges: unknown[] };
  // Grouped boxes say how many objects they stand for, and how many more hang below them.
  const drawn = g.nodes.filter((n) => n.class === 'Test' && n.depth === 0).reduce((sum, n) => sum + (n.count ?? 1) + (n.inside ?? 0), 0);
  assert.equal(drawn, 5);
  assert.ok(g.edges.length >= 5, 'each drawn Test has a retainer');
  assert.ok(!r.stderr.includes('\r'), 'no progress bar when stderr is not a terminal');

  // The library reads the same file in this process: the counts match what the writer wrote,
  // and progress climbs to the file's size.
  const progress: number[] = [];
  const snap = await loadSnapshot(file, { onProgress: (done, total) => progress.push(done, total ?? NaN) });
  assert.equal(snap.nodeCount, written.nodes);
  assert.equal(snap.edgeCount, written.edges);
  assert.equal(findByType(snap, 'Test').length, written.tests);
  const size = statSync(file).size;
  const done = progress.filter((_, i) => i % 2 === 0);
  assert.ok(done.length > 10, `${done.length} progress reports`);
  assert.ok(done.every((d, i) => i === 0 || d >= done[i - 1]!), 'progress never goes back');
  assert.equal(done.at(-1), size);
  assert.ok(progress.every((v, i) => i % 2 === 0 || v === size), 'the total is the file size');
});

test('that file is read on two threads, not by the one-pass fallback', { timeout: 60_000 }, async () => {
  const indexed = await loadInParallel(file, statSync(file).size);
  assert.ok(indexed, 'the two-thread reader returned nothing: it fell back');
  assert.equal(indexed.raw.edges.length, indexed.raw.meta.edgeCount * indexed.raw.meta.edgeFields.length);
});
