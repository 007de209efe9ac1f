import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { tempDir } from './helpers/scenarios.js';
import { runCli } from './helpers/cli.js';
import { series } from './helpers/series.js';

describe('types, growth, new, leaks, capture on the command line', () => {
  it("types: aligned columns, and JSON", async () => {
    const { target } = await series('growing-cache.cjs');
    const text = await runCli(['types', target, '--limit', '8']);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 8);
    // Aligned: every count ends in the same column.
    assert.equal(new Set(lines.map((l) => /^.*?\s{2,}\d+/.exec(l)![0].length)).size, 1);
    assert.match(text.stdout, /^CacheEntry +3000 +120 kB$/m);
    const json = await runCli(['types', target, '--limit', '0', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { nodes: number; types: { name: string; count: number }[] };
    assert.equal(parsed.types.reduce((s, t) => s + t.count, 0), parsed.nodes);
  });

  it("growth: show_growth's layout, largest first", async () => {
    const { base, target } = await series('growing-cache.cjs');
    const r = await runCli(['growth', base, target, '--limit', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CacheEntry +3000 +\+3000 +\+120 kB$/m);
    assert.equal(r.stdout.trimEnd().split('\n').length, 5);
  });

  it('new: the ids of the new objects; refused across processes', async () => {
    const { base, target } = await series('growing-cache.cjs');
    const r = await runCli(['new', base, target, '--type', 'CacheEntry', '--limit', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').filter((l) => /^@\d+$/.test(l)).length, 3000);
    const other = await series('growing-cache.cjs', 'growing-cache-again');
    const refused = await runCli(['new', base, other.target, '--type', 'CacheEntry']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^backrefs: heap ids of .* not snapshots of one process/);
    assert.equal(refused.stdout, '');
  });

  it('leaks: the listener array and what hangs from it', async () => {
    const { base, target, final } = await series('listener-leak.cjs');
    const r = await runCli(['leaks', base, target, final]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1601 objects .* still alive in the final snapshot\.$/m);
    assert.match(r.stdout, /^ {2}RequestContext +400 /m);
    assert.match(r.stdout, /--bus--> EventEmitter --_events--> Object --config--> Array$/m);
  });

  it('capture: one line for a pid that is not Node, which is left alone', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      const r = await runCli(['capture', '--pid', String(sleeper.pid), '-o', 'never.heapsnapshot'], { cwd: tempDir() });
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `backrefs: process ${sleeper.pid} is "sleep", not Node.js: nothing was sent to it\n`);
      assert.equal(sleeper.exitCode, null);
    } finally {
      sleeper.kill();
    }
  });
});
