/**
 * `backrefs scopes` on a real program (test/scenarios/closure-siblings.cjs): the classic closure
 * leak named with its variable, its retained size (DevTools' number) and the closures that share
 * the scope; and the function-extent scanner that decides what a closure's source mentions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { functionEnd, sameSource } from '../src/analysis/function-source.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { formatSize } from '../src/output/style.js';
import { runCli } from './helpers/cli.js';
import { devtools } from './helpers/devtools-arrays.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

interface Fn {
  id: number;
  name: string;
}
interface ScopesJson {
  targets: {
    id: number;
    name: string;
    scopes: {
      id: number;
      closures: Fn[];
      users: Fn[];
      variables: { name: string; value: { id: number; class: string }; retainedSize: number; onlyThroughScope: boolean; verdict: string; mentionedBy: number[]; keptBy: number[] }[];
    }[];
  }[];
}

async function scopes(args: readonly string[]): Promise<ScopesJson> {
  const r = await runCli(['scopes', ...args, '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ScopesJson;
}

test('scopes --type tick: `big` is kept by tick, which never mentions it, for a sibling that is gone; its size is DevTools\'', async () => {
  const file = await scenarioSnapshot('closure-siblings');
  const j = await scopes([file, '--type', 'tick']);
  assert.equal(j.targets.length, 1);
  const tick = j.targets[0]!;
  const [scope] = tick.scopes;
  assert.ok(scope, 'tick has a scope');
  assert.deepEqual(scope.closures.map((c) => c.name), ['tick']);
  const big = scope.variables.find((v) => v.name === 'big')!;
  assert.ok(big, JSON.stringify(scope.variables.map((v) => v.name)));
  assert.equal(big.value.class, 'Array');
  assert.equal(big.verdict, 'unused');
  assert.deepEqual(big.keptBy, [tick.id]);
  assert.deepEqual(big.mentionedBy, []);
  assert.equal(big.onlyThroughScope, true);
  // new Array(1e6).fill(1): a million 8-byte slots, DevTools' retained size node for node.
  const snap = await loadSnapshot(file);
  const dt = await devtools(file);
  assert.equal(big.retainedSize, dt.retainedSizes[snap.ordinalOfId(big.value.id)]);
  assert.ok(big.retainedSize >= 8_000_000, `${big.retainedSize}`);

  const text = await runCli(['scopes', file, '--type', 'tick']);
  assert.equal(text.code, 0, text.stderr);
  const row = text.stdout.split('\n').find((l) => /^\s+big\s/.test(l))!;
  assert.ok(row.includes(formatSize(big.retainedSize)) && row.includes('no live closure mentions it: kept by tick()'), text.stdout);
  assert.match(text.stdout, /^Kept alive by closures that do not use them/m);
  assert.match(text.stdout, new RegExp(`\`big\` \\(${formatSize(big.retainedSize)}\\) in scope @${scope.id}: no live closure uses it; tick\\(\\) closure-siblings\\.cjs:13 keeps it alive`));
});

test('scopes --type ping: `table` is used by read and kept by ping too; both share the scope; --id of the scope gives the same', async () => {
  const file = await scenarioSnapshot('closure-siblings');
  const j = await scopes([file, '--type', 'ping']);
  const [scope] = j.targets[0]!.scopes;
  assert.deepEqual(scope!.closures.map((c) => c.name).sort(), ['ping', 'read']);
  const table = scope!.variables.find((v) => v.name === 'table')!;
  assert.equal(table.verdict, 'shared');
  const idOf = (name: string) => scope!.closures.find((c) => c.name === name)!.id;
  assert.deepEqual(table.mentionedBy, [idOf('read')]);
  assert.deepEqual(table.keptBy, [idOf('ping')]);
  const snap = await loadSnapshot(file);
  const dt = await devtools(file);
  assert.equal(table.retainedSize, dt.retainedSizes[snap.ordinalOfId(table.value.id)]);
  assert.ok(table.retainedSize >= 400_000);

  const byId = await scopes([file, '--id', `@${scope!.id}`]);
  assert.deepEqual(byId.targets[0]!.scopes[0]!.variables, scope!.variables);
});

test('scopes on something that is no closure, or a name that matches none: a plain answer, or one line and exit 1', async () => {
  const file = await scenarioSnapshot('closure-siblings');
  const none = await runCli(['scopes', file, '--type', 'Map', '--node-type', 'object']);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /no closure scope/);
  const missing = await runCli(['scopes', file, '--type', 'noSuchFunction']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trimEnd().split('\n').length, 1, missing.stderr);
  const dot = await runCli(['scopes', file, '--type', 'tick', '-f', 'dot']);
  assert.equal(dot.code, 1);
});

test('a function\'s extent: its body\'s closing brace, or where an arrow\'s expression ends, past strings, templates, comments and regexes', () => {
  const cases: [string, string][] = [
    ['(a) { return "}" + a; } next()', '(a) { return "}" + a; }'],
    ['() => big.length, other', '() => big.length'],
    ['(k) => table.get(k) }', '(k) => table.get(k)'],
    ['(x) { /* } */ return `${ {a: 1}.a }}`; // }\n } rest', '(x) { /* } */ return `${ {a: 1}.a }}`; // }\n }'],
    ['(s) { return s.replace(/[}/]/g, "") } tail', '(s) { return s.replace(/[}/]/g, "") }'],
    ['(a, b) { return a / b / 2 } tail', '(a, b) { return a / b / 2 }'],
    ['() => ({ a: 1, b: [2, 3] }); x', '() => ({ a: 1, b: [2, 3] })'],
    ['x => x || {} + big; y', 'x => x || {} + big'],
  ];
  for (const [source, fn] of cases) assert.equal(source.slice(0, functionEnd(source, 0)).trimEnd(), fn, source);
  const script = { name: 'f.js', text: 'abc', truncated: true, selfSize: 24 };
  assert.equal(sameSource(script, 'abcdefgh'), true);
  assert.equal(sameSource(script, 'abcdefghi'), false);
  assert.equal(sameSource(script, 'xbcdefgh'), false);
});

test('past the 1024 characters of source V8 writes, the library says unknown; the CLI reads the file when it is the same text', async () => {
  const file = await scenarioSnapshot('closure-cache');
  const snap = await loadSnapshot(file);
  const { closureScopes } = await import('../src/analysis/closure-scopes.js');
  const { scopeUses } = await import('../src/analysis/scope-uses.js');
  let lookup = -1;
  for (let o = 0; o < snap.nodeCount && lookup === -1; o++) if (snap.nodeType(o) === 'closure' && snap.nodeName(o) === 'lookup') lookup = o;
  // closure-cache.cjs is about 2,000 characters; lookup() starts past the first 1024.
  const inner = scopeUses(snap, closureScopes(snap, lookup)[0]!);
  assert.deepEqual(inner.variables.map((v) => v.verdict), inner.variables.map(() => 'unknown'));
  const j = await scopes([file, '--id', `@${snap.nodeId(lookup)}`]);
  const variables = j.targets[0]!.scopes[0]!.variables;
  assert.deepEqual(variables.map((v) => [v.name, v.verdict]).sort(), [['keep', 'used'], ['prefix', 'used']]);
});
