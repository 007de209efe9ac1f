/**
 * Graph shapes that make the stages after the reader work hardest: each is a snapshot (V8's JSON,
 * as SnapshotBuilder writes it) with `Target` objects to explain, at a size given by `n`. The
 * sizes in `npm test` are small; `npm run fuzz` runs them at a million.
 */
import { SnapshotBuilder } from '../../src/snapshot/builder.js';

export interface Shape {
  readonly name: string;
  /** What the pipeline is asked: the CLI's defaults unless a shape needs more to show its cost. */
  readonly walk: { maxDepth: number; tooMany: number; maxTargets: number };
  build(n: number): SnapshotBuilder;
}

const DEFAULT_WALK = { maxDepth: 10, tooMany: 10, maxTargets: 10 };

/** root → (GC roots) → returned node, the frame every shape hangs from. */
function rooted(b: SnapshotBuilder): number {
  const root = b.node('synthetic', '');
  const gcRoots = b.node('synthetic', '(GC roots)');
  b.edge(root, gcRoots, 'element', 1);
  return gcRoots;
}

/** The WeakMap pair name V8 writes, with a key and value description of `pad` characters. */
function weakMapName(i: number, pad: string): string {
  return `${i} / part of key (${pad} @${2 * i + 1}) -> value (${pad} @${2 * i + 3}) pair in WeakMap (table @7)`;
}

export const SHAPES: readonly Shape[] = [
  {
    name: 'wide-fan-out',
    walk: { ...DEFAULT_WALK, tooMany: 1_000_000 },
    // One holder retains n objects, each of which retains the target: n retainers drawn.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const holder = b.node('object', 'Holder');
      b.edge(gc, holder, 'element', 0);
      const target = b.node('object', 'Target');
      for (let i = 0; i < n; i++) {
        const mid = b.node('object', 'Mid');
        b.edge(holder, mid, 'element', i);
        b.edge(mid, target, 'property', 'to');
      }
      return b;
    },
  },
  {
    name: 'million-retainers-of-one',
    walk: DEFAULT_WALK,
    // n roots each hold the one target directly: the "K more" path, with the defaults.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const target = b.node('object', 'Target');
      for (let i = 0; i < n; i++) {
        const h = b.node('object', 'Holder');
        b.edge(gc, h, 'element', i + 1);
        b.edge(h, target, 'property', `p${i % 1000}`);
      }
      return b;
    },
  },
  {
    name: 'million-targets',
    walk: { ...DEFAULT_WALK, maxTargets: 1_000_000, tooMany: 1_000_000 },
    // One array holds n targets, all asked for.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const arr = b.node('object', 'Array');
      b.edge(gc, arr, 'element', 0);
      for (let i = 0; i < n; i++) b.edge(arr, b.node('object', 'Target'), 'element', i);
      return b;
    },
  },
  {
    name: 'long-chain',
    walk: { ...DEFAULT_WALK, maxDepth: 1_000_000 },
    // A linked list n long, walked to its end.
    build(n) {
      const b = new SnapshotBuilder();
      let prev = rooted(b);
      for (let i = 0; i < n; i++) {
        const node = b.node('object', 'Link');
        b.edge(prev, node, i === 0 ? 'element' : 'property', i === 0 ? 0 : 'next');
        prev = node;
      }
      b.edge(prev, b.node('object', 'Target'), 'property', 'value');
      return b;
    },
  },
  {
    name: 'target-list',
    walk: { ...DEFAULT_WALK, maxDepth: 1_000_000, maxTargets: 1_000_000 },
    // A linked list n long of targets, each holding the next: a path per target, each through
    // all the targets before it, unless the paths share what they have in common.
    build(n) {
      const b = new SnapshotBuilder();
      let prev = rooted(b);
      for (let i = 0; i < n; i++) {
        const node = b.node('object', 'Target');
        b.edge(prev, node, i === 0 ? 'element' : 'property', i === 0 ? 0 : 'next');
        prev = node;
      }
      return b;
    },
  },
  {
    name: 'container-hop-chain',
    walk: { ...DEFAULT_WALK, maxDepth: 1_000_000 },
    // The target behind a chain of backing stores and PropertyCells, each also held by the one
    // before the last: collapsing the hops must not revisit the chain from every link.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const owner = b.node('object', 'Array');
      b.edge(gc, owner, 'element', 0);
      const kinds = ['(object elements)', '(object properties)', 'system / PropertyCell'];
      let prev = owner;
      let before = owner;
      for (let i = 0; i < n; i++) {
        const hop = b.node(i % 3 === 2 ? 'hidden' : 'array', kinds[i % 3]!);
        b.edge(prev, hop, 'internal', i % 3 === 0 ? 'elements' : i % 3 === 1 ? 'properties' : 'cell');
        if (before !== prev) b.edge(before, hop, 'internal', 'also');
        before = prev;
        prev = hop;
      }
      b.edge(prev, b.node('object', 'Target'), 'element', 0);
      return b;
    },
  },
  {
    name: 'weakmap-edge-names',
    walk: { ...DEFAULT_WALK, tooMany: 1_000_000 },
    // Many WeakMap-shaped internal edge names, half of them near-misses (no closing part), long.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const target = b.node('object', 'Target');
      const count = Math.max(1, Math.floor(Math.sqrt(n)));
      const pad = ' @1) -> value ('.repeat(Math.max(1, Math.floor(n / count / 16)));
      for (let i = 0; i < count; i++) {
        const table = b.node('array', '(object elements)');
        b.edge(gc, table, 'element', i + 1);
        const name = weakMapName(i, pad);
        b.edge(table, target, 'internal', i % 2 ? name : name.slice(0, -1));
      }
      return b;
    },
  },
  {
    name: 'one-long-weakmap-name',
    walk: DEFAULT_WALK,
    // One edge name of about n characters shaped like a WeakMap entry that never closes.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const target = b.node('object', 'Target');
      const table = b.node('array', '(object elements)');
      b.edge(gc, table, 'element', 1);
      b.edge(table, target, 'internal', `1 / part of key (${' @1) -> value ('.repeat(Math.ceil(n / 15))}`);
      return b;
    },
  },
  {
    name: 'property-cell-fan-in',
    walk: { ...DEFAULT_WALK, tooMany: 1_000_000 },
    // Five layers of w PropertyCells, each holding every cell of the next (w = sqrt(n / 4), about
    // n edges), the last layer holding the target: collapsing containers through nested
    // containers must not multiply the fan-in of every level (w^3 owners per retainer).
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const w = Math.max(2, Math.round(Math.sqrt(n / 4)));
      let layer: number[] = [];
      for (let i = 0; i < w; i++) {
        const cell = b.node('hidden', 'system / PropertyCell');
        b.edge(gc, cell, 'element', i + 1);
        layer.push(cell);
      }
      for (let l = 1; l < 5; l++) {
        const next: number[] = [];
        for (let i = 0; i < w; i++) next.push(b.node('hidden', 'system / PropertyCell'));
        for (const from of layer) for (const to of next) b.edge(from, to, 'internal', 'value');
        layer = next;
      }
      const target = b.node('object', 'Target');
      for (const from of layer) b.edge(from, target, 'internal', 'value');
      return b;
    },
  },
  {
    name: 'dense-cycles',
    walk: { ...DEFAULT_WALK, maxDepth: 50, tooMany: 50 },
    // A ring of n nodes with chords: every node is in a cycle and has several retainers.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const first = b.node('object', 'Target');
      const ring = [first];
      for (let i = 1; i < n; i++) ring.push(b.node('object', i % 7 === 0 ? 'Target' : 'Ring'));
      b.edge(gc, ring[0]!, 'element', 0);
      for (let i = 0; i < n; i++) {
        b.edge(ring[i]!, ring[(i + 1) % n]!, 'property', 'next');
        b.edge(ring[i]!, ring[(i * 7 + 3) % n]!, 'property', 'chord');
      }
      return b;
    },
  },
  {
    name: 'long-class-names',
    walk: DEFAULT_WALK,
    // Class names and edge names of about n characters, with control and bidi characters.
    build(n) {
      const b = new SnapshotBuilder();
      const gc = rooted(b);
      const long = `Big\u202e\u001b[31m\ufffe${'x'.repeat(n)}`;
      const holder = b.node('object', long);
      b.edge(gc, holder, 'element', 0);
      b.edge(holder, b.node('object', 'Target'), 'property', long);
      return b;
    },
  },
];
