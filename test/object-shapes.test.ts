/**
 * Class names as DevTools' Summary gives them, node for node, with DevTools' own snapshot code
 * (heap-snapshot-toolkit) as the oracle: every node of every shared fixture and of real programs
 * snapshotted in a child process, among them one whose data are literal `{foo, bar}` objects; and
 * that such an object is selected by `--type '{foo, bar}'` through the CLI.
 */
import assert from 'node:assert/strict';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createGunzip } from 'node:zlib';
import { parse } from 'heap-snapshot-toolkit';
import { classCounts, className, closestClassNames, countByType, findByType, loadSnapshot, objectShapes } from '../src/index.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { runCli } from './helpers/cli.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';

/** The part of DevTools' JSHeapSnapshot the oracle reads (the toolkit ships no types for it). */
interface DevToolsSnapshot {
  nodeFieldCount: number;
  nodeCount: number;
  nodeTypes: string[];
  createNode(nodeIndex: number): { nodeIndex: number; className(): string; id(): number };
  interfaceDefinitions(): string;
}

async function devtools(path: string): Promise<DevToolsSnapshot> {
  const stream = createReadStream(path);
  return (await parse(path.endsWith('.gz') ? (stream.pipe(createGunzip()) as unknown as typeof stream) : stream)) as unknown as DevToolsSnapshot;
}

interface Compared {
  nodes: number;
  /** nodes whose type index lies past the file's own node_types list: DevTools says `(undefined)`, backrefs names V8's type */
  pastTypeList: number;
  devtoolsCounts: Map<string, number>;
}

/** Every node's class name, ours against DevTools'; the one allowed difference is counted, any other fails. */
function compareEveryNode(snap: HeapSnapshot, dt: DevToolsSnapshot, label: string): Compared {
  assert.equal(snap.nodeCount, dt.nodeCount, `${label}: node count`);
  const node = dt.createNode(0);
  const devtoolsCounts = new Map<string, number>();
  let pastTypeList = 0;
  const wrong: string[] = [];
  for (let i = 0; i < snap.nodeCount; i++) {
    node.nodeIndex = i * dt.nodeFieldCount;
    const theirs = node.className();
    const ours = className(snap, i);
    devtoolsCounts.set(theirs, (devtoolsCounts.get(theirs) ?? 0) + 1);
    if (theirs === ours) continue;
    if (theirs === '(undefined)' && snap.nodeTypeIndex(i) >= dt.nodeTypes.length && ours === `(${snap.nodeType(i)})`) {
      pastTypeList++;
      continue;
    }
    if (wrong.length < 5) wrong.push(`@${snap.nodeId(i)} ${snap.nodeType(i)} ${JSON.stringify(snap.nodeName(i).slice(0, 60))}: DevTools ${theirs}, backrefs ${ours}`);
    else wrong.push('');
  }
  assert.equal(wrong.length, 0, `${label}: ${wrong.length} class names differ from DevTools', e.g.\n${wrong.filter(Boolean).join('\n')}`);
  return { nodes: snap.nodeCount, pastTypeList, devtoolsCounts };
}

function sameShapes(snap: HeapSnapshot, dt: DevToolsSnapshot, label: string): void {
  const theirs = (JSON.parse(dt.interfaceDefinitions()) as { name: string; properties: string[] }[]).map((d) => ({ name: d.name, properties: d.properties }));
  const shapes = objectShapes(snap);
  assert.deepEqual(
    shapes.names.map((name, k) => ({ name, properties: [...shapes.properties[k]!] })),
    theirs,
    `${label}: the shapes DevTools infers`,
  );
}

const fixtures = readdirSync(SHARED_FIXTURES)
  .filter((f) => /\.heapsnapshot(\.gz)?$/.test(f) && statSync(join(SHARED_FIXTURES, f)).isFile())
  .sort();
const scenarios: Scenario[] = ['shapes', 'acorn-ast', 'http-request', 'seed', 'closure'];

describe('class names against DevTools (heap-snapshot-toolkit)', () => {
  test('the fixture folder has files to compare', () => assert.ok(fixtures.length >= 3, fixtures.join(', ')));

  for (const name of fixtures) {
    test(`${name}: every node's class name, the shapes, and classCounts equal DevTools'`, async (t) => {
      const path = join(SHARED_FIXTURES, name);
      const [snap, dt] = await Promise.all([loadSnapshot(path), devtools(path)]);
      const r = compareEveryNode(snap, dt, name);
      sameShapes(snap, dt, name);
      sameCounts(snap, r, name);
      t.diagnostic(`${r.nodes} nodes compared, ${objectShapes(snap).names.length} shapes, ${r.pastTypeList} nodes past the file's type list`);
    });
  }

  for (const scenario of scenarios) {
    test(`scenario ${scenario}: every node's class name, the shapes, and classCounts equal DevTools'`, async (t) => {
      const path = await scenarioSnapshot(scenario);
      const [snap, dt] = await Promise.all([loadSnapshot(path), devtools(path)]);
      const r = compareEveryNode(snap, dt, scenario);
      assert.equal(r.pastTypeList, 0, 'Node 20 declares every type it writes');
      sameShapes(snap, dt, scenario);
      sameCounts(snap, r, scenario);
      t.diagnostic(`${r.nodes} nodes compared, ${objectShapes(snap).names.length} shapes`);
    });
  }
});

/** classCounts over all node types is DevTools' per-class count (the nodes past the type list aside). */
function sameCounts(snap: HeapSnapshot, r: Compared, label: string): void {
  const ours = classCounts(snap, { nodeTypes: 'all' });
  const theirs = new Map(r.devtoolsCounts);
  if (r.pastTypeList > 0) theirs.delete('(undefined)');
  for (const [k, n] of ours) {
    if (theirs.has(k) || r.pastTypeList === 0) continue;
    // The renamed ones: counted under V8's type name here.
    assert.ok(/^\(.*\)$/.test(k), `${label}: ${k}`);
    theirs.set(k, n);
  }
  assert.deepEqual([...ours].sort(byKey), [...theirs].sort(byKey), `${label}: classCounts`);
}

const byKey = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

describe('selecting plain objects by shape', () => {
  test('the literal shapes of a script get their DevTools names, and --type-style selection finds exactly them', async () => {
    const snap = await loadSnapshot(await scenarioSnapshot('shapes'));
    const { names } = objectShapes(snap);
    assert.ok(names.includes('{foo, bar}'), names.join(' '));
    // A wider object is named after its own shape once that is common, not after the narrower one.
    assert.ok(names.includes('{foo, bar, baz}'));
    // Names holding a comma, quote or brace are quoted as DevTools quotes them.
    assert.ok(names.includes(`{"a, b", "it's", "{c}"}`), names.join(' '));
    const found = findByType(snap, '{foo, bar}');
    assert.equal(countByType(snap, '{foo, bar}'), found.length);
    for (const o of found) {
      assert.equal(snap.nodeName(o), 'Object');
      assert.equal(className(snap, o), '{foo, bar}');
    }
    // The script's 3000 objects, and V8's boilerplate of the literal (held by its AllocationSite).
    assert.deepEqual(byHolder(snap, found), { array: 3000, boilerplate: found.length - 3000 });
    assert.ok(found.length - 3000 <= 1);
    assert.equal(byHolder(snap, findByType(snap, '{foo, bar, baz}')).array, 200);
    assert.equal(findByType(snap, '{foo, bar}', { limit: 5 }).length, 5);
    // Only objects have shapes; a selection of closures finds none.
    assert.equal(countByType(snap, '{foo, bar}', { nodeTypes: ['closure'] }), 0);
    assert.equal(countByType(snap, '{foo, nope}'), 0);
    // `Object` is what the Summary calls Object: the plain objects no shape fits.
    assert.equal(countByType(snap, 'Object'), classCounts(snap).get('Object'));
    const unshaped = findByType(snap, 'Object');
    assert.ok(unshaped.length > 0);
    for (const o of unshaped) assert.equal(className(snap, o), 'Object');
    assert.ok(unshaped.some((o) => snap.retainingEdges(o).some((e) => snap.edgeName(e) === 'oneOff')), 'the one-off object is an Object');
    assert.equal(closestClassNames(snap, '{foo,bar}')[0], '{foo, bar}');
    assert.equal(classCounts(snap).get('{foo, bar}'), found.length);
    assert.equal(classCounts(snap).get('{onlyMe}'), undefined, 'one object is no shape');
  });

  test("CLI: --type '{foo, bar}' draws literal objects of the user's script, named by their shape", async () => {
    const path = await scenarioSnapshot('shapes');
    const r = await runCli([path, '--type', '{foo, bar}', '--depth', '3', '--max-targets', '2', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const graph = JSON.parse(r.stdout) as { nodes: { class: string; role: string; name: string; count: number }[] };
    // Two drawn (instances held the same way may share one box).
    const targets = graph.nodes.filter((n) => n.role === 'target');
    assert.equal(targets.reduce((sum, n) => sum + n.count, 0), 2);
    for (const n of targets) assert.equal(n.class, '{foo, bar}');
    assert.match(r.stderr, /Found \d+ \{foo, bar\} objects/);

    const typo = await runCli([path, '--type', '{foo,bar}']);
    assert.notEqual(typo.code, 0);
    assert.match(typo.stderr, /\{foo, bar\}/, 'suggests the shape name');
  });
});

/** How many of `found` an array's backing store holds, and how many only an AllocationSite (a literal's boilerplate) holds. */
function byHolder(snap: HeapSnapshot, found: readonly number[]): { array: number; boilerplate: number } {
  let array = 0;
  let boilerplate = 0;
  for (const o of found) {
    const holders = snap.retainingEdges(o).map((e) => snap.nodeName(snap.edgeSource(e)));
    if (holders.includes('(object elements)') || holders.includes('Array')) array++;
    // V8 14 (Node 25) also lists root lists' handles to it, `(Handle scope)` and `(Strong roots)`.
    else if (holders.includes('system / AllocationSite') && holders.every((h) => h === 'system / AllocationSite' || h.startsWith('('))) boilerplate++;
  }
  return { array, boilerplate };
}
