/**
 * The retained-size commands end to end, as a user runs them: `dominators`, `top`, `strings`,
 * on real scenario snapshots, their answers checked against the library (itself checked
 * against DevTools in dominators-oracle.test.ts) and what the programs built.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { dominatorChain, retainedSize } from '../src/analysis/retained-sizes.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { runCli } from './helpers/cli.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';

test('dominators --type Test: the chain from the root to the seed Test, each step with what it retains', async () => {
  const file = await scenarioSnapshot('seed');
  const r = await runCli(['dominators', file, '--type', 'Test']);
  assert.equal(r.code, 0, r.stderr);
  const snap = await loadSnapshot(file);
  let test0 = -1;
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'object' && snap.nodeName(o) === 'Test') test0 = o;
  const chain = dominatorChain(snap, test0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, new RegExp(`^Test @${snap.nodeId(test0)}: retains \\d+ B; kept alive, from the root down, by:$`));
  // One line per dominator above the target, in order, each naming its id.
  assert.deepEqual(lines.slice(1).map((l) => /@(\d+)/.exec(l)![1]), chain.slice(0, -1).map((o) => String(snap.nodeId(o))));
  assert.match(r.stderr, /1 Test object/);
});

test('dominators -o FILE.json: the chain as a graph, retained sizes on the nodes, arrows from dominator to dominated', async () => {
  const file = await scenarioSnapshot('weakmap');
  const out = join(tempDir(), 'dominators.json');
  const r = await runCli(['dominators', file, '--type', 'Test', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Dominators written to/);
  const g = JSON.parse(readFileSync(out, 'utf8')) as { nodes: { id: number; role: string; retainedSize: number }[]; edges: { from: number; to: number; label: string }[] };
  const snap = await loadSnapshot(file);
  const byId = new Map<number, number>();
  for (let o = 0; o < snap.nodeCount; o++) byId.set(snap.nodeId(o), o);
  for (const n of g.nodes) assert.equal(n.retainedSize, retainedSize(snap, byId.get(n.id)!));
  const target = g.nodes.find((n) => n.role === 'target')!;
  const up = g.edges.filter((e) => e.to === target.id);
  assert.equal(up.length, 1);
  const chain = dominatorChain(snap, byId.get(target.id)!);
  assert.equal(up[0]!.from, snap.nodeId(chain[chain.length - 2]!));
  assert.equal(g.nodes.length, chain.length);
});

test('top: the largest retainers, largest first, with share of the heap and the holding chain; JSON agrees', async () => {
  const file = await scenarioSnapshot('strings');
  const r = await runCli(['top', file, '-n', '5']);
  assert.equal(r.code, 0, r.stderr);
  const sizes = [...r.stdout.matchAll(/^\s+\d+\.\s+(\S+ \S+)\s+([\d.]+)%/gm)].map((m) => Number(m[2]));
  assert.equal(sizes.length, 5);
  for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i - 1]! >= sizes[i]!, r.stdout);
  const j = await runCli(['top', file, '-n', '50', '-f', 'json']);
  const top = JSON.parse(j.stdout) as { totalSize: number; top: { id: number; class: string; retainedSize: number; share: number; dominators: { id: number }[] }[] };
  const snap = await loadSnapshot(file);
  assert.equal(top.totalSize, retainedSize(snap, 0));
  // The program's Holder keeps 2000 strings of 1000 characters: over 2 MB, among the largest.
  const holder = top.top.find((t) => t.class === 'Holder');
  assert.ok(holder && holder.retainedSize > 2_000_000, JSON.stringify(top.top.slice(0, 5)));
  assert.equal(holder.share, holder.retainedSize / top.totalSize);
  assert.equal(holder.dominators[0]!.id, 1);
});

test('strings: the text copied 50 times is listed with its copies; bad format refused in one line', async () => {
  const file = await scenarioSnapshot('strings');
  const r = await runCli(['strings', file, '-n', '0', '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { strings: { text: string; count: number; ids: number[] }[] };
  const copied = s.strings.find((x) => x.text === 'duplicated text value');
  assert.ok(copied && copied.count >= 50);
  const bad = await runCli(['strings', file, '-o', 'x.svg']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /text or JSON/);
});
