/**
 * backrefs as npm delivers it: `npm pack` on a copy of the sources with no build in it (and stale
 * files where a build would be), the tarball installed into a scratch project from the npm cache
 * alone, then the installed CLI (`npx backrefs`) and the library (from .mjs, and from .ts compiled
 * with `tsc --strict` against the installed types) on a real snapshot. Skipped without npm
 * locally; in CI (CI set) it must run.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, test } from 'node:test';
import { offlineLock } from './helpers/offline-lock.js';
import { REPO_ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/scenarios.js';
import { hasCommand, requireTool } from './helpers/tools.js';

const work = mkdtempSync(join(tempDir(), 'package-'));
after(() => rmSync(work, { recursive: true, force: true }));

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** npm never reaches the network from this test: every request must come from the cache. */
const OFFLINE_ENV: NodeJS.ProcessEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: OFFLINE_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ok(command: string, args: readonly string[], cwd: string): Promise<Run> {
  const r = await run(command, args, cwd);
  assert.equal(r.code, 0, `${command} ${args.join(' ')} exited with ${r.code}\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** The sources as a fresh clone has them: no node_modules, no build, no snapshots. */
function cloneSources(to: string): void {
  const skip = new Set(['node_modules', 'dist', '.git', 'tmp']);
  cpSync(REPO_ROOT, to, {
    recursive: true,
    filter: (src) => {
      const rel = relative(REPO_ROOT, src);
      return !skip.has(rel.split(sep)[0]!) && !rel.endsWith('.heapsnapshot');
    },
  });
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(to, 'node_modules'), 'dir');
}

const LEAK = `const v8 = require('node:v8');
const kept = [];
class Leak { constructor() { this.payload = 'x'.repeat(100); } }
function remember() { kept.push(new Leak()); }
remember();
v8.writeHeapSnapshot(process.argv[2]);
`;

const MJS = `import { loadSnapshot, findByType, retainerGraph, toDot, toJson, renderSvg } from 'backrefs';
const snap = await loadSnapshot(process.argv[2]);
const leaks = findByType(snap, 'Leak');
const graph = retainerGraph(snap, leaks, { maxDepth: 4 });
const svg = await renderSvg(toDot(graph));
process.stdout.write(JSON.stringify({ leaks: leaks.length, graph: JSON.parse(toJson(graph)), svg: svg.startsWith('<?xml') || svg.startsWith('<svg') }));
`;

const TS = `import { loadSnapshot, findByType, showBackrefs, type HeapNode, type RetainerGraph } from 'backrefs';
const path: string | undefined = process.argv[2];
if (path === undefined) throw new Error('usage: main.js SNAPSHOT');
const snap = await loadSnapshot(path);
const targets: number[] = findByType(snap, 'Leak');
const dot: string = showBackrefs(snap, targets, {
  maxDepth: 4,
  extraNodeAttrs: (node: HeapNode) => (node.className === 'Leak' ? { shape: 'ellipse' } : {}),
});
const empty: RetainerGraph['nodes'] = [];
process.stdout.write(JSON.stringify({ targets: targets.length, ellipse: /shape="ellipse"/.test(dot), empty: empty.length }));
`;

test('npm pack, install from the cache, then the CLI and the library from the installed package', { timeout: 240_000 }, async (t) => {
  if (!requireTool(t, hasCommand(NPM, ['--version']), 'npm')) return;
  const started = performance.now();
  const clone = join(work, 'clone');
  cloneSources(clone);
  // Whatever state the clone was left in: a stale module from an old build and a built test
  // must not reach the package.
  mkdirSync(join(clone, 'dist', 'src'), { recursive: true });
  mkdirSync(join(clone, 'dist', 'test'), { recursive: true });
  writeFileSync(join(clone, 'dist', 'src', 'removed-long-ago.js'), 'export {};\n');
  writeFileSync(join(clone, 'dist', 'test', 'stale.test.js'), 'export {};\n');

  const packs = join(work, 'packs');
  mkdirSync(packs);
  const packed = await ok(NPM, ['pack', '--json', '--pack-destination', packs], clone);
  const info = (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; version: string; files: { path: string }[] }[])[0]!;
  const files = info.files.map((f) => f.path).sort();
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(info.version, manifest.version);
  for (const needed of ['LICENSE', 'README.md', 'package.json', 'bin/backrefs.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'dist/src/cli/version.js', 'docs/cli.md']) {
    assert.ok(files.includes(needed), `${needed} is not in the package: ${files.join(', ')}`);
  }
  const stray = files.filter((f) => !/^(bin\/|dist\/src\/|docs\/[^/]+\.md$|README\.md$|LICENSE$|package\.json$)/.test(f) || f.includes('removed-long-ago'));
  assert.deepEqual(stray, [], 'files that do not belong in the package');
  assert.match(readFileSync(join(clone, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) 2026 the backrefs authors\n/);
  const packedAt = performance.now();

  // A project of its own, with a version backrefs must not report as its own.
  const project = join(work, 'project');
  mkdirSync(project);
  const tarball = join(packs, info.filename);
  const pkg = { name: 'scratch-project', version: '9.9.9', private: true, type: 'module', dependencies: { backrefs: `file:${tarball}` } };
  writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(offlineLock(REPO_ROOT, pkg, tarball), null, 2));
  await ok(NPM, ['ci', '--offline', '--no-audit', '--no-fund'], project);
  assert.ok(existsSync(join(project, 'node_modules', 'backrefs', 'dist', 'src', 'index.js')));
  assert.ok(!existsSync(join(project, 'node_modules', 'backrefs', 'test')), 'tests were installed');
  const installedAt = performance.now();

  const help = await ok(NPX, ['backrefs', '--help'], project);
  assert.match(help.stdout, /backrefs \[SNAPSHOT\] --type CLASS/);
  const version = await ok(NPX, ['backrefs', '--version'], project);
  assert.equal(version.stdout.trim(), manifest.version, 'backrefs --version printed another package\'s version');

  // A real snapshot, from a real program, through the installed CLI.
  writeFileSync(join(project, 'leak.cjs'), LEAK);
  await ok(process.execPath, ['leak.cjs', 'leak.heapsnapshot'], project);
  const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'backrefs.cmd' : 'backrefs');
  const cli = await ok(bin, ['leak.heapsnapshot', '--type', 'Leak', '-o', 'leak.json'], project);
  assert.match(cli.stdout, /Graph written to leak\.json \(\d+ nodes\)/);
  assert.match(cli.stderr, /Found 1 Leak object/);
  const graph = JSON.parse(readFileSync(join(project, 'leak.json'), 'utf8')) as { nodes: { id: number; class: string; role: string }[]; edges: { from: number; to: number; label: string }[] };
  const target = graph.nodes.find((n) => n.role === 'target');
  assert.equal(target?.class, 'Leak');
  const holder = graph.edges.find((e) => e.to === target.id && e.label === '[0]');
  assert.ok(holder, `Leak is not drawn as element [0] of kept: ${JSON.stringify(graph.edges)}`);
  assert.ok(graph.edges.some((e) => e.to === holder.from && e.label === 'kept'), `the array is not drawn as the variable kept: ${JSON.stringify(graph.edges)}`);

  // The library from plain ESM.
  writeFileSync(join(project, 'use.mjs'), MJS);
  const mjs = JSON.parse((await ok(process.execPath, ['use.mjs', 'leak.heapsnapshot'], project)).stdout) as { leaks: number; graph: typeof graph; svg: boolean };
  assert.equal(mjs.leaks, 1);
  assert.ok(mjs.graph.nodes.some((n) => n.id === target.id && n.role === 'target'));
  assert.ok(mjs.graph.edges.some((e) => e.from === holder.from && e.to === target.id && e.label === '[0]'), 'the library and the CLI disagree');
  assert.ok(mjs.svg, 'renderSvg did not return an SVG');

  // The library from TypeScript, strict, against the types the package installed.
  writeFileSync(join(project, 'main.ts'), TS);
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const typeRoots = join(realpathSync(join(REPO_ROOT, 'node_modules')), '@types');
  await ok(process.execPath, [tsc, '--strict', '--skipLibCheck', '--noEmitOnError', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--typeRoots', typeRoots, '--types', 'node', 'main.ts'], project);
  const ts = JSON.parse((await ok(process.execPath, ['main.js', 'leak.heapsnapshot'], project)).stdout) as { targets: number; ellipse: boolean };
  assert.deepEqual(ts, { targets: 1, ellipse: true, empty: 0 });

  const done = performance.now();
  t.diagnostic(`pack ${((packedAt - started) / 1000).toFixed(1)} s, install ${((installedAt - packedAt) / 1000).toFixed(1)} s, use ${((done - installedAt) / 1000).toFixed(1)} s`);
});
