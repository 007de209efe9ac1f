/**
 * The picture a user sees: xdot opens the seed's DOT under a virtual X display and a screenshot
 * shows a drawn graph (the target's red label and a root's green box), not a blank screen or an
 * error dialog. Skipped locally without Xvfb/xdot/ImageMagick; required in CI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { runCli } from './helpers/cli.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';
import { pixelCounts, screenshot, startXvfb, stop, type PixelCounts } from './helpers/screen.js';
import { hasCommand, requireTool } from './helpers/tools.js';

test('xdot draws the seed graph under Xvfb', { timeout: 120_000 }, async (t) => {
  const tools = ['Xvfb', 'xdot', 'import', 'convert'].filter((c) => !hasCommand(c, c === 'Xvfb' ? ['-version'] : ['--version']));
  if (!requireTool(t, tools.length === 0, tools.join(', '))) return;

  const dir = tempDir();
  const dot = join(dir, 'seed.dot');
  const r = await runCli([await scenarioSnapshot('seed'), '--type', 'Test', '-o', dot]);
  assert.equal(r.code, 0, r.stderr);

  const x = await startXvfb();
  const xdot = spawn('xdot', [dot], { env: { ...process.env, DISPLAY: x.display, NO_AT_BRIDGE: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let xdotErr = '';
  xdot.stderr?.on('data', (b: Buffer) => (xdotErr += b.toString()));
  try {
    const shot = join(dir, 'xdot.png');
    // xdot needs a moment to start Python and GTK: look until the graph shows or xdot gives up.
    // The wait has a bound but is not the assertion; what the screen shows is.
    let seen: PixelCounts | undefined;
    for (let attempt = 0; attempt < 60 && xdot.exitCode === null; attempt++) {
      await sleep(500);
      screenshot(x.display, shot);
      seen = pixelCounts(shot);
      if (seen.red > 0 && seen.green > 0) break;
    }
    assert.equal(xdot.exitCode, null, `xdot exited: ${xdotErr}`);
    assert.ok(seen && existsSync(shot), 'no screenshot taken');
    if (process.env['BACKREFS_SCREENSHOT']) copyFileSync(shot, process.env['BACKREFS_SCREENSHOT']);
    const detail = `${JSON.stringify(seen)}; xdot stderr: ${xdotErr}`;
    assert.ok(seen.colours > 16, `the screen is nearly blank: ${detail}`);
    assert.ok(seen.red > 20, `the target's red label is not drawn: ${detail}`);
    assert.ok(seen.green > 200, `the roots' green box is not drawn: ${detail}`);
  } finally {
    await stop(xdot);
    await stop(x.process);
  }
});
