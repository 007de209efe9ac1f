/**
 * End to end on real V8 heaps: each scenario's snapshot is written by `v8.writeHeapSnapshot` in a
 * child process, the CLI runs as a process, and what it drew is read back from Graphviz's own
 * layout (WebAssembly build in-process, and the system `dot`), not from our DOT text.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { runCli } from './helpers/cli.js';
import { Drawn } from './helpers/drawn.js';
import { systemDotAvailable, systemLayout, wasmLayout } from './helpers/graphviz.js';
import { scenarioSnapshot, type Scenario } from './helpers/scenarios.js';
import { requireTool } from './helpers/tools.js';

const CYCLE_COLOR = '#cc3300';

/** objgraph's breadth-first picture (`--walk bfs`): these checks are of that walk; test/e2e-why.test.ts checks the default. */
async function dotOf(scenario: Scenario, ...extra: string[]): Promise<string> {
  const r = await runCli([await scenarioSnapshot(scenario), '--type', 'Test', '--walk', 'bfs', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^digraph /);
  return r.stdout;
}

/** The same checks on both Graphviz builds: the WebAssembly one always, the system one when installed (always in CI). */
async function inBothGraphviz(t: TestContext, dot: string, check: (d: Drawn) => void): Promise<void> {
  await t.test('WebAssembly Graphviz', async () => check(new Drawn(await wasmLayout(dot))));
  await t.test('system dot', (st) => {
    if (requireTool(st, systemDotAvailable(), 'Graphviz (the dot binary)')) check(new Drawn(systemLayout(dot)));
  });
}

describe('scenarios drawn by the CLI (--walk bfs) and laid out by Graphviz', () => {
  test('seed: Test <-[0]- Array <-seq- context, in a small graph', async (t) => {
    await inBothGraphviz(t, await dotOf('seed'), (d) => {
      const [target, ...others] = d.nodesTitled('Test');
      assert.ok(target, d.describe());
      assert.equal(others.length, 0, `one Test object expected:\n${d.describe()}`);
      assert.equal(target.attrs['fontcolor'], 'red', 'the target is drawn in a red font');
      const held = d.edge('Array', '[0]', 'Test');
      const seq = d.edge(/Context/, 'seq', 'Array');
      assert.equal(held.tail, seq.head, 'the Array holding the Test is the one the seq variable names');
      // objgraph draws 6 nodes for the same program; the default view must stay that readable.
      assert.ok(d.g.nodes.length <= 10, `${d.g.nodes.length} nodes:\n${d.describe()}`);
    });
  });

  test('cycle: both Test objects, the two peer edges marked as a cycle', async (t) => {
    await inBothGraphviz(t, await dotOf('cycle'), (d) => {
      const tests = d.nodesTitled('Test').map((n) => n.name);
      assert.equal(tests.length, 2, d.describe());
      const peers = d.g.edges.filter((e) => e.label === 'peer' && tests.includes(e.tail) && tests.includes(e.head));
      assert.equal(peers.length, 2, d.describe());
      assert.deepEqual(new Set(peers.map((e) => `${e.tail}>${e.head}`)), new Set([`${tests[0]}>${tests[1]}`, `${tests[1]}>${tests[0]}`]));
      for (const e of peers) assert.equal(e.attrs['color']?.toLowerCase(), CYCLE_COLOR, 'cycle edges are coloured');
      const leaked = d.edge('global', 'leaked', 'Test');
      assert.notEqual(leaked.attrs['color']?.toLowerCase(), CYCLE_COLOR, 'an edge off the cycle is not marked');
    });
  });

  test('--cycles lists the cycle of the drawn graph with its nodes', async () => {
    const r = await runCli([await scenarioSnapshot('cycle'), '--type', 'Test', '--walk', 'bfs', '--cycles', '-o', '-']);
    assert.equal(r.code, 0, r.stderr);
    // The two peers hold each other: one strongly connected component has both.
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('cycle '));
    assert.ok(lines.some((l) => /^cycle \d+ \(\d+ nodes\): .*Test @\d+.*Test @\d+/.test(l)), r.stderr);
  });

  test('closure: the captured variable payload and the closure handler', async (t) => {
    await inBothGraphviz(t, await dotOf('closure'), (d) => {
      const payload = d.edge(/Context/, 'payload', 'Test');
      const handler = d.g.nodes.find((n) => n.lines.some((l) => l.startsWith('handler(')));
      assert.ok(handler, `no node for the closure handler:\n${d.describe()}`);
      const scope = d.g.edges.filter((e) => e.tail === handler.name && e.head === payload.tail);
      assert.equal(scope.length, 1, `handler should retain the context holding payload:\n${d.describe()}`);
      d.edge(/Object/, 'onData', /Function/);
    });
  });

  test('Map: the Map retains every Test stored as a value', async (t) => {
    await inBothGraphviz(t, await dotOf('map'), (d) => {
      const tests = d.nodesTitled('Test');
      assert.equal(tests.length, 2, d.describe());
      const maps = new Set(d.nodesTitled('Map').map((n) => n.name));
      for (const n of tests) assert.ok(d.edgesInto(n.name).some((e) => maps.has(e.tail)), `${n.name} not retained by the Map:\n${d.describe()}`);
    });
  });

  test('WeakMap: the key retains the value', async (t) => {
    await inBothGraphviz(t, await dotOf('weakmap'), (d) => {
      const [target] = d.nodesTitled('Test');
      assert.ok(target, d.describe());
      const keys = new Set(d.nodesTitled('Key').map((n) => n.name));
      const byKey = d.edgesInto(target.name).filter((e) => keys.has(e.tail));
      assert.equal(byKey.length, 1, `the Key should retain the Test:\n${d.describe()}`);
      d.edge('Array', '[0]', 'Key');
    });
  });

  test('WeakRef: the weak "target" edge is left out by default', async (t) => {
    await inBothGraphviz(t, await dotOf('weakref'), (d) => {
      assert.equal(d.g.edges.filter((e) => e.label === 'target').length, 0, d.describe());
      assert.equal(d.nodesTitled('WeakRef').length, 0, d.describe());
      d.edge('Array', '[0]', 'Test');
    });
  });

  test('WeakRef: --include-weak draws the "target" edge, dashed', async (t) => {
    await inBothGraphviz(t, await dotOf('weakref', '--include-weak'), (d) => {
      const weak = d.edge('WeakRef', 'target', 'Test');
      assert.equal(weak.attrs['style'], 'dashed');
      const strong = d.edge('Array', '[0]', 'Test');
      assert.notEqual(strong.attrs['style'], 'dashed');
    });
  });
});
