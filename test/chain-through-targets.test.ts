/**
 * `backrefs chain` over targets that hold one another: each path stops at the first other target
 * on its way, whose own path is listed too, so a list of n targets reads as two paths, not n
 * paths of up to n steps (quadratic: 8,000 links printed 480 MB in 260 s).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { className } from '../src/analysis/class-names.js';
import { chains, shortestChain, type ChainStep } from '../src/graph/chain.js';
import { Retainers } from '../src/graph/retainers.js';
import { chainText } from '../src/output/chain-text.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { SHAPES } from './fuzz/shapes.js';
import { realHeaps } from './helpers/real-heaps.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

test("a program's queue of 50 Entry links: the head's path from the global, and one path shared by the other 49", async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('linked-lists'));
  const targets = findByType(snap, 'Entry');
  const { groups, unreachable } = chains(snap, targets);
  assert.deepEqual(unreachable, []);
  assert.deepEqual(groups.map((g) => [g.targets.length, g.steps.length - 1, g.fromTarget === true]), [[49, 1, true], [1, 1, false]]);
  assert.equal(groups[0]!.steps[1]!.label, 'next');
  const text = chainText(snap, groups, unreachable, 'Entry');
  assert.match(text, /^49 Entry objects \(@\d+, …\) share this path, 1 hop from Entry @\d+, another of them \(its own path is listed too\):\n {2}Entry --next--> Entry @\d+\n@\d+, 1 hop from global:\n {2}global --queue--> Entry @\d+\n$/);
});

test('a list of 20,000 targets: every target in a group, a few lines of text', () => {
  const snap = SHAPES.find((s) => s.name === 'long-chain')!.build(20_000).build();
  const targets = findByType(snap, 'Link');
  const { groups, unreachable } = chains(snap, targets);
  assert.equal(groups.reduce((s, g) => s + g.targets.length, 0) + unreachable.length, targets.length);
  assert.ok(groups.length <= 3, `${groups.length} groups`);
  assert.ok(chainText(snap, groups, unreachable, 'Link').split('\n').length <= 8);
});

test('each path climbed once for all targets reads as the path climbed for each target alone, on every real heap', async () => {
  let compared = 0;
  for await (const { what, snap, targets } of realHeaps(['seed'])) {
    const isTarget = new Uint8Array(snap.nodeCount);
    for (const t of targets) isTarget[t] = 1;
    const retainers = new Retainers(snap, { raw: false, includeWeak: false });
    const alone = new Map<number, ChainStep[] | undefined>();
    for (const t of targets) alone.set(t, shortestChain(snap, t, retainers, (o) => isTarget[o] === 1));
    const { groups, unreachable } = chains(snap, targets);
    for (const t of unreachable) assert.equal(alone.get(t), undefined, `${what}: @${snap.nodeId(t)}`);
    for (const g of groups) {
      // The group's path is its first target's; every member's own path reads the same.
      assert.deepEqual(g.steps, alone.get(g.targets[0]!), `${what}: the path of @${snap.nodeId(g.targets[0]!)}`);
      const reads = (steps: readonly ChainStep[]) => steps.map((s) => [className(snap, s.ordinal), s.label.replace(/^\[\d+\]$/, '[]')]);
      for (const t of g.targets) assert.deepEqual(reads(alone.get(t)!), reads(g.steps), `${what}: @${snap.nodeId(t)} reads as its group's path`);
    }
    assert.equal(groups.reduce((n, g) => n + g.targets.length, 0) + unreachable.length, targets.length, what);
    compared++;
  }
  assert.ok(compared > 20, `${compared} heaps`);
});
