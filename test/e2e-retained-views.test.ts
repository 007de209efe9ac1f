/**
 * Retained sizes and allocation sites on the drawing commands (the default view, --walk bfs,
 * chain) and in `types`, as a user runs them, on real scenario snapshots. The numbers are
 * checked against Chrome DevTools' own code (heap-snapshot-toolkit): a box's retained size is
 * DevTools' for one object, and for a group the DevTools retained sizes of the members that no
 * other member dominates, found by climbing DevTools' dominator tree.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { retainedSizesOfSets, shallowSize } from '../src/analysis/retained-sizes.js';
import { baseClassName } from '../src/snapshot/names.js';
import { formatSize } from '../src/output/style.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { runCli } from './helpers/cli.js';
import { devtools, type DevToolsSnapshot } from './helpers/devtools-arrays.js';
import { wasmLayout } from './helpers/graphviz.js';
import { scenarioSnapshot, tempDir, type Scenario } from './helpers/scenarios.js';

interface JsonNode {
  id: number;
  class: string;
  role: string;
  count?: number;
  ids?: number[];
  retainedSize?: number;
  allocatedBy?: { functionName: string; scriptName: string; line: number; column: number };
  allocationSites?: number;
}

async function load(s: Scenario): Promise<{ file: string; snap: HeapSnapshot; dt: DevToolsSnapshot; ordinalOf: Map<number, number> }> {
  const file = await scenarioSnapshot(s);
  const [snap, dt] = await Promise.all([loadSnapshot(file), devtools(file)]);
  const ordinalOf = new Map<number, number>();
  for (let o = 0; o < snap.nodeCount; o++) ordinalOf.set(snap.nodeId(o), o);
  return { file, snap, dt, ordinalOf };
}

/** DevTools' answer for a set: the members with no other member above them in its dominator tree. */
function devtoolsSetSize(dt: DevToolsSnapshot, members: readonly number[]): number {
  const set = new Set(members);
  let total = 0;
  for (const m of set) {
    let nested = false;
    for (let o = m; o !== 0 && !nested; ) {
      o = dt.dominatorsTree[o]!;
      nested = set.has(o);
    }
    if (!nested) total += dt.retainedSizes[m]!;
  }
  return total;
}

/** Every box's retainedSize against DevTools; returns the boxes. */
function checkAgainstDevTools(nodes: readonly JsonNode[], dt: DevToolsSnapshot, ordinalOf: Map<number, number>): JsonNode[] {
  for (const n of nodes) {
    const ids = n.ids ?? [n.id];
    assert.equal(ids.length, n.count ?? 1, `box @${n.id} lists all its ids`);
    assert.equal(n.retainedSize, devtoolsSetSize(dt, ids.map((id) => ordinalOf.get(id)!)), `${n.class} @${n.id} ×${n.count ?? 1}`);
  }
  return [...nodes];
}

test('default view --retained: every box, groups included, retains what DevTools says; DOT and text say the same', async () => {
  const { file, dt, ordinalOf } = await load('express-sessions');
  const r = await runCli([file, '-t', 'IncomingMessage', '--retained', '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const nodes = checkAgainstDevTools((JSON.parse(r.stdout) as { nodes: JsonNode[] }).nodes, dt, ordinalOf);
  const group = nodes.find((n) => n.role === 'target' && (n.count ?? 1) === 50);
  assert.ok(group, 'the 50 requests the program kept are one box');
  assert.ok(nodes.filter((n) => (n.count ?? 1) > 1).length >= 2, 'groups of retainers too');

  const dot = join(tempDir(), 'im-retained.dot');
  assert.equal((await runCli([file, '-t', 'IncomingMessage', '--retained', '-o', dot])).code, 0);
  const drawn = await wasmLayout(readFileSync(dot, 'utf8'));
  for (const n of nodes) {
    const box = drawn.nodes.find((d) => d.name === `n${n.id}`);
    assert.ok(box, `@${n.id} drawn`);
    assert.ok(box.lines.some((l) => l.endsWith(` · ${formatSize(n.retainedSize!)} retained`)), `${box.lines.join(' / ')}`);
  }
  const textOut = await runCli([file, '-t', 'IncomingMessage', '--retained', '-f', 'text']);
  assert.match(textOut.stdout, new RegExp(`^IncomingMessage ×50 @\\d+ …(?: .*)? \\([^)]*in all, ${formatSize(group.retainedSize!).replace('.', '\\.')} retained, distance \\d+\\)`, 'm'));
});

test('without --retained nothing is measured: no retainedSize in JSON, no "retained" in any box', async () => {
  const { file } = await load('express-sessions');
  const r = await runCli([file, '-t', 'Session', '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok((JSON.parse(r.stdout) as { nodes: JsonNode[] }).nodes.every((n) => n.retainedSize === undefined));
  const dot = await runCli([file, '-t', 'Session', '-f', 'dot']);
  const drawn = await wasmLayout(dot.stdout);
  assert.ok(drawn.nodes.every((n) => !n.lines.some((l) => l.includes('retained'))));
});

test('--walk bfs --retained and chain --retained: DevTools\' numbers on every box; chain text brackets them', async () => {
  const { file, dt, ordinalOf } = await load('weakmap');
  const bfs = await runCli([file, '-t', 'Test', '--walk', 'bfs', '--depth', '4', '--retained', '-f', 'json']);
  assert.equal(bfs.code, 0, bfs.stderr);
  assert.ok(checkAgainstDevTools((JSON.parse(bfs.stdout) as { nodes: JsonNode[] }).nodes, dt, ordinalOf).length > 3);

  const ex = await load('express-sessions');
  const chain = await runCli(['chain', ex.file, '-t', 'Session', '--retained', '-f', 'json']);
  assert.equal(chain.code, 0, chain.stderr);
  const nodes = checkAgainstDevTools((JSON.parse(chain.stdout) as { nodes: JsonNode[] }).nodes, ex.dt, ex.ordinalOf);
  const target = nodes.find((n) => n.role === 'target')!;
  const text = await runCli(['chain', ex.file, '-t', 'Session', '--retained']);
  assert.equal(text.code, 0, text.stderr);
  assert.ok(text.stdout.includes(`Session @${target.id} [all 50: ${formatSize(target.retainedSize!)} retained]`), text.stdout);
  // Every step of the path has its bracket.
  const path = text.stdout.split('\n')[1]!;
  assert.equal(path.split(' retained]').length - 1, nodes.length);
});

test("types --retained: one more column; a class's total counts nested instances once, as DevTools' Summary", async () => {
  const { file, snap, dt } = await load('acorn-ast');
  const plain = await runCli(['types', file, '-n', '0', '-f', 'json']);
  const r = await runCli(['types', file, '-n', '0', '--retained', '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = (JSON.parse(r.stdout) as { types: { name: string; count: number; selfSize: number; retainedSize: number }[] }).types;
  // The same rows as without it, in the same order, each with its retained size.
  assert.deepEqual(rows.map(({ name, count, selfSize }) => ({ name, count, selfSize })), (JSON.parse(plain.stdout) as { types: unknown[] }).types);
  // The AST's Node objects nest in one another: DevTools' Summary total, not the sum.
  const aggregates = dt.buildAggregates();
  dt.calculateClassesRetainedSize(aggregates);
  const nodeRow = rows.find((t) => t.name === 'Node')!;
  const theirs = [...aggregates.values()].filter((a) => a.name === 'Node');
  assert.equal(theirs.length, 1);
  assert.equal(nodeRow.retainedSize, theirs[0]!.maxRet);
  let sumOfEach = 0;
  for (let o = 0; o < snap.nodeCount; o++) if (snap.nodeType(o) === 'object' && snap.nodeName(o) === 'Node') sumOfEach += dt.retainedSizes[o]!;
  assert.ok(nodeRow.retainedSize < sumOfEach / 2, `${nodeRow.retainedSize} vs ${sumOfEach}`);
  // Every row, by a second method: the class's instances as one set (the view's group rule).
  const members = new Map<string, number[]>();
  for (let o = 0; o < snap.nodeCount; o++) {
    if (shallowSize(snap, o) === 0) continue;
    const name = baseClassName(snap, o);
    const list = members.get(name);
    if (list) list.push(o);
    else members.set(name, [o]);
  }
  const names = [...members.keys()];
  const sizes = retainedSizesOfSets(snap, names.map((n) => members.get(n)!));
  const bySet = new Map(names.map((n, i) => [n, sizes[i]!]));
  for (const row of rows) assert.equal(row.retainedSize, bySet.get(row.name) ?? 0, row.name);

  const sorted = await runCli(['types', file, '--sort', 'retained', '-n', '8']);
  assert.equal(sorted.code, 0, sorted.stderr);
  const lines = sorted.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 8);
  const retainedColumn = lines.map((l) => /(\S+ \S*B) retained$/.exec(l)![1]!);
  const top8 = [...rows].sort((a, b) => b.retainedSize - a.retainedSize).slice(0, 8);
  assert.deepEqual(retainedColumn, top8.map((t) => formatSize(t.retainedSize)));
  // Right-aligned: every line ends its count in one column.
  assert.equal(new Set(lines.map((l) => /^.*?\s{2,}\d+/.exec(l)![0].length)).size, 1);
});

test('allocation sites: each box names the function, script and line that made it; types --by site counts as DevTools', async () => {
  const { file, dt, ordinalOf } = await load('tracked-sites');
  const r = await runCli([file, '-t', 'UserSession', '-t', 'Entry', '--retained', '-f', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const nodes = checkAgainstDevTools((JSON.parse(r.stdout) as { nodes: JsonNode[] }).nodes, dt, ordinalOf);
  const sessions = nodes.find((n) => n.class === 'UserSession')!;
  const entries = nodes.find((n) => n.class === 'Entry')!;
  assert.deepEqual([sessions.count, sessions.allocatedBy?.functionName, sessions.allocatedBy?.line, sessions.allocationSites], [20, 'makeSessions', 17, undefined]);
  assert.deepEqual([entries.count, entries.allocatedBy?.functionName, entries.allocatedBy?.line], [30, 'fillCache', 26]);
  for (const n of [sessions, entries]) assert.ok(n.allocatedBy!.scriptName.endsWith('tracked-sites.cjs'), n.allocatedBy!.scriptName);
  // The program's arithmetic: 20 sessions, each the only holder of a 10,000-character string.
  assert.ok(sessions.retainedSize! > 20 * 10_000 && sessions.retainedSize! < 20 * 10_200, String(sessions.retainedSize));

  const dot = await runCli([file, '-t', 'UserSession', '-f', 'dot']);
  const box = (await wasmLayout(dot.stdout)).nodes.find((n) => n.name === `n${sessions.id}`)!;
  assert.ok(box.lines.includes('allocated in makeSessions at tracked-sites.cjs:17'), box.lines.join(' / '));
  const dom = await runCli(['dominators', file, '-t', 'UserSession', '--max-targets', '1', '-f', 'dot']);
  assert.ok((await wasmLayout(dom.stdout)).nodes.some((n) => n.lines.includes('allocated in makeSessions at tracked-sites.cjs:17')), dom.stdout);
  const chain = await runCli(['chain', file, '-t', 'Entry']);
  assert.match(chain.stdout, /Entry @\d+ \[all 30: allocated in fillCache at tracked-sites\.cjs:26\]/);

  // DevTools' allocation stacks, counted by their allocating function (the top frame).
  type Frame = { functionName: string; scriptName: string; line: number };
  const stackOf = (dt as unknown as { allocationStack(nodeIndex: number): Frame[] | null }).allocationStack.bind(dt);
  const theirs = new Map<string, number>();
  for (let o = 0; o < dt.nodeCount; o++) {
    const top = stackOf(o * dt.nodeFieldCount)?.[0];
    const key = top && top.functionName !== '(root)' ? `${top.functionName}:${top.line}` : '(none)';
    theirs.set(key, (theirs.get(key) ?? 0) + 1);
  }
  const sites = await runCli(['types', file, '--by', 'site', '-n', '0', '-f', 'json']);
  assert.equal(sites.code, 0, sites.stderr);
  const rows = (JSON.parse(sites.stdout) as { allocationSites: { name: string; count: number; site: Frame | null }[] }).allocationSites;
  const ours = new Map(rows.map((s) => [s.site ? `${s.site.functionName}:${s.site.line}` : '(none)', s.count]));
  assert.deepEqual(new Map([...ours].sort()), new Map([...theirs].sort()));
  assert.ok(ours.get('makeSessions:17')! >= 20 && ours.get('fillCache:26')! >= 30);
  assert.ok(rows.some((s) => s.name === 'makeSessions at tracked-sites.cjs:17'));

  const none = await runCli(['types', (await load('seed')).file, '--by', 'site']);
  assert.equal(none.code, 1);
  assert.equal(none.stderr.trim().split('\n').length, 1);
  assert.match(none.stderr, /has no allocation traces: take it with node --track-heap-objects/);
});
