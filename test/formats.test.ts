/**
 * What `-o NAME` writes: the format its extension names, PDF through the system `dot`, a refusal
 * (one line, no file, before the snapshot is read) for an extension backrefs cannot write or for
 * none, and PNGs at one pixel density whichever renderer draws them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PNG_DPI } from '../src/output/render.js';
import { runCli } from './helpers/cli.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';
import { hasCommand, requireTool } from './helpers/tools.js';

const work = mkdtempSync(join(tempDir(), 'formats-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** An environment whose PATH holds nothing: no `dot`, so the WebAssembly/resvg fallback draws. */
function withoutGraphviz(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: mkdtempSync(join(work, 'empty-path-')) };
}

function freshDir(): string {
  return mkdtempSync(join(work, 'out-'));
}

describe('-o names the format, or the run is refused', () => {
  for (const [name, pattern] of [
    ['graph.jpg', /-o graph\.jpg: backrefs cannot write \.jpg files; it writes \.dot, \.gv, \.svg, \.png, \.pdf, \.json, \.txt/],
    ['graph', /-o graph has no extension .*--format dot/],
    ['graph.heapsnapshot', /cannot write \.heapsnapshot files/],
  ] as const) {
    test(`-o ${name}: one line, exit 1, no file, the snapshot not read`, async () => {
      const dir = freshDir();
      const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '-o', name], { cwd: dir });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stderr, /Found/);
      assert.deepEqual(readdirSync(dir), []);
    });
  }

  test('-o without an extension writes DOT when --format dot says so', async () => {
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '-o', 'graph', '--format', 'dot'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'graph'), 'utf8'), /^digraph "backrefs" \{/);
  });

  test('--format overrides the extension', async () => {
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '-o', 'graph.out', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const count = Number(/\((\d+) nodes\)/.exec(r.stdout)?.[1]);
    assert.equal((JSON.parse(readFileSync(join(dir, 'graph.out'), 'utf8')) as { nodes: unknown[] }).nodes.length, count, 'JSON, with the nodes the CLI counted');
  });

  test('PDF and PNG need a file, not stdout', async () => {
    for (const format of ['pdf', 'png']) {
      const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--format', format]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^backrefs: ${format.toUpperCase()} output needs a file: -o FILE\\.${format}\\n$`));
      assert.equal(r.stdout, '');
    }
  });
});

describe('PDF', () => {
  test('-o x.pdf writes a PDF with the system dot', async (t) => {
    if (!requireTool(t, hasCommand('dot', ['-V']), 'Graphviz (dot)')) return;
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '-o', 'x.pdf'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const pdf = readFileSync(join(dir, 'x.pdf'));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/Type\s*\/Page\b/, 'no page in the PDF');
    assert.ok(pdf.length > 2000, `a ${pdf.length}-byte PDF cannot hold the seed's graph`);
  });

  test('without the system dot: one line saying what to install, no file, the snapshot not read', async () => {
    const dir = freshDir();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '-o', 'x.pdf'], { cwd: dir, env: withoutGraphviz() });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^backrefs: PDF output needs Graphviz's dot program, which is not installed \(apt-get install graphviz.*\n$/);
    assert.deepEqual(readdirSync(dir), []);
  });
});

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The drawing's size in points, from a Graphviz SVG's `<svg width="Wpt" height="Hpt">`. */
function svgPoints(svg: string): { width: number; height: number } {
  const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  assert.ok(m, 'no size in the SVG');
  return { width: Number(m[1]), height: Number(m[2]) };
}

test('PNG: 96 pixels per inch from the system dot and from the fallback alike', async (t) => {
  if (!requireTool(t, hasCommand('dot', ['-V']), 'Graphviz (dot)')) return;
  const dir = freshDir();
  const snapshot = await scenarioSnapshot('seed');
  const dotFile = join(dir, 'seed.dot');
  assert.equal((await runCli([snapshot, '-t', 'Test', '-o', dotFile])).code, 0);

  const system = await runCli([snapshot, '-t', 'Test', '-o', join(dir, 'system.png')]);
  assert.equal(system.code, 0, system.stderr);
  const fallback = await runCli([snapshot, '-t', 'Test', '-o', join(dir, 'fallback.png')], { env: withoutGraphviz() });
  assert.equal(fallback.code, 0, fallback.stderr);
  assert.ok(existsSync(join(dir, 'fallback.png')));

  // Each renderer lays the graph out with its own font metrics (the system's fonts, or the
  // WebAssembly build's estimates), so the drawings differ in points; the density must not.
  const dot = readFileSync(dotFile, 'utf8');
  const systemSvg = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  assert.equal(systemSvg.status, 0, systemSvg.stderr);
  const { renderSvg } = await import('../src/output/render.js');
  const layouts = { system: svgPoints(systemSvg.stdout), fallback: svgPoints(await renderSvg(dot)) };
  const sizes = { system: pngSize(join(dir, 'system.png')), fallback: pngSize(join(dir, 'fallback.png')) };
  const detail = JSON.stringify({ layouts, sizes });
  for (const which of ['system', 'fallback'] as const) {
    const expected = { width: (layouts[which].width * PNG_DPI) / 72, height: (layouts[which].height * PNG_DPI) / 72 };
    assert.ok(Math.abs(sizes[which].width - expected.width) <= 2 && Math.abs(sizes[which].height - expected.height) <= 2, `${which}: not ${PNG_DPI} dpi: ${detail}`);
  }
  t.diagnostic(detail);
});
