/**
 * What every command writes, whichever it is: never over a snapshot it reads, never two outputs
 * into one file, text or JSON as the -o name says for the commands that write reports, and one
 * line that says something when there is nothing to show.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './helpers/cli.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';

async function folderWithSnapshots(): Promise<{ dir: string; a: string; b: string; bytes: Buffer }> {
  const dir = mkdtempSync(join(tempDir(), 'outputs-'));
  const seed = await scenarioSnapshot('seed');
  const a = join(dir, 'a.heapsnapshot');
  const b = join(dir, 'b.heapsnapshot');
  copyFileSync(seed, a);
  copyFileSync(seed, b);
  return { dir, a, b, bytes: readFileSync(seed) };
}

describe('an output never replaces an input', () => {
  test('every command that reads a snapshot refuses -o naming it, before reading, and leaves it whole', async () => {
    const { dir, a, b, bytes } = await folderWithSnapshots();
    const lines: string[][] = [
      ['a.heapsnapshot', '-t', 'Test', '-o', 'a.heapsnapshot', '-f', 'dot'],
      ['b.heapsnapshot', '-t', 'Test', '--since', 'a.heapsnapshot', '-o', './a.heapsnapshot', '-f', 'dot'],
      ['refs', 'a.heapsnapshot', '-t', 'Test', '-o', 'a.heapsnapshot', '-f', 'json'],
      ['chain', 'a.heapsnapshot', '-t', 'Test', '-o', 'a.heapsnapshot', '-f', 'text'],
      ['dominators', 'a.heapsnapshot', '-t', 'Test', '-o', 'a.heapsnapshot', '-f', 'text'],
      ['scopes', 'a.heapsnapshot', '-t', 'func', '-o', 'a.heapsnapshot', '-f', 'text'],
      ['types', 'a.heapsnapshot', '-o', 'a.heapsnapshot'],
      ['top', 'a.heapsnapshot', '-o', 'a.heapsnapshot', '-f', 'text'],
      ['strings', 'a.heapsnapshot', '-o', 'a.heapsnapshot', '-f', 'text'],
      ['growth', 'a.heapsnapshot', 'b.heapsnapshot', '-o', 'a.heapsnapshot'],
      ['growth', 'a.heapsnapshot', 'b.heapsnapshot', '-o', join(dir, 'b.heapsnapshot')],
      ['new', 'a.heapsnapshot', 'b.heapsnapshot', '-t', 'Test', '-o', 'b.heapsnapshot'],
      ['leaks', 'a.heapsnapshot', 'b.heapsnapshot', 'a.heapsnapshot', '-o', 'b.heapsnapshot'],
      // No SNAPSHOT: the newest in the folder is read, so it is no output either.
      ['types', '-o', 'b.heapsnapshot', '-f', 'text'],
    ];
    for (const args of lines) {
      const r = await runCli(args, { cwd: dir });
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^backrefs: (-o|--since) \S+ names the snapshot being read \([^)]+\); choose another output file\n$/, args.join(' '));
      assert.ok(readFileSync(a).equals(bytes) && readFileSync(b).equals(bytes), `${args.join(' ')} left both snapshots whole`);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['a.heapsnapshot', 'b.heapsnapshot'], 'no temporary file left');
  });

  test('-o and --save naming one file are refused before the program runs', async () => {
    const { dir } = await folderWithSnapshots();
    const marker = join(dir, 'ran');
    const r = await runCli(['-t', 'Test', '-o', 'x.dot', '--save', './x.dot', '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'backrefs: -o and --save both name x.dot: one would overwrite the other\n');
    assert.ok(!existsSync(marker), 'the program never ran');
  });
});

describe('reports are text or JSON, as the -o name says', () => {
  test('.json writes JSON, .txt and names without an extension text; a picture name is refused; -f works on every report', async () => {
    const { dir } = await folderWithSnapshots();
    for (const [args, json] of [
      [['types', 'a.heapsnapshot', '-o', 't.json'], true],
      [['growth', 'a.heapsnapshot', 'b.heapsnapshot', '-o', 'g.json'], true],
      [['new', 'a.heapsnapshot', 'b.heapsnapshot', '-t', 'Test', '-o', 'n.json'], true],
      [['leaks', 'a.heapsnapshot', 'b.heapsnapshot', 'a.heapsnapshot', '-o', 'l.json'], true],
      [['top', 'a.heapsnapshot', '-o', 'top.json'], true],
      [['types', 'a.heapsnapshot', '-o', 'report'], false],
      [['growth', 'a.heapsnapshot', 'b.heapsnapshot', '-f', 'json', '-o', 'g2'], true],
    ] as const) {
      const r = await runCli([...args], { cwd: dir });
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      const written = readFileSync(join(dir, args[args.length - 1]!), 'utf8');
      if (json) assert.doesNotThrow(() => JSON.parse(written), args.join(' '));
      else assert.throws(() => JSON.parse(written), args.join(' '));
    }
    writeFileSync(join(dir, 't.svg'), 'kept');
    for (const command of [['types', 'a.heapsnapshot'], ['growth', 'a.heapsnapshot', 'b.heapsnapshot'], ['top', 'a.heapsnapshot'], ['strings', 'a.heapsnapshot']]) {
      const r = await runCli([...command, '-o', 't.svg'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `backrefs: -o t.svg: backrefs ${command[0]} writes text or JSON, not svg; name the file .txt or .json, or say --format text\n`);
    }
    assert.equal(readFileSync(join(dir, 't.svg'), 'utf8'), 'kept');
  });
});

describe('written to stdout by name', () => {
  test('-o /dev/stdout gets the report alone; the line that says where it went goes to stderr', async () => {
    const { a } = await folderWithSnapshots();
    for (const command of ['top', 'strings']) {
      const r = await runCli([command, a, '-n', '2', '-o', '/dev/stdout', '-f', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotThrow(() => JSON.parse(r.stdout), `${command}: ${r.stdout.slice(-200)}`);
      assert.match(r.stderr, / written to \/dev\/stdout\n$/);
    }
  });
});

describe('nothing to show is said in words', () => {
  test('--max-targets 0, --limit 0 and a snapshot of no objects get a line that says why', async () => {
    const { dir, a, b } = await folderWithSnapshots();
    for (const command of ['dominators', 'scopes']) {
      const r = await runCli([command, a, '-t', command === 'scopes' ? 'func' : 'Test', '--max-targets', '0']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'backrefs: --max-targets 0 would explain nothing: give 1 or more\n');
    }
    const top0 = await runCli(['top', a, '--limit', '0']);
    assert.equal(top0.code, 1);
    assert.equal(top0.stderr, 'backrefs: --limit 0 would list nothing: give 1 or more\n');
    // leaks, like types, growth and new: 0 lists all.
    const leaks0 = await runCli(['leaks', a, b, a, '--limit', '0']);
    assert.equal(leaks0.code, 0, leaks0.stderr);
    assert.doesNotMatch(leaks0.stdout, /more paths/);
    const empty = JSON.parse(readFileSync(a, 'utf8')) as Record<string, unknown> & { snapshot: Record<string, unknown> };
    Object.assign(empty.snapshot, { node_count: 0, edge_count: 0 });
    Object.assign(empty, { nodes: [], edges: [], strings: [], locations: [] });
    const zero = join(dir, 'zero.heapsnapshot');
    writeFileSync(zero, JSON.stringify(empty));
    const top = await runCli(['top', zero]);
    assert.equal(top.code, 1);
    assert.equal(top.stderr, `backrefs: ${zero} holds no objects: nothing retains anything\n`);
    const types = await runCli(['types', zero]);
    assert.equal(types.code, 0, types.stderr);
    assert.equal(types.stdout, `No objects in ${zero}.\n`);
  });
});
