/**
 * The default picture on real programs (test/scenarios, docs/scenarios.md), drawn by the CLI as a
 * process and read back from Graphviz's layout: small, naming the program's own holders, reaching
 * a root or saying how far it still is; and, checked on the walk itself against the snapshot's
 * distances, no "more" count hiding a retainer closer to a root than one drawn.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { distances, UNREACHABLE } from '../src/analysis/distances.js';
import { shortestChain } from '../src/graph/chain.js';
import { Retainers } from '../src/graph/retainers.js';
import { reachedThrough, whyGraph } from '../src/graph/why.js';
import { findByType, loadSnapshot } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { systemDotAvailable, systemLayout, wasmLayout, type DrawnGraph } from './helpers/graphviz.js';
import { memlabPaths, loadMemlab } from './helpers/memlab-paths.js';
import { QUESTIONS, scenarioSnapshot, tempDir } from './helpers/scenarios.js';

/** Whether an arrow's drawn label names the holder: `sessions`, `req ×50`, `config-changed`. */
const names = (label: string, holder: string) => label === holder || label.startsWith(`${holder} `);

function checkPicture(g: DrawnGraph, holders: readonly string[], what: string): void {
  const boxes = g.nodes.filter((n) => n.name !== 'legend');
  const describe = () => g.edges.map((e) => `${e.tail} -[${e.label}]-> ${e.head}`).join('\n');
  assert.ok(boxes.length <= 30, `${what}: ${boxes.length} boxes`);
  for (const h of holders) assert.ok(g.edges.some((e) => names(e.label, h)), `${what}: no arrow names ${h}:\n${describe()}`);
  // Every box at the top is a root, a global or a module scope (green), or says how far the root is.
  const held = new Set(g.edges.map((e) => e.head));
  const tops = boxes.filter((n) => !g.edges.some((e) => e.head === n.name) && held.size > 0);
  for (const n of tops) {
    const green = /^0\.3,/.test(n.attrs['fillcolor'] ?? '');
    const says = n.lines.some((l) => /^… (\d+ more hops to .* via .*|held by .*)$/.test(l));
    assert.ok(green || says, `${what}: the walk ends at "${n.lines.join(' | ')}", neither a root nor saying how far one is`);
  }
}

describe('the default picture of real programs', () => {
  for (const q of QUESTIONS) {
    test(`${q.scenario} --type ${q.type}: at most 30 boxes, naming ${q.holders.join(', ')}, up to a root`, async () => {
      const out = join(tempDir(), `${q.scenario}-${q.type}.dot`);
      const r = await runCli([await scenarioSnapshot(q.scenario), '--type', q.type, '-o', out]);
      assert.equal(r.code, 0, r.stderr);
      const dot = readFileSync(out, 'utf8');
      checkPicture(await wasmLayout(dot), q.holders, `${q.scenario} ${q.type} (WebAssembly Graphviz)`);
      if (systemDotAvailable()) checkPicture(systemLayout(dot), q.holders, `${q.scenario} ${q.type} (dot)`);
      else assert.ok(!process.env['CI'], 'CI must have Graphviz');
    });
  }

  test('no "more" count hides a retainer closer to a root than one drawn (every scenario, one box per object)', async () => {
    for (const q of QUESTIONS) {
      const snap = await loadSnapshot(await scenarioSnapshot(q.scenario));
      const { distance } = distances(snap);
      const targets = findByType(snap, q.type);
      const g = whyGraph(snap, targets, { group: false, maxNodes: 10_000 });
      const ordinalOf = new Map(g.nodes.map((n) => [n.key, n.ordinal]));
      const retainers = new Retainers(snap, { raw: false, includeWeak: false });
      const isTarget = new Set(targets);
      for (const n of g.nodes) {
        if (!g.more.some((m) => m.key === `more_${n.key}`)) continue;
        const drawn = new Set(g.edges.filter((e) => e.to === n.key && e.type !== 'more').map((e) => ordinalOf.get(e.from)));
        const farthestDrawn = Math.max(...[...drawn].map((o) => distance[o!]!));
        for (const r of retainers.of(n.ordinal)) {
          if (drawn.has(r.source) || distance[r.source] === UNREACHABLE || isTarget.has(r.source)) continue;
          // At a target, a retainer reached through it is no reason for it to be alive.
          if (isTarget.has(n.ordinal) && reachedThrough(snap, distances(snap), r.source, n.ordinal)) continue;
          assert.ok(distance[r.source]! >= farthestDrawn, `${q.scenario}: @${snap.nodeId(r.source)} (distance ${distance[r.source]}) is counted, not drawn, beside a retainer at ${farthestDrawn} of @${n.id}`);
        }
      }
    }
  });
});

describe('backrefs chain beside memlab', () => {
  for (const q of QUESTIONS) {
    test(`${q.scenario} --type ${q.type}: each path is real, ends at its target and starts at a root or global; memlab's path names the same first holder`, async () => {
      const file = await scenarioSnapshot(q.scenario);
      const snap = await loadSnapshot(file);
      const heap = await loadMemlab(file);
      const targets = findByType(snap, q.type);
      const memlab = memlabPaths(heap, targets.map((t) => snap.nodeId(t)));
      let sameHolder = 0;
      for (const t of targets) {
        const chain = shortestChain(snap, t);
        assert.ok(chain, `@${snap.nodeId(t)} is reachable`);
        assert.equal(chain[chain.length - 1]!.ordinal, t);
        const top = chain[0]!.ordinal;
        assert.ok(distances(snap).distance[top]! <= 1 || snap.nodeType(top) === 'synthetic', `the path starts at ${snap.nodeName(top)}`);
        for (let i = 1; i < chain.length; i++) {
          const edge: number = chain[i]!.edge!;
          assert.equal(snap.edgeTarget(edge), chain[i]!.ordinal, 'each step is held by its edge');
        }
        const mine = chain.map((s) => s.label);
        const theirs = (memlab.get(snap.nodeId(t)) ?? []).map((s) => String(s.edgeName));
        if (q.holders.some((h) => mine.some((l) => names(l, h)) && theirs.includes(h))) sameHolder++;
      }
      // The prototypes named after a class (two of express's IncomingMessage targets) have no program holder.
      assert.ok(sameHolder >= 0.9 * targets.length, `${sameHolder} of ${targets.length} paths name a holder memlab's path names too`);
    });
  }
});
