/**
 * The CLI as a user meets it, run as a process: output formats, input forms, and the one-line
 * errors that leave no output file behind.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli, type CliResult } from './helpers/cli.js';
import { wasmLayout } from './helpers/graphviz.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';

/** A fresh folder per case, so "no output file left behind" means the folder holds nothing new. */
function freshDir(): string {
  return mkdtempSync(join(tempDir(), 'case-'));
}

function assertOneLineError(r: CliResult, mentions: string): void {
  assert.equal(r.code, 1, `exit code, stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^backrefs: /);
  assert.ok(lines[0]!.includes(mentions), `"${lines[0]}" should mention ${mentions}`);
}

describe('output formats', () => {
  test('-o out.dot reports the node count Graphviz lays out', async () => {
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Test', '--depth', '10', '-o', 'out.dot'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const m = /^Graph written to out\.dot \((\d+) nodes\)\n$/.exec(r.stdout);
    assert.ok(m, r.stdout);
    const drawn = await wasmLayout(readFileSync(join(dir, 'out.dot'), 'utf8'));
    assert.equal(drawn.nodes.filter((n) => n.name !== 'legend').length, Number(m[1]), 'every box but the legend is counted');
    assert.deepEqual(readdirSync(dir), ['out.dot'], 'no temporary file left beside the output');
  });

  test('--format json: nodes and edges as data, keyed by heap id', async () => {
    const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Test', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const g = JSON.parse(r.stdout) as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    for (const n of g.nodes) {
      assert.equal(typeof n['id'], 'number');
      assert.equal(typeof n['class'], 'string');
      assert.equal(typeof n['type'], 'string');
      assert.equal(typeof n['depth'], 'number');
      assert.equal(typeof n['selfSize'], 'number');
    }
    const ids = new Set(g.nodes.map((n) => n['id']));
    for (const e of g.edges) {
      assert.ok(ids.has(e['from']) && ids.has(e['to']), `edge ends are node ids: ${JSON.stringify(e)}`);
      assert.equal(typeof e['type'], 'string');
      assert.ok(['string', 'number'].includes(typeof e['name']));
    }
    const targets = g.nodes.filter((n) => n['class'] === 'Test');
    assert.equal(targets.length, 1);
    assert.equal(targets[0]!['depth'], 0);
    assert.equal(targets[0]!['type'], 'object');
    const held = g.edges.filter((e) => e['to'] === targets[0]!['id'] && e['type'] === 'element' && e['name'] === 0);
    assert.equal(held.length, 1, 'Array [0] holds the Test: an element edge with the number 0');
    assert.ok(g.edges.some((e) => e['to'] === held[0]!['from'] && e['type'] === 'context' && e['name'] === 'seq'));
  });

  test('-o x.svg renders with the WebAssembly Graphviz', async () => {
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Test', '-o', 'x.svg'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const count = Number(/\((\d+) nodes\)/.exec(r.stdout)?.[1]);
    const svg = readFileSync(join(dir, 'x.svg'), 'utf8');
    assert.match(svg, /^(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg /);
    assert.match(svg, /<\/svg>\s*$/);
    assert.equal(svg.match(/class="node"/g)?.length, count + 1, 'one SVG group per node, and the legend');
    assert.match(svg, />Test</);
  });
});

describe('input forms give the same graph', () => {
  test('- reads the snapshot from stdin', async () => {
    const file = await scenarioSnapshot('seed');
    const fromFile = await runCli([file, '--type', 'Test']);
    const fromStdin = await runCli(['-', '--type', 'Test'], { input: readFileSync(file) });
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.equal(fromStdin.stdout, fromFile.stdout);
  });

  test('.heapsnapshot.gz, from a path and from stdin', async () => {
    const file = await scenarioSnapshot('seed');
    const gz = join(freshDir(), 'seed.heapsnapshot.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    const plain = await runCli([file, '--type', 'Test']);
    const fromGz = await runCli([gz, '--type', 'Test']);
    assert.equal(fromGz.code, 0, fromGz.stderr);
    assert.equal(fromGz.stdout, plain.stdout);
    const gzStdin = await runCli(['-', '--type', 'Test'], { input: readFileSync(gz) });
    assert.equal(gzStdin.stdout, plain.stdout);
  });
});

describe('bad input: exit 1, one line naming the file, no output file', () => {
  const cases: [string, (dir: string, seed: Buffer) => string][] = [
    ['a missing file', (dir) => join(dir, 'missing.heapsnapshot')],
    ['a directory', (dir) => mkdirDir(join(dir, 'folder.heapsnapshot'))],
    ['an empty file', (dir) => write(join(dir, 'empty.heapsnapshot'), '')],
    ['not JSON', (dir) => write(join(dir, 'notjson.heapsnapshot'), 'this is not JSON\n')],
    ['JSON that is not a heap snapshot', (dir) => write(join(dir, 'other.heapsnapshot'), '{"hello": [1, 2, 3]}')],
    ['truncated in the header', (dir, seed) => write(join(dir, 'cut-header.heapsnapshot'), seed.subarray(0, 200))],
    ['truncated in the nodes', (dir, seed) => write(join(dir, 'cut-nodes.heapsnapshot'), seed.subarray(0, Math.floor(seed.length * 0.2)))],
    ['truncated in the strings', (dir, seed) => write(join(dir, 'cut-strings.heapsnapshot'), seed.subarray(0, seed.length - 1000))],
    ['truncated by one byte', (dir, seed) => write(join(dir, 'cut-last.heapsnapshot'), seed.subarray(0, seed.length - 1))],
    ...['tiny-nodesource.heapsnapshot', 'tiny-simple.heapsnapshot'].map((name): [string, (dir: string) => string] => [
      `broken fixture ${name}`,
      (dir) => copy(join(SHARED_FIXTURES, 'broken', name), join(dir, name)),
    ]),
  ];
  for (const [what, make] of cases) {
    test(what, async () => {
      const dir = freshDir();
      const input = make(dir, readFileSync(await scenarioSnapshot('seed')));
      const before = readdirSync(dir).sort();
      const r = await runCli([basename(input), '--type', 'Test', '-o', 'out.dot'], { cwd: dir });
      assertOneLineError(r, basename(input));
      assert.equal(existsSync(join(dir, 'out.dot')), false);
      assert.deepEqual(readdirSync(dir).sort(), before, 'nothing written beside the input');
    });
  }
});

describe('selection messages', () => {
  test('an unknown class names the closest classes present', async () => {
    const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Tset']);
    assertOneLineError(r, 'Tset');
    assert.match(r.stderr, /\bTest\b/);
  });

  test('a class unlike any names the most common ones', async () => {
    const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Qqqqqqqqqqqqqqq']);
    assertOneLineError(r, 'Qqqqqqqqqqqqqqq');
    assert.match(r.stderr, /Object/);
  });

  test('--max-targets draws that many and says how many were left out', async () => {
    const r = await runCli([await scenarioSnapshot('map'), '--type', 'Test', '--max-targets', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Found 2 Test objects.*\b1 left out/);
    const drawn = await wasmLayout(r.stdout);
    assert.equal(drawn.nodes.filter((n) => n.lines[0] === 'Test').length, 1);
  });

  test('-o naming the snapshot being read is refused and the snapshot kept', async () => {
    const dir = freshDir();
    const file = copy(await scenarioSnapshot('seed'), join(dir, 'seed.heapsnapshot'));
    const hash = sha(file);
    for (const output of ['seed.heapsnapshot', './seed.heapsnapshot', join(dir, 'seed.heapsnapshot')]) {
      const r = await runCli(['seed.heapsnapshot', '--type', 'Test', '-o', output], { cwd: dir });
      assertOneLineError(r, output);
      assert.equal(sha(file), hash, `-o ${output} changed the snapshot`);
    }
    assert.deepEqual(readdirSync(dir), ['seed.heapsnapshot']);
  });
});

function write(path: string, data: string | Uint8Array): string {
  writeFileSync(path, data);
  return path;
}
function copy(from: string, to: string): string {
  copyFileSync(from, to);
  return to;
}
function mkdirDir(path: string): string {
  mkdirSync(path);
  return path;
}
function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
