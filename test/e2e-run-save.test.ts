/**
 * `--save FILE` with `-- node app.js`: refused before the program runs where it could never be
 * written, and otherwise written as every output is (src/cli/write.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './helpers/cli.js';
import { tempDir } from './helpers/scenarios.js';

/** A program that leaves a marker as it starts (so a test can tell it never ran), then exits. */
function marking(dir: string): { script: string; marker: string } {
  const script = join(dir, 'marking.cjs');
  const marker = join(dir, 'marker');
  writeFileSync(script, "require('fs').writeFileSync(process.argv[2], 'ran');\nclass Held {}\nglobalThis.held = new Held();\n");
  return { script, marker };
}

function run(dir: string, save: string) {
  const { script, marker } = marking(dir);
  return { marker, result: runCli(['--type', 'Held', '-f', 'text', '--save', save, '--', process.execPath, script, marker], { cwd: dir }) };
}

describe('--save', () => {
  test('into a folder that does not exist: one line, and the program never runs', async () => {
    const dir = mkdtempSync(join(tempDir(), 'save-nodir-'));
    const { marker, result } = run(dir, 'nodir/s.heapsnapshot');
    const r = await result;
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'backrefs: cannot write nodir/s.heapsnapshot: the folder does not exist\n');
    assert.ok(!existsSync(marker), 'the program ran');
  });

  test('onto a directory: one line, and the program never runs', async () => {
    const dir = mkdtempSync(join(tempDir(), 'save-dir-'));
    mkdirSync(join(dir, 'd'));
    const { marker, result } = run(dir, 'd');
    const r = await result;
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'backrefs: cannot write d: it is a directory\n');
    assert.ok(!existsSync(marker), 'the program ran');
  });

  test('through a symlink: the link stays, its target gets the snapshot, no temp file is left', async () => {
    const dir = mkdtempSync(join(tempDir(), 'save-link-'));
    writeFileSync(join(dir, 'real.heapsnapshot'), 'old');
    symlinkSync('real.heapsnapshot', join(dir, 'link.heapsnapshot'));
    const r = await run(dir, 'link.heapsnapshot').result;
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(join(dir, 'link.heapsnapshot')).isSymbolicLink(), 'the link was replaced');
    assert.match(readFileSync(join(dir, 'real.heapsnapshot'), 'utf8').slice(0, 20), /^\{"snapshot":/);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  });

  test('to a device: written in place', async () => {
    const r = await run(mkdtempSync(join(tempDir(), 'save-dev-')), '/dev/null').result;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Found 1 Held object/);
  });

  test('a write that fails after the run is one line, not an unexpected error', async () => {
    const r = await run(mkdtempSync(join(tempDir(), 'save-full-')), '/dev/full').result;
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'backrefs: cannot write /dev/full: no space left on the device\n');
  });

  test('without a program to run: one line', async () => {
    const r = await runCli(['--type', 'Held', '--save', 'x.heapsnapshot'], { cwd: tempDir() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^backrefs: --save x\.heapsnapshot keeps the snapshot of a program run after --/);
  });
});
