import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { SnapshotBuilder } from '../src/index.js';
import { runCli } from './helpers/cli.js';

/**
 * Issue 4's "nothing lost" and "output safety", through the CLI as a user runs it: files are
 * replaced whole or not at all, write failures are one clear line, and hostile strings in a
 * snapshot come out inert in DOT, SVG, JSON and text.
 */

const HOSTILE_CLASS = 'Evil"]; x [URL="javascript:alert(1)" label="pwned"]; y [label="';
const HTML_CLASS = '<b><a href="x">html</a></b>';
const ESC_NAME = 'red\u001b[31m\u0007bell\u001b]0;title\u0007';

let dir: string;
let snapshot: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-safety-'));
  const b = new SnapshotBuilder();
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  const holder = b.node('object', HOSTILE_CLASS);
  const html = b.node('object', HTML_CLASS);
  const text = b.node('string', `${ESC_NAME}\nsecond line\\N\\G`);
  const target = b.node('object', 'Target');
  b.edge(root, gcRoots, 'element', 1);
  b.edge(gcRoots, holder, 'element', 0);
  b.edge(holder, html, 'property', '"];\nURL="evil');
  b.edge(html, target, 'property', ESC_NAME);
  b.edge(text, target, 'property', '<i>edge</i>');
  b.edge(gcRoots, text, 'element', 1);
  snapshot = join(dir, 'hostile.heapsnapshot');
  writeFileSync(snapshot, b.toJSON());
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile strings come out inert', () => {
  test('SVG rendered from them has no injected element or attribute, and shows the text', async () => {
    const out = join(dir, 'hostile.svg');
    const r = await runCli([snapshot, '--type', 'Target', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const svg = readFileSync(out, 'utf8');
    // The hostile text may be drawn (escaped) as text; it must not become an element or attribute.
    assert.doesNotMatch(svg, /<(a|script|b|i)[\s>]/i);
    assert.doesNotMatch(svg, /<[^>]*\s(href|xlink:href|URL|onload|onclick)\s*=/i);
    assert.ok(svg.includes('&lt;b&gt;&lt;a href=&quot;x&quot;&gt;html&lt;/a&gt;&lt;/b&gt;') || svg.includes('&lt;b&gt;&lt;a href="x"&gt;html&lt;/a&gt;&lt;/b&gt;'), 'the HTML-like class name is shown as text');
    assert.ok(svg.includes('pwned'), 'the injection attempt is drawn as text, not applied');
    // One <g class="node"> per drawn node, and the legend: nothing was added by the strings.
    const count = Number(/\((\d+) nodes\)/.exec(r.stdout)?.[1]);
    assert.equal((svg.match(/class="node"/g) ?? []).length, count + 1);
  });

  test('text output carries no terminal escape sequence nor bell', async () => {
    const r = await runCli([snapshot, '--type', 'Target', '--format', 'text']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f]/);
    assert.ok(r.stdout.includes('red\u241b[31m\u2407bell'), 'control characters are shown as their pictures');
  });

  test('JSON keeps every name exactly', async () => {
    const r = await runCli([snapshot, '--type', 'Target', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const g = JSON.parse(r.stdout) as { nodes: { class: string }[]; edges: { name: string | number }[] };
    assert.ok(g.nodes.some((n) => n.class === HOSTILE_CLASS));
    assert.ok(g.edges.some((e) => e.name === ESC_NAME));
  });
});

describe('nothing lost', () => {
  test('a failed run leaves an existing output file as it was, and no temporary file', async () => {
    const work = mkdtempSync(join(dir, 'keep-'));
    const out = join(work, 'out.dot');
    writeFileSync(out, 'previous graph\n');
    for (const args of [
      [snapshot, '--type', 'NoSuchClass', '-o', out],
      [join(work, 'missing.heapsnapshot'), '--type', 'Target', '-o', out],
      [snapshot, '--type', 'Target', '--depth', '-1', '-o', out],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(readFileSync(out, 'utf8'), 'previous graph\n');
    }
    assert.deepEqual(readdirSync(work), ['out.dot']);
  });

  test('a read-only folder is one clear error', async (t) => {
    const ro = join(dir, 'ro');
    if (!mountTmpfs(t, ro, 'ro')) return;
    try {
      const r = await runCli([snapshot, '--type', 'Target', '-o', join(ro, 'out.dot')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^backrefs: cannot write .*out\.dot: read-only file system\n$/);
    } finally {
      unmount(ro);
    }
  });

  test('a full disk is one clear error, and leaves neither a partial file nor a temporary one', async (t) => {
    const full = join(dir, 'full');
    if (!mountTmpfs(t, full, 'size=64k')) return;
    try {
      writeFileSync(join(full, 'out.svg'), 'previous\n');
      // Fill what is left, so the SVG cannot fit.
      const filler = Buffer.alloc(4096);
      try {
        for (let i = 0; i < 64; i++) writeFileSync(join(full, `fill-${i}`), filler);
      } catch {
        // ENOSPC: the disk is full, as wanted.
      }
      const r = await runCli([snapshot, '--type', 'Target', '-o', join(full, 'out.svg')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^backrefs: cannot write .*out\.svg: no space left on the device\n$/);
      assert.equal(readFileSync(join(full, 'out.svg'), 'utf8'), 'previous\n');
      assert.deepEqual(readdirSync(full).filter((f) => !f.startsWith('fill-')), ['out.svg']);
    } finally {
      unmount(full);
    }
  });
});

/** A small tmpfs, to make a read-only or full file system for real; needs root, as in CI. */
function mountTmpfs(t: TestContext, where: string, options: string): boolean {
  mkdirSync(where, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', where], { stdio: 'ignore' });
  if (r.status === 0) return true;
  // Mounting needs root; CI runs as root, so there it must work.
  if (process.env['CI'] && process.getuid?.() === 0) assert.fail('cannot mount a tmpfs as root');
  t.skip('mounting a tmpfs needs root');
  return false;
}

function unmount(where: string): void {
  spawnSync('umount', [where], { stdio: 'ignore' });
}
