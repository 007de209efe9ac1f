/**
 * `--view` as a user meets it: with no display, without xdot, with an xdot that dies at start
 * (its message passed on, cleaned), and with a real xdot under Xvfb. Every failure is one line and
 * exit 1; a temporary DOT is left only when xdot opened it, and then the message says where.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { runCli, type CliResult } from './helpers/cli.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';
import { pixelCounts, screenshot, startXvfb, stop, type PixelCounts } from './helpers/screen.js';
import { hasCommand, requireTool } from './helpers/tools.js';

const work = mkdtempSync(join(tempDir(), 'view-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh temp folder for the CLI (TMPDIR), so what it leaves there can be listed. */
function scratchTmp(): string {
  return mkdtempSync(join(work, 'tmp-'));
}

function env(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_AT_BRIDGE: '1' };
  delete e['DISPLAY'];
  delete e['WAYLAND_DISPLAY'];
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete e[k];
    else e[k] = v;
  }
  return e;
}

function oneLineFailure(r: CliResult, pattern: RegExp): string {
  assert.equal(r.code, 1, `expected exit 1: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n').filter((l) => !/^Found \d+ /.test(l));
  assert.equal(lines.length, 1, `expected one line of error: ${r.stderr}`);
  const line = lines[0]!;
  assert.match(line, pattern);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'control characters reached the terminal');
  return line;
}

describe('--view when nothing can be shown', () => {
  test('no display: refused before the snapshot is read, nothing left in the temp folder', async () => {
    const tmp = scratchTmp();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view'], { env: env({ TMPDIR: tmp }) });
    oneLineFailure(r, /no display \(neither DISPLAY nor WAYLAND_DISPLAY is set\).*-o FILE\.dot/);
    assert.doesNotMatch(r.stderr, /Found/, 'the snapshot was read although nothing could be shown');
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('no display with -o: the file is written, the failure names it, exit 1', async () => {
    const out = join(work, 'no-display.dot');
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view', '-o', out], { env: env({}) });
    const line = oneLineFailure(r, /no display/);
    assert.ok(line.includes(out), line);
    assert.match(r.stdout, /Graph written to .*no-display\.dot \(\d+ nodes\)/);
    assert.ok(existsSync(out));
  });

  test('xdot not on PATH: says so and how to install it, nothing left in the temp folder', async () => {
    const tmp = scratchTmp();
    const emptyPath = mkdtempSync(join(work, 'path-'));
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view'], { env: env({ TMPDIR: tmp, DISPLAY: ':0', PATH: emptyPath }) });
    oneLineFailure(r, /xdot: it is not installed .*apt-get install xdot.*nothing was kept/);
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('xdot that exits at start: its own message, cleaned of control characters', async () => {
    const tmp = scratchTmp();
    const bin = mkdtempSync(join(work, 'fake-xdot-'));
    const fake = join(bin, 'xdot');
    // A traceback-like stderr: indented frames, then the message, coloured, then a blank line.
    writeFileSync(fake, "#!/bin/sh\nprintf 'Traceback:\\n  File x, line 2\\n\\033[31mGtkError: cannot open display\\a :7\\033[0m\\n\\n' >&2\nexit 3\n");
    chmodSync(fake, 0o755);
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view'], { env: env({ TMPDIR: tmp, DISPLAY: ':7', PATH: `${bin}:${process.env['PATH'] ?? ''}` }) });
    oneLineFailure(r, /xdot exited with code 3 at start: GtkError: cannot open display :7; nothing was kept/);
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('the real xdot with a display that does not exist: exit 1 with what xdot said', async (t) => {
    if (!requireTool(t, hasCommand('xdot', ['--help']), 'xdot')) return;
    const tmp = scratchTmp();
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view'], { env: env({ TMPDIR: tmp, DISPLAY: ':65000' }) });
    const line = oneLineFailure(r, /^backrefs: xdot exited with code [1-9]\d* at start: \S.*; nothing was kept/);
    assert.doesNotMatch(line, /^\s*File "/, line);
    assert.deepEqual(readdirSync(tmp), []);
  });
});

test('--view under Xvfb: xdot really opens the graph, and the message says where its file is', { timeout: 120_000 }, async (t) => {
  const tools = ['Xvfb', 'xdot', 'import', 'convert'].filter((c) => !hasCommand(c, c === 'Xvfb' ? ['-version'] : c === 'xdot' ? ['--help'] : ['--version']));
  if (!requireTool(t, tools.length === 0, tools.join(', '))) return;
  const tmp = scratchTmp();
  const x = await startXvfb();
  try {
    const r = await runCli([await scenarioSnapshot('seed'), '-t', 'Test', '--view'], { env: env({ TMPDIR: tmp, DISPLAY: x.display }) });
    assert.equal(r.code, 0, r.stderr);
    const m = /Graph opened in xdot \(\d+ nodes\); its DOT file stays in (\S+\.dot)\n/.exec(r.stderr);
    assert.ok(m, r.stderr);
    const file = m[1]!;
    assert.ok(file.startsWith(tmp) && existsSync(file), `${file} is not in ${tmp}`);
    assert.deepEqual(readdirSync(tmp), [file.slice(tmp.length + 1)], 'more than the one DOT file left behind');

    // backrefs has exited; xdot must still be on the screen, drawing the graph.
    const shot = join(work, 'view.png');
    let seen: PixelCounts | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      screenshot(x.display, shot);
      seen = pixelCounts(shot);
      if (seen.red > 20 && seen.green > 200) break;
      await sleep(500);
    }
    assert.ok(seen && seen.red > 20 && seen.green > 200, `xdot's window does not show the graph: ${JSON.stringify(seen)}`);
  } finally {
    // xdot loses its display with Xvfb and exits.
    await stop(x.process);
  }
});
