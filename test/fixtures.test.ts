/**
 * Real snapshots from other producers (../shared/fixtures: Chrome 2017 and 2025, Node 16): each
 * loads, its counts match its own header, and the CLI draws valid DOT for its most common class;
 * the two-thread reader, which only files above 64 MB get, reads each exactly as the one-pass one.
 */
import assert from 'node:assert/strict';
import { createReadStream, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createGunzip, gunzipSync } from 'node:zlib';
import { classCounts, loadSnapshot } from '../src/index.js';
import { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadInParallel } from '../src/snapshot/parallel-load.js';
import { runCli } from './helpers/cli.js';
import { systemDotAvailable, systemLayout, wasmLayout, wasmSvg } from './helpers/graphviz.js';
import { SHARED_FIXTURES } from './helpers/paths.js';
import { tempDir } from './helpers/scenarios.js';
import { requireTool } from './helpers/tools.js';

const files = readdirSync(SHARED_FIXTURES)
  .filter((f) => /\.heapsnapshot(\.gz)?$/.test(f) && statSync(join(SHARED_FIXTURES, f)).isFile())
  .sort();

/** node_count and edge_count as the file's header states them, read independently of our reader. */
async function headerCounts(path: string): Promise<{ nodes: number; edges: number }> {
  let head = '';
  const source = createReadStream(path);
  const text = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  for await (const chunk of text) {
    head += (chunk as Buffer).toString('latin1');
    if (head.includes('"nodes"') || head.length > 1 << 20) break;
  }
  source.destroy();
  const count = (key: string): number => {
    const m = new RegExp(`"${key}"\\s*:\\s*(\\d+)`).exec(head);
    assert.ok(m, `no ${key} in the header of ${path}`);
    return Number(m[1]);
  };
  return { nodes: count('node_count'), edges: count('edge_count') };
}

describe('shared fixtures', () => {
  test('the fixture folder is there and has the files PROVENANCE.md lists', () => {
    assert.ok(files.length >= 3, `found ${files.join(', ')} in ${SHARED_FIXTURES}`);
  });

  for (const name of files) {
    const path = join(SHARED_FIXTURES, name);
    test(`${name}: loads, counts match the header, the CLI draws valid DOT`, async (t) => {
      const snap = await loadSnapshot(path);
      const header = await headerCounts(path);
      assert.equal(snap.nodeCount, header.nodes, 'node_count');
      assert.equal(snap.edgeCount, header.edges, 'edge_count');
      assert.ok(header.nodes > 0);

      const [top] = [...classCounts(snap)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      assert.ok(top, 'no object class in the snapshot');
      const [cls, count] = top;
      const r = await runCli([path, '--type', cls, '--depth', '4', '--max-targets', '3']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`Found ${count} `));
      const svg = await wasmSvg(r.stdout);
      assert.match(svg, /<\/svg>\s*$/);
      const wasm = await wasmLayout(r.stdout);
      // Target boxes are red; a box stands for `×N` objects, and says how many more hang below it.
      const targets = wasm.nodes.filter((n) => n.attrs['fontcolor'] === 'red');
      const shown = targets.reduce((sum, n) => {
        const group = /×(\d+)$/.exec(n.lines[0] ?? '');
        const inside = n.lines.map((l) => /^\+(\d+) more .* inside these$/.exec(l)).find(Boolean);
        return sum + (group ? Number(group[1]) : 1) + (inside ? Number(inside[1]) : 0);
      }, 0);
      assert.equal(shown, Math.min(3, count), `the drawn targets: ${targets.map((n) => n.lines.join(' | ')).join('; ')}`);
      assert.ok(wasm.edges.length > 0, 'the targets have retainers drawn');
      if (requireTool(t, systemDotAvailable(), 'Graphviz (the dot binary)')) {
        const sys = systemLayout(r.stdout);
        assert.equal(sys.nodes.length, wasm.nodes.length);
        assert.equal(sys.edges.length, wasm.edges.length);
      }
    });

    test(`${name}: the two-thread reader (used above 64 MB) reads it exactly as the one-pass reader`, async () => {
      const plain = join(tempDir(), name.replace(/\.gz$/, ''));
      writeFileSync(plain, name.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path));
      try {
        const two = await loadInParallel(plain, statSync(plain).size);
        assert.ok(two, 'the two-thread reader fell back to one pass');
        const one = await loadSnapshot(plain, { parallel: false });
        assert.deepEqual(two.raw.nodes, one.nodes);
        assert.deepEqual(two.raw.edges, one.edges);
        assert.deepEqual(two.raw.locations, one.locations);
        assert.equal(two.raw.stringBounds.length / 2, one.strings.count);
        const viaTwo = new HeapSnapshot(two.raw.meta, two.raw.nodes, two.raw.edges, one.strings, two.indexes, two.raw.locations);
        for (let o = 0; o < one.nodeCount; o++) {
          assert.equal(viaTwo.firstEdge(o), one.firstEdge(o));
          assert.deepEqual(viaTwo.retainingEdges(o), one.retainingEdges(o), `retainers of node ${o}`);
        }
      } finally {
        rmSync(plain, { force: true });
      }
    });
  }
});
