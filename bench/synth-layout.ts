/**
 * The object graph of a synthetic snapshot, described once and replayed: first to count nodes and
 * edges for the header, then to write the nodes, then the edges. Every node's ordinal is computed
 * arithmetically, so edges can point forward to nodes not written yet and nothing is kept in memory.
 *
 * The shape follows what Node 20 writes for the heap-builder's program: root -> (GC roots) ->
 * sub-roots -> global / script Context -> `seq` and `handlers` arrays -> blocks of Test objects
 * held by an Array (element edges) and its `(object elements)` store (internal edges), every
 * fourth also by a Map's hash table, each Test naming a label string, its prototype, its map and
 * `next` (the next Test for every third, else null); every tenth Test captured by a closure
 * through its Context. About 3.7 edges a node, as in the real files.
 */

// Node 20's enums, in V8's order (see meta.node_types / meta.edge_types).
export const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const [HIDDEN, ARRAY, STRING, OBJECT, CODE, CLOSURE, , , , SYNTHETIC, , , , , SHAPE] = NODE_TYPES.map((_, i) => i) as number[];
const [CONTEXT, ELEMENT, PROPERTY, INTERNAL, , SHORTCUT] = EDGE_TYPES.map((_, i) => i) as number[];

const SUB_ROOTS = ['(Strong roots)', '(Stack roots)', '(Handle scope)', '(Global handles)', '(Internalized strings)'];
/** Strings 0.. of the table; then `index` strings "0".."k-1", then one label per Test. */
export const FIXED_STRINGS = ['<dummy>', '', '(GC roots)', ...SUB_ROOTS, 'global', 'Object', 'main', 'system / Context', 'Array', '(object elements)', 'system / Map', 'system / SharedFunctionInfo', 'Test', 'handler', 'seq', 'handlers', 'elements', 'map', 'label', 'next', 'context', 'shared', 't', 'system / Oddball', '__proto__', 'code', 'Map', 'table', 'system / OrderedHashMap', 'byLabel'];
const S = Object.fromEntries(FIXED_STRINGS.map((s, i) => [s, i])) as Record<string, number>;

export interface Sink {
  node(type: number, name: number, selfSize: number, edgeCount: number): void;
  edge(type: number, nameOrIndex: number, toOrdinal: number): void;
  /** Called between blocks, where a writer may wait for the disk. */
  pause(): Promise<void>;
}

export interface Layout {
  readonly tests: number;
  readonly perBlock: number;
  readonly blocks: number;
  /** number of "0".."k-1" strings the internal element edges name */
  readonly indexStrings: number;
  readonly stringCount: number;
  readonly closures: number;
}

export function layout(tests: number, perBlock = 100_000): Layout {
  const blocks = Math.max(1, Math.ceil(tests / perBlock));
  const indexStrings = Math.max(Math.min(perBlock, tests) + 2, blocks);
  return { tests, perBlock, blocks, indexStrings, stringCount: FIXED_STRINGS.length + indexStrings + tests, closures: Math.ceil(tests / 10) };
}

export const labelString = (l: Layout, test: number): number => FIXED_STRINGS.length + l.indexStrings + test;
const indexString = (i: number): number => FIXED_STRINGS.length + i;

// Fixed head, by ordinal.
const GC_ROOTS = 1;
const SUB = 2;
const GLOBAL = SUB + SUB_ROOTS.length;
const SCRIPT_CONTEXT = GLOBAL + 1;
const MAIN = GLOBAL + 2;
const SEQ = GLOBAL + 3; // and its store at +1
const HANDLERS = GLOBAL + 5; // and its store at +1
const BY_LABEL = GLOBAL + 7; // an array of the per-block Maps, and its store at +1
const ARRAY_MAP = GLOBAL + 9;
const TEST_MAP = GLOBAL + 10;
const SFI = GLOBAL + 11;
const NULL = GLOBAL + 12;
const TEST_PROTO = GLOBAL + 13;
const STRING_MAP = GLOBAL + 14;
const CLOSURE_MAP = GLOBAL + 15;
const CODE_OBJECT = GLOBAL + 16;
const HEAD = GLOBAL + 17;

/** Nodes before test j inside a block: 2 arrays and their stores, a Map and its table, two per Test, two more per tenth Test. */
const testOffset = (j: number): number => 6 + 2 * j + 2 * Math.ceil(j / 10);
const blockNodes = (l: Layout): number => testOffset(l.perBlock);
const blockBase = (l: Layout, b: number): number => HEAD + b * blockNodes(l);
export const testOrdinal = (l: Layout, g: number): number => blockBase(l, Math.floor(g / l.perBlock)) + testOffset(g % l.perBlock);
const testsIn = (l: Layout, b: number): number => Math.min(l.perBlock, l.tests - b * l.perBlock);

export function nodeCountOf(l: Layout): number {
  const last = l.blocks - 1;
  return blockBase(l, last) + testOffset(testsIn(l, last));
}

/** Replays the graph into `sink`, node by node, each node's edges right after it. */
export async function replay(l: Layout, sink: Sink): Promise<void> {
  const { node, edge } = { node: sink.node.bind(sink), edge: sink.edge.bind(sink) };
  node(SYNTHETIC, S['']!, 0, 2);
  edge(ELEMENT, 1, GC_ROOTS);
  edge(SHORTCUT, S['global']!, GLOBAL);
  node(SYNTHETIC, S['(GC roots)']!, 0, SUB_ROOTS.length);
  SUB_ROOTS.forEach((_, i) => edge(ELEMENT, i + 1, SUB + i));
  const subRootTargets = [[ARRAY_MAP, TEST_MAP, SFI, STRING_MAP, CLOSURE_MAP, CODE_OBJECT, NULL], [MAIN], [SCRIPT_CONTEXT], [GLOBAL], []];
  SUB_ROOTS.forEach((name, i) => {
    node(SYNTHETIC, S[name]!, 0, subRootTargets[i]!.length);
    subRootTargets[i]!.forEach((to, k) => edge(ELEMENT, k + 1, to));
  });
  node(OBJECT, S['Object']!, 56, 2); // global
  edge(PROPERTY, S['main']!, MAIN);
  edge(INTERNAL, S['map']!, ARRAY_MAP);
  node(OBJECT, S['system / Context']!, 48, 3); // the script's context, holding its top-level variables
  edge(CONTEXT, S['seq']!, SEQ);
  edge(CONTEXT, S['handlers']!, HANDLERS);
  edge(CONTEXT, S['byLabel']!, BY_LABEL);
  node(CLOSURE, S['main']!, 32, 2);
  edge(INTERNAL, S['context']!, SCRIPT_CONTEXT);
  edge(INTERNAL, S['shared']!, SFI);
  arrayOf(sink, SEQ, l.blocks, (b) => blockBase(l, b));
  arrayOf(sink, HANDLERS, l.blocks, (b) => blockBase(l, b) + 2);
  arrayOf(sink, BY_LABEL, l.blocks, (b) => blockBase(l, b) + 4);
  node(SHAPE, S['system / Map']!, 40, 0);
  node(SHAPE, S['system / Map']!, 40, 0);
  node(CODE, S['system / SharedFunctionInfo']!, 56, 0);
  node(HIDDEN, S['system / Oddball']!, 32, 0);
  node(OBJECT, S['Object']!, 28, 1); // Test.prototype
  edge(INTERNAL, S['map']!, ARRAY_MAP);
  node(SHAPE, S['system / Map']!, 40, 0);
  node(SHAPE, S['system / Map']!, 40, 0);
  node(CODE, S['code']!, 96, 0);
  for (let b = 0; b < l.blocks; b++) {
    await sink.pause();
    const base = blockBase(l, b);
    const first = b * l.perBlock;
    const count = testsIn(l, b);
    const closures = Math.ceil(count / 10);
    arrayOf(sink, base, count, (j) => base + testOffset(j));
    arrayOf(sink, base + 2, closures, (k) => base + testOffset(10 * k) + 2);
    mapOf(sink, base + 4, Math.ceil(count / 4), (k) => base + testOffset(4 * k));
    for (let j = 0; j < count; j++) {
      const g = first + j;
      const hasNext = (g + 1) % 3 === 0 && g + 1 < l.tests;
      const at = base + testOffset(j);
      node(OBJECT, S['Test']!, 48, 4);
      edge(PROPERTY, S['label']!, at + 1);
      edge(PROPERTY, S['next']!, hasNext ? testOrdinal(l, g + 1) : NULL);
      edge(PROPERTY, S['__proto__']!, TEST_PROTO);
      edge(INTERNAL, S['map']!, TEST_MAP);
      node(STRING, labelString(l, g), 24, 1);
      edge(INTERNAL, S['map']!, STRING_MAP);
      if (j % 10 === 0) {
        node(CLOSURE, S['handler']!, 32, 4);
        edge(INTERNAL, S['context']!, at + 3);
        edge(INTERNAL, S['shared']!, SFI);
        edge(INTERNAL, S['map']!, CLOSURE_MAP);
        edge(INTERNAL, S['code']!, CODE_OBJECT);
        node(OBJECT, S['system / Context']!, 32, 1);
        edge(CONTEXT, S['t']!, at);
      }
    }
  }
}

/** A JS Array at `at` and its `(object elements)` store at `at + 1`, both holding `length` targets. */
function arrayOf(sink: Sink, at: number, length: number, target: (i: number) => number): void {
  sink.node(OBJECT, S['Array']!, 32, length + 2);
  for (let i = 0; i < length; i++) sink.edge(ELEMENT, i, target(i));
  sink.edge(INTERNAL, S['elements']!, at + 1);
  sink.edge(INTERNAL, S['map']!, ARRAY_MAP);
  sink.node(ARRAY, S['(object elements)']!, 16 + 8 * length, length);
  for (let i = 0; i < length; i++) sink.edge(INTERNAL, indexString(i), target(i));
}

/**
 * A JS Map at `at` whose hash table at `at + 1` holds, for each of `size` Tests, its label
 * string as key and the Test as value, as V8 lays out an OrderedHashMap.
 */
function mapOf(sink: Sink, at: number, size: number, test: (k: number) => number): void {
  sink.node(OBJECT, S['Map']!, 32, 2);
  sink.edge(INTERNAL, S['table']!, at + 1);
  sink.edge(INTERNAL, S['map']!, ARRAY_MAP);
  sink.node(ARRAY, S['system / OrderedHashMap']!, 40 + 24 * size, 2 * size);
  for (let k = 0; k < size; k++) {
    const t = test(k);
    sink.edge(INTERNAL, indexString(2 * k), t + 1);
    sink.edge(INTERNAL, indexString(2 * k + 1), t);
  }
}

/** Closures, for the `locations` array: [ordinal, line, column]. */
export function* closureOrdinals(l: Layout): Generator<number> {
  yield MAIN;
  for (let g = 0; g < l.tests; g += 10) yield testOrdinal(l, g) + 2;
}

/** The string table, in order, one string at a time. */
export function* strings(l: Layout): Generator<string> {
  yield* FIXED_STRINGS;
  for (let i = 0; i < l.indexStrings; i++) yield String(i);
  for (let g = 0; g < l.tests; g++) yield `test-${g}`;
}
