/**
 * Every code example in README.md and docs/*.md does what it shows:
 * - ```ts blocks compile with the project's strict settings, importing 'backrefs' as users do
 *   (resolved to the built package's types);
 * - ```sh lines that start with `backrefs` or `node bin/backrefs.js` run on a generated snapshot
 *   (the seed's: the examples are about it) and print the output written under them; a block
 *   opts out with `<!-- not run -->` on the line before it;
 * - `npm run X` names a script package.json has;
 * - a ```js block shown after a link to a file is that file's code;
 * - a ```json block parses and has the keys the real JSON output has;
 * - a cited `file.cjs:N` exists and, when the sentence names a function, line N defines it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { runCli } from './helpers/cli.js';
import { parseMarkdown, type CodeBlock } from './helpers/markdown.js';
import { CLI, REPO_ROOT } from './helpers/paths.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';
import { hasCommand, requireTool } from './helpers/tools.js';

const DOCS = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const parsed = DOCS.map((file) => ({ file, ...parseMarkdown(file, readFileSync(join(REPO_ROOT, file), 'utf8')) }));
const blocks = parsed.flatMap((p) => p.blocks);
const work = mkdtempSync(join(tempDir(), 'docs-'));
after(() => rmSync(work, { recursive: true, force: true }));

const where = (b: CodeBlock, offset = 0) => `${b.file}:${b.line + offset}`;

test('the docs have examples to check', () => {
  assert.ok(blocks.some((b) => b.lang === 'ts'), 'no ```ts block found');
  assert.ok(blocks.some((b) => b.lang === 'sh' && /^\$?\s*(backrefs|node bin\/backrefs\.js)\s/m.test(b.code)), 'no runnable ```sh block found');
});

test('```ts examples compile with the strict settings, against the built package', () => {
  const dir = mkdtempSync(join(work, 'ts-'));
  const modules = realpathSync(join(REPO_ROOT, 'node_modules'));
  const files = new Map<string, CodeBlock>();
  blocks
    .filter((b) => b.lang === 'ts')
    .forEach((b, i) => {
      const name = `example-${i}.ts`;
      // Each block is a module of its own (top-level await, imports), whether or not it exports.
      writeFileSync(join(dir, name), `${b.code}\nexport {};\n`);
      files.set(name, b);
    });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.json'),
      compilerOptions: {
        rootDir: '.',
        noEmit: true,
        // Examples show a step and stop; an unused result is not a mistake there.
        noUnusedLocals: false,
        noUnusedParameters: false,
        typeRoots: [join(modules, '@types')],
        paths: { backrefs: [join(REPO_ROOT, 'dist', 'src', 'index.d.ts')] },
      },
      include: ['*.ts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', dir, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
  // Errors point at the doc line, not the scratch file.
  const report = tsc.stdout.replace(/(example-\d+\.ts)\((\d+),(\d+)\)/g, (all, name: string, line: string) => {
    const b = files.get(name);
    return b ? `${where(b, Number(line) - 1)}` : all;
  });
  assert.equal(tsc.status, 0, `examples do not compile:\n${report}${tsc.stderr}`);
});

/** Lines of a ```sh block that run backrefs, each with the output shown under it. */
function commands(b: CodeBlock): { line: number; command: string; expected: string[] }[] {
  const lines = b.code.split('\n');
  const prompts = lines.some((l) => l.startsWith('$ '));
  const out: { line: number; command: string; expected: string[] }[] = [];
  let current: { line: number; command: string; expected: string[] } | undefined;
  lines.forEach((raw, i) => {
    const isCommand = prompts ? raw.startsWith('$ ') : !raw.startsWith('#') && raw.trim() !== '';
    const text = prompts && isCommand ? raw.slice(2) : raw;
    if (isCommand) {
      current = /^(backrefs|node bin\/backrefs\.js)\s/.test(text) ? { line: i, command: text, expected: [] } : undefined;
      if (current) out.push(current);
    } else if (current && raw.trim() !== '') {
      current.expected.push(raw.replace(/^#\s?/, '').trim());
    }
  });
  return out;
}

describe('```sh examples run on a generated snapshot and print what they show', async () => {
  const runnable = blocks.filter((b) => b.lang === 'sh' && !b.notRun).flatMap((b) => commands(b).map((c) => ({ b, ...c })));
  for (const { b, line, command, expected } of runnable) {
    test(`${where(b, line)}: ${command}`, async (t) => {
      if (!requireTool(t, hasCommand('sh', ['-c', 'true']), 'sh')) return;
      const seed = await scenarioSnapshot('seed');
      const cwd = mkdtempSync(join(work, 'sh-'));
      const bin = join(cwd, '.bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'backrefs'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
      chmodSync(join(bin, 'backrefs'), 0o755);
      const gz = join(cwd, '.seed.heapsnapshot.gz');
      writeFileSync(gz, gzipSync(readFileSync(seed)));
      const shell = command
        .replace(/^node bin\/backrefs\.js\s/, 'backrefs ')
        .replace(/(^|\s)[^\s'"|<>]*\.heapsnapshot(\.gz)?(?=\s|$)/g, (_all, space: string, isGz: string | undefined) => `${space}${isGz ? gz : seed}`);
      for (const m of shell.matchAll(/(?:^|\s)(?:-o|--output)\s+(\S+)/g)) mkdirSync(join(cwd, dirname(m[1]!)), { recursive: true });
      const r = spawnSync('sh', ['-c', shell], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
      assert.equal(r.status, 0, `${where(b, line)} failed:\n$ ${shell}\n${r.stderr}${r.stdout}`);
      const printed = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
      for (const want of expected) assert.ok(printed.includes(want), `${b.file}: "${want}" is shown under \`${command}\`, but it printed:\n${r.stderr}${r.stdout.slice(0, 2000)}`);
    });
  }
});

test('`npm run X` in the docs names a script of package.json', () => {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const named = blocks.filter((b) => b.lang === 'sh').flatMap((b) => [...b.code.matchAll(/\bnpm (?:run ([\w:-]+)|(test)\b)/g)].map((m) => ({ b, script: m[1] ?? m[2]! })));
  assert.ok(named.length > 0);
  for (const { b, script } of named) assert.ok(scripts[script], `${where(b)}: npm run ${script}, but package.json has no such script`);
});

test('a ```js block after a link to a file shows that file\'s code', () => {
  const shown = blocks.filter((b) => b.lang === 'js' && /\]\(([^)]+\.c?js)\)[^\n]*$/.test(b.before));
  for (const b of shown) {
    const file = /\]\(([^)]+\.c?js)\)[^\n]*$/.exec(b.before)![1]!;
    const source = readFileSync(join(REPO_ROOT, dirname(b.file), file), 'utf8').split('\n').map((l) => l.trimEnd());
    let at = 0;
    for (const l of b.code.split('\n').filter((x) => x.trim() !== '')) {
      const found = source.indexOf(l.trimEnd(), at);
      assert.ok(found >= 0, `${where(b)}: "${l}" is not in ${file} (in this order)`);
      at = found + 1;
    }
  }
});

test('```json examples have the keys backrefs writes', async () => {
  const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--format', 'json', '--too-many', '0']);
  assert.equal(r.code, 0, r.stderr);
  const real = JSON.parse(r.stdout) as Record<string, unknown>;
  const keys = (o: unknown) => Object.keys(o as object).sort();
  for (const b of blocks.filter((x) => x.lang === 'json')) {
    const doc = JSON.parse(b.code) as Record<string, unknown>;
    assert.deepEqual(keys(doc), keys(real), `${where(b)}: top-level keys`);
    for (const list of ['nodes', 'edges', 'more']) {
      const mine = (doc[list] as unknown[])[0];
      const theirs = (real[list] as unknown[])[0];
      if (mine !== undefined && theirs !== undefined) assert.deepEqual(keys(mine), keys(theirs), `${where(b)}: keys of ${list}[0]`);
    }
  }
});

/** Every file of the repository by name, for citations like `seed-scenario.cjs:6`. */
function sourcesByName(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', '.git'].includes(e.name)) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else byName.set(e.name, [...(byName.get(e.name) ?? []), path]);
    }
  };
  walk(REPO_ROOT);
  return byName;
}

test('a cited file:line exists, and defines the function the sentence names', () => {
  const byName = sourcesByName();
  let checked = 0;
  for (const { file, prose } of parsed) {
    const paragraphs: { text: string; line: number }[] = [];
    prose.forEach((l, i) => {
      if (l.trim() === '') paragraphs.push({ text: '', line: i + 1 });
      else if (paragraphs.length === 0) paragraphs.push({ text: l, line: i + 1 });
      else paragraphs[paragraphs.length - 1]!.text += `\n${l}`;
    });
    for (const { text, line } of paragraphs) {
      for (const m of text.matchAll(/([\w.-]+\.(?:cjs|mjs|js|ts)):(\d+)/g)) {
        const [cited, name, n] = [m[0], m[1]!, Number(m[2])];
        const at = `${file}:${line + text.slice(0, m.index).split('\n').length - 1}`;
        const paths = byName.get(basename(name)) ?? [];
        assert.equal(paths.length, 1, `${at} cites ${cited}: ${paths.length === 0 ? 'no such file' : `which one? ${paths.map((p) => relative(REPO_ROOT, p)).join(', ')}`}`);
        const lines = readFileSync(paths[0]!, 'utf8').split('\n');
        assert.ok(n >= 1 && n <= lines.length, `${at} cites ${cited}, past the end of the file (${lines.length} lines)`);
        // The function is the last identifier in backticks before the citation, in its sentence.
        const sentence = text.slice(0, m.index).split(/[.!?]\s/).pop() ?? '';
        const fn = [...sentence.matchAll(/`([A-Za-z_$][\w$]*)`/g)].pop()?.[1];
        if (fn) {
          const defines = new RegExp(`\\b(function\\*?\\s+${fn}\\b|class\\s+${fn}\\b|${fn}\\s*[=:]\\s*(async\\s+)?(function\\b|\\())`);
          const found = lines.findIndex((l) => defines.test(l)) + 1;
          assert.ok(defines.test(lines[n - 1]!), `${at} cites ${cited} for \`${fn}\`, but line ${n} is "${lines[n - 1]}"${found ? `; \`${fn}\` is defined on line ${found}` : ''}`);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 0, 'no citation found; the walkthrough cites the sample\'s function');
});
