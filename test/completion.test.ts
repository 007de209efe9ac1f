/**
 * Shell completion through yargs' own `completion` command: the script it prints completes
 * options and --format values in a real bash, and reading a snapshot never loads yargs (an ESM
 * resolve hook logs every module resolved, and the same hook sees yargs on the completion path).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { CLI } from './helpers/paths.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';
import { hasCommand, requireTool } from './helpers/tools.js';

const work = mkdtempSync(join(tempDir(), 'completion-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('`backrefs completion` prints a bash/zsh script that completes options and --format values', (t) => {
  if (!requireTool(t, hasCommand('bash', ['-c', 'true']), 'bash')) return;
  const script = spawnSync(process.execPath, [CLI, 'completion'], { encoding: 'utf8' });
  assert.equal(script.status, 0, script.stderr);
  assert.match(script.stdout, /complete -o bashdefault -o default -F _backrefs_yargs_completions backrefs/);

  // The script calls `backrefs --get-yargs-completions ...`: the CLI, as `backrefs` on PATH.
  const bin = mkdtempSync(join(work, 'bin-'));
  writeFileSync(join(bin, 'backrefs'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'backrefs'), 0o755);
  const complete = (...words: string[]) => {
    const line = ['backrefs', ...words].map((w) => `'${w}'`).join(' ');
    const r = spawnSync('bash', ['-c', `${script.stdout}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length}; _backrefs_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter((w) => w !== '').sort();
  };
  assert.deepEqual(complete('--dep'), ['--depth']);
  assert.deepEqual(complete('--format', 'p'), ['pdf', 'png']);
  assert.deepEqual(complete('--t'), ['--timings', '--too-many', '--type'], 'one-letter aliases must not be offered as --t');
});

test('reading a snapshot does not load yargs; completing does', async () => {
  const log = join(work, 'resolved.log');
  const hooks = join(work, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  const register = join(work, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const loaded = (args: readonly string[]) => {
    rmSync(log, { force: true });
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, ...args], { encoding: 'utf8', cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(log), 'the resolve hook did not run');
    return readFileSync(log, 'utf8').split('\n').filter((u) => /\/node_modules\/yargs\//.test(u));
  };
  assert.deepEqual(loaded([CLI, await scenarioSnapshot('seed'), '-t', 'Test', '-o', join(work, 'out.dot')]), [], 'the normal path loaded yargs');
  assert.notDeepEqual(loaded([CLI, '--get-yargs-completions', 'backrefs', '--de']), [], 'the hook does not see yargs at all');
});
