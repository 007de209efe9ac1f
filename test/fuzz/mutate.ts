/**
 * Deterministic mutators over heap snapshots, for the fuzz test and `npm run fuzz`.
 *
 * A snapshot is handled either as bytes (truncate, flip, delete, duplicate: the damage a disk,
 * a network or a killed process does) or as a parsed model (`Snap`) that is changed and written
 * back (counts, field lists, enums, section order: the differences between producers and the
 * lies of a broken writer). Every mutant says what the reader must do with it (`Expect`).
 */
import { gzipSync } from 'node:zlib';

// ---------------------------------------------------------------- random numbers

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** 0 <= n < max */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

// ---------------------------------------------------------------- the model

export interface Meta {
  node_fields: string[];
  node_types: unknown[];
  edge_fields: string[];
  edge_types: unknown[];
  location_fields?: string[];
  [key: string]: unknown;
}
export interface Header {
  meta: Meta;
  node_count: unknown;
  edge_count: unknown;
  [key: string]: unknown;
}

/** A snapshot as an ordered list of top-level sections, so order and duplicates can be written. */
export interface Snap {
  sections: Array<[string, unknown]>;
}

export function parseSnap(text: string): Snap {
  const obj = JSON.parse(text) as Record<string, unknown>;
  return { sections: Object.entries(obj) };
}

export function cloneSnap(s: Snap): Snap {
  return { sections: s.sections.map(([k, v]) => [k, structuredClone(v)]) };
}

export function section<T>(s: Snap, key: string): T | undefined {
  return s.sections.find(([k]) => k === key)?.[1] as T | undefined;
}
function setSection(s: Snap, key: string, value: unknown): void {
  const entry = s.sections.find(([k]) => k === key);
  if (entry) entry[1] = value;
  else s.sections.push([key, value]);
}
export const header = (s: Snap): Header => section<Header>(s, 'snapshot')!;
export const nodesOf = (s: Snap): number[] => section<number[]>(s, 'nodes')!;
export const edgesOf = (s: Snap): number[] => section<number[]>(s, 'edges')!;
export const stringsOf = (s: Snap): string[] => section<string[]>(s, 'strings')!;

export type Style = 'v8' | 'compact' | 'pretty' | 'crlf-tabs';

/** A top-level value written as given: JSON.stringify overflows the stack on 100,000 levels of nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

function stringify(v: unknown, indent?: string | number): string {
  return v instanceof RawJson ? v.text : JSON.stringify(v, null, indent);
}

/** Writes a model back as bytes, in V8's own layout (one node a line) or in other valid JSON layouts. */
export function serialize(s: Snap, style: Style = 'v8'): Buffer {
  if (style !== 'v8') {
    // Object.fromEntries would fold duplicate keys; write the entries one by one instead.
    const indent = style === 'pretty' ? 2 : style === 'crlf-tabs' ? '\t' : undefined;
    const nl = style === 'compact' ? '' : style === 'crlf-tabs' ? '\r\n' : '\n';
    const body = s.sections.map(([k, v]) => `${JSON.stringify(k)}:${nl ? ' ' : ''}${reindent(stringify(v, indent), nl)}`);
    return Buffer.from(`{${nl}${body.join(`,${nl}`)}${nl}}${nl}`, 'utf8');
  }
  const parts: string[] = [];
  for (const [k, v] of s.sections) {
    const key = JSON.stringify(k);
    if ((k === 'nodes' || k === 'edges') && Array.isArray(v)) {
      const width = fieldCount(s, k);
      const rows: string[] = [];
      for (let i = 0; i < v.length; i += width) rows.push((v as unknown[]).slice(i, i + width).map((x) => JSON.stringify(x)).join(','));
      parts.push(`${key}:[${rows.join('\n,')}]`);
    } else if (k === 'strings' && Array.isArray(v)) {
      parts.push(`${key}:[${(v as unknown[]).map((x) => JSON.stringify(x)).join(',\n')}]`);
    } else {
      parts.push(`${key}:${stringify(v)}`);
    }
  }
  return Buffer.from(`{${parts.join(',\n')}}`, 'utf8');
}

function reindent(json: string, nl: string): string {
  return nl === '\r\n' ? json.replace(/\n/g, '\r\n') : json;
}

function fieldCount(s: Snap, key: 'nodes' | 'edges'): number {
  const meta = header(s)?.meta;
  const fields = key === 'nodes' ? meta?.node_fields : meta?.edge_fields;
  return Array.isArray(fields) && fields.length > 0 ? fields.length : 1;
}

// ---------------------------------------------------------------- shrinking

/**
 * A small consistent snapshot cut from a real one: the first `keep` nodes, their edges to each
 * other, the strings they use, with the producer's header, field lists and enums untouched.
 * Fuzzing these instead of multi-megabyte files gives hundreds of cases a second.
 */
export function shrink(s: Snap, keep: number): Snap {
  const h = header(s);
  const nf = h.meta.node_fields.length;
  const ef = h.meta.edge_fields.length;
  const nOff = (f: string) => h.meta.node_fields.indexOf(f);
  const eOff = (f: string) => h.meta.edge_fields.indexOf(f);
  const [nName, nEdges] = [nOff('name'), nOff('edge_count')];
  const [eType, eName, eTo] = [eOff('type'), eOff('name_or_index'), eOff('to_node')];
  const edgeTypes = h.meta.edge_types[eType] as string[];
  const numeric = new Set([edgeTypes.indexOf('element'), edgeTypes.indexOf('hidden')]);
  const nodes = nodesOf(s);
  const edges = edgesOf(s);
  const strings = stringsOf(s);
  const count = Math.min(keep, nodes.length / nf);
  const limit = count * nf;

  const stringMap = new Map<number, number>();
  const newStrings: string[] = [];
  const str = (i: number): number => {
    let j = stringMap.get(i);
    if (j === undefined) {
      j = newStrings.length;
      newStrings.push(strings[i]!);
      stringMap.set(i, j);
    }
    return j;
  };
  str(0); // V8 keeps "<dummy>" first; keep that habit.

  const newNodes: number[] = [];
  const newEdges: number[] = [];
  let e = 0;
  for (let n = 0; n < nodes.length && n < limit; n += nf) {
    const row = nodes.slice(n, n + nf);
    row[nName] = str(row[nName]!);
    let kept = 0;
    for (let k = 0; k < nodes[n + nEdges]!; k++, e += ef) {
      if (edges[e + eTo]! >= limit) continue;
      const edge = edges.slice(e, e + ef);
      if (!numeric.has(edge[eType]!)) edge[eName] = str(edge[eName]!);
      newEdges.push(...edge);
      kept++;
    }
    row[nEdges] = kept;
    newNodes.push(...row);
  }
  const out = cloneSnap({ sections: s.sections.filter(([k]) => !['nodes', 'edges', 'strings', 'locations'].includes(k)) });
  const outHeader = header(out);
  outHeader.node_count = count;
  outHeader.edge_count = newEdges.length / ef;
  const sections: Array<[string, unknown]> = [];
  for (const [k] of s.sections) {
    if (k === 'nodes') sections.push([k, newNodes]);
    else if (k === 'edges') sections.push([k, newEdges]);
    else if (k === 'strings') sections.push([k, newStrings]);
    else if (k === 'locations') {
      const lf = h.meta.location_fields?.length ?? 4;
      const loc = section<number[]>(s, 'locations')!;
      const obj = h.meta.location_fields?.indexOf('object_index') ?? 0;
      const kept: number[] = [];
      for (let i = 0; i + lf <= loc.length; i += lf) if (loc[i + obj]! < limit) kept.push(...loc.slice(i, i + lf));
      sections.push([k, kept]);
    } else sections.push([k, out.sections.find(([key]) => key === k)![1]]);
  }
  // Trace sections can be large and are not read by backrefs; empty them to keep cases small.
  for (const entry of sections) if (['trace_function_infos', 'trace_tree', 'samples'].includes(entry[0])) entry[1] = [];
  return { sections };
}

/** A hand-made five-node snapshot in Node 20's layout: root -> (GC roots) -> Array -> Test <-> Test. */
export function tinySnap(): Snap {
  return parseSnap(
    JSON.stringify({
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
          node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'], 'string', 'number', 'number', 'number', 'number', 'number'],
          edge_fields: ['type', 'name_or_index', 'to_node'],
          edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
          location_fields: ['object_index', 'script_id', 'line', 'column'],
        },
        node_count: 5,
        edge_count: 6,
        trace_function_count: 0,
      },
      // type,name,id,self_size,edge_count,trace_node_id,detachedness
      nodes: [9, 1, 1, 0, 1, 0, 0, 9, 2, 3, 0, 1, 0, 0, 3, 3, 5, 32, 2, 0, 0, 3, 4, 7, 24, 1, 0, 0, 3, 4, 9, 24, 1, 0, 0],
      // type,name_or_index,to_node
      edges: [5, 5, 7, 2, 6, 14, 1, 0, 21, 1, 1, 28, 2, 7, 28, 2, 7, 21],
      trace_function_infos: [],
      trace_tree: [],
      samples: [],
      locations: [14, 1, 2, 3],
      strings: ['<dummy>', '', '(GC roots)', 'Array', 'Test', 'roots', 'seq', 'peer'],
    }),
  );
}

// ---------------------------------------------------------------- the mutators

/** What the reader must do with a mutant. */
export type Expect =
  /** load, and mean the same nodes, edges and names as the seed (layout changes only) */
  | { kind: 'same' }
  /** refuse with one of these codes */
  | { kind: 'refuse'; codes: readonly string[] }
  /** either load consistently (and agree with JSON.parse) or refuse with a SnapshotError */
  | { kind: 'any' };

export interface Mutant {
  name: string;
  bytes: Uint8Array;
  expect: Expect;
  /** feed it gzipped (transport only; the expectation is unchanged) */
  gzip?: boolean;
}

type ModelMutator = (s: Snap, rng: Rng) => { expect: Expect; style?: Style } | undefined;
type ByteMutator = (b: Buffer, rng: Rng) => { bytes: Buffer; expect: Expect } | undefined;

const SAME: Expect = { kind: 'same' };
const ANY: Expect = { kind: 'any' };
const refuse = (...codes: string[]): Expect => ({ kind: 'refuse', codes });

function nodeMeta(s: Snap) {
  const h = header(s);
  return { h, nf: h.meta.node_fields.length, ef: h.meta.edge_fields.length };
}

/** Rewrites every row of `nodes` or `edges` (columns moved, added, removed), keeping the rows aligned. */
function mapRows(s: Snap, key: 'nodes' | 'edges', width: number, f: (row: number[]) => number[]): void {
  const data = section<number[]>(s, key)!;
  const out: number[] = [];
  for (let i = 0; i < data.length; i += width) out.push(...f(data.slice(i, i + width)));
  setSection(s, key, out);
}

/** The model mutators, by name; each changes `s` in place. */
export const MODEL_MUTATORS: Record<string, ModelMutator> = {
  // --- layout changes that must not change the meaning
  'style-compact': () => ({ expect: SAME, style: 'compact' }),
  'style-pretty': () => ({ expect: SAME, style: 'pretty' }),
  'style-crlf-tabs': () => ({ expect: SAME, style: 'crlf-tabs' }),
  'reorder-node-fields': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const perm = rng.shuffle([...Array(nf).keys()]);
    const types = h.meta.node_types;
    h.meta.node_fields = perm.map((i) => h.meta.node_fields[i]!);
    h.meta.node_types = perm.map((i) => types[i]);
    mapRows(s, 'nodes', nf, (row) => perm.map((i) => row[i]!));
    // Edges point at node *indices* (ordinal x field count): unchanged by a reorder.
    return { expect: SAME };
  },
  'reorder-edge-fields': (s, rng) => {
    const { h, ef } = nodeMeta(s);
    const perm = rng.shuffle([...Array(ef).keys()]);
    const types = h.meta.edge_types;
    h.meta.edge_fields = perm.map((i) => h.meta.edge_fields[i]!);
    h.meta.edge_types = perm.map((i) => types[i]);
    mapRows(s, 'edges', ef, (row) => perm.map((i) => row[i]!));
    return { expect: SAME };
  },
  'add-node-field': (s, rng) => {
    const { h, nf, ef } = nodeMeta(s);
    const at = rng.int(nf + 1);
    h.meta.node_fields.splice(at, 0, `extra_${rng.int(100)}`);
    h.meta.node_types.splice(at, 0, 'number');
    mapRows(s, 'nodes', nf, (row) => (row.splice(at, 0, rng.int(1000)), row));
    retarget(s, ef, (to) => (to / nf) * (nf + 1));
    for (const loc of locationObjects(s)) loc.set((v) => (v / nf) * (nf + 1));
    return { expect: SAME };
  },
  'add-edge-field': (s, rng) => {
    const { h, ef } = nodeMeta(s);
    const at = rng.int(ef + 1);
    h.meta.edge_fields.splice(at, 0, 'extra');
    h.meta.edge_types.splice(at, 0, 'number');
    mapRows(s, 'edges', ef, (row) => (row.splice(at, 0, rng.int(1000)), row));
    return { expect: SAME };
  },
  'drop-optional-node-field': (s, rng) => {
    const { h, nf, ef } = nodeMeta(s);
    const optional = h.meta.node_fields.map((f, i) => [f, i] as const).filter(([f]) => !['type', 'name', 'id', 'self_size', 'edge_count'].includes(f));
    if (!optional.length) return undefined;
    const [, at] = rng.pick(optional);
    h.meta.node_fields.splice(at, 1);
    h.meta.node_types.splice(at, 1);
    mapRows(s, 'nodes', nf, (row) => (row.splice(at, 1), row));
    retarget(s, ef, (to) => (to / nf) * (nf - 1));
    for (const loc of locationObjects(s)) loc.set((v) => (v / nf) * (nf - 1));
    return { expect: SAME };
  },
  'reorder-node-types': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const tf = h.meta.node_fields.indexOf('type');
    const old = h.meta.node_types[tf] as string[];
    const perm = rng.shuffle([...old.keys()]);
    h.meta.node_types[tf] = perm.map((i) => old[i]!);
    const where = new Map(perm.map((from, to) => [from, to]));
    mapRows(s, 'nodes', nf, (row) => ((row[tf] = where.get(row[tf]!) ?? row[tf]!), row));
    // A type number outside the old list must stay outside (a shuffled list is no longer a V8 prefix).
    return { expect: (h.meta.node_types[tf] as string[]).every((t, i) => t === old[i]) ? SAME : usesOnly(s, 'nodes', nf, tf, old.length) ? SAME : ANY };
  },
  'reorder-edge-types': (s, rng) => {
    const { h, ef } = nodeMeta(s);
    const tf = h.meta.edge_fields.indexOf('type');
    const old = h.meta.edge_types[tf] as string[];
    const perm = rng.shuffle([...old.keys()]);
    h.meta.edge_types[tf] = perm.map((i) => old[i]!);
    const where = new Map(perm.map((from, to) => [from, to]));
    mapRows(s, 'edges', ef, (row) => ((row[tf] = where.get(row[tf]!) ?? row[tf]!), row));
    return { expect: SAME };
  },
  'extra-header-fields': (s, rng) => {
    const h = header(s);
    h[`x_${rng.int(1000)}`] = rng.pick([1, 'two', [3, [4]], { five: { six: null } }, true, null, 2 ** 60]);
    h.meta[`x_${rng.int(1000)}`] = ['a', 'b'];
    h['extra_native_bytes'] = rng.int(1e9);
    return { expect: SAME };
  },
  'extra-top-level-key': (s, rng) => {
    const depth = rng.pick([1, 10, 1000, 100_000]);
    const value = rng.pick([
      () => new RawJson('['.repeat(depth) + ']'.repeat(depth)),
      () => new RawJson(`{"a":${'{"b":'.repeat(depth)}1${'}'.repeat(depth)}}`),
      () => ({ nested: { strings: ['"]}', '\\', '{'], nodes: [1, 2, 3] } }),
      () => 'x'.repeat(rng.pick([10, 100_000])) + '"]}\\',
      () => -1.5e300,
      () => null,
    ])();
    s.sections.splice(rng.int(s.sections.length + 1), 0, [rng.pick(['plaintext', 'x', 'trace_tree_2', 'ñ', '']), value]);
    return { expect: SAME };
  },
  'no-locations': (s) => {
    s.sections = s.sections.filter(([k]) => k !== 'locations');
    return { expect: SAME };
  },
  'no-trace-sections': (s) => {
    s.sections = s.sections.filter(([k]) => !['trace_function_infos', 'trace_tree', 'samples'].includes(k));
    return { expect: SAME };
  },
  'strings-first': (s) => {
    const i = s.sections.findIndex(([k]) => k === 'strings');
    s.sections.unshift(...s.sections.splice(i, 1));
    return { expect: SAME };
  },
  'long-string': (s, rng) => {
    const strings = stringsOf(s);
    const n = rng.pick([1024, 100_000, 1_000_000]);
    strings.push(rng.pick(['x', 'é', '\u{1F600}', '\\"', '\n', '\ud800']).repeat(n));
    return { expect: SAME };
  },
  'odd-strings': (s, rng) => {
    const strings = stringsOf(s);
    for (let i = 0; i < 5; i++) strings.push(rng.pick(['"];  x [URL="http://e"]', '<b>html</b>', '\u0000\u001b[31mred', '\\', '\ud800', '\udc00x', '\u2028', 'ﬀ', '']));
    return { expect: SAME };
  },
  // --- lies and damage the reader must refuse
  'node-count-off': (s, rng) => {
    const h = header(s);
    const next = Math.max(0, (h.node_count as number) + rng.pick([-1, 1, -2, 7, 1000]));
    if (next === h.node_count) return undefined;
    h.node_count = next;
    return { expect: refuse('ECOUNTS') };
  },
  'edge-count-off': (s, rng) => {
    const h = header(s);
    const next = Math.max(0, (h.edge_count as number) + rng.pick([-1, 1, 3, 1000]));
    if (next === h.edge_count) return undefined;
    h.edge_count = next;
    return { expect: refuse('ECOUNTS') };
  },
  'huge-count': (s, rng) => {
    const h = header(s);
    const key = rng.pick(['node_count', 'edge_count']);
    const value = rng.pick([4e9, 2 ** 32, 2 ** 32 + 1, 2 ** 53, 1e300, 5e8, 1e8, 26688716]);
    h[key] = value;
    return { expect: refuse('ECOUNTS', 'ELIMIT') };
  },
  'bad-count-type': (s, rng) => {
    const h = header(s);
    h[rng.pick(['node_count', 'edge_count'])] = rng.pick([-1, 1.5, '12', null, [], {}, true]);
    return { expect: refuse('EFORMAT') };
  },
  'drop-required-field': (s, rng) => {
    const h = header(s);
    const [list, required] = rng.chance(0.5) ? [h.meta.node_fields, ['type', 'name', 'id', 'self_size', 'edge_count']] : [h.meta.edge_fields, ['type', 'name_or_index', 'to_node']];
    const f = rng.pick(required);
    list[list.indexOf(f)] = `${f}_renamed`;
    return { expect: refuse('EFORMAT') };
  },
  'drop-field-name-only': (s, rng) => {
    const h = header(s);
    const list = rng.chance(0.5) ? h.meta.node_fields : h.meta.edge_fields;
    list.splice(rng.int(list.length), 1);
    return { expect: ANY };
  },
  'shorten-node-types': (s, rng) => {
    const { h } = nodeMeta(s);
    const tf = h.meta.node_fields.indexOf('type');
    const list = h.meta.node_types[tf] as string[];
    list.length = 1 + rng.int(Math.max(1, list.length - 1));
    return { expect: ANY };
  },
  'bad-enum': (s, rng) => {
    const { h } = nodeMeta(s);
    const which = rng.chance(0.5) ? 'node_types' : 'edge_types';
    (h.meta as Record<string, unknown>)[which] = rng.pick<unknown>([[], [[]], 'hidden', [['hidden', 3]], {}, null]);
    return { expect: refuse('EFORMAT') };
  },
  'edge-outside-nodes': (s, rng) => {
    const { h, nf, ef } = nodeMeta(s);
    const edges = edgesOf(s);
    if (!edges.length) return undefined;
    const to = h.meta.edge_fields.indexOf('to_node');
    const n = nodesOf(s).length;
    edges[rng.int(edges.length / ef) * ef + to] = rng.pick([n, n + nf, 2 ** 32 - 1, nf + 1, n - 1]);
    return { expect: refuse('ERANGE') };
  },
  'name-past-strings': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const nodes = nodesOf(s);
    if (!nodes.length) return undefined;
    nodes[rng.int(nodes.length / nf) * nf + h.meta.node_fields.indexOf('name')] = stringsOf(s).length + rng.int(3);
    return { expect: refuse('ERANGE') };
  },
  'type-past-enum': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const nodes = nodesOf(s);
    if (!nodes.length) return undefined;
    const tf = h.meta.node_fields.indexOf('type');
    nodes[rng.int(nodes.length / nf) * nf + tf] = 200 + rng.int(100);
    return { expect: refuse('ERANGE') };
  },
  'id-above-2^32': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const nodes = nodesOf(s);
    if (!nodes.length) return undefined;
    nodes[rng.int(nodes.length / nf) * nf + h.meta.node_fields.indexOf('id')] = rng.pick([2 ** 32, 2 ** 40 + 1, 2 ** 53]);
    return { expect: refuse('ELIMIT') };
  },
  'edge-count-field-off': (s, rng) => {
    const { h, nf } = nodeMeta(s);
    const nodes = nodesOf(s);
    if (!nodes.length) return undefined;
    nodes[rng.int(nodes.length / nf) * nf + h.meta.node_fields.indexOf('edge_count')]! += rng.pick([1, 2, 1000, 2 ** 31]);
    return { expect: refuse('ECOUNTS', 'ERANGE') };
  },
  'duplicate-section': (s, rng) => {
    const key = rng.pick(['nodes', 'edges', 'strings', 'snapshot', 'locations']);
    const entry = s.sections.find(([k]) => k === key);
    if (!entry) return undefined;
    s.sections.splice(rng.int(s.sections.length + 1), 0, [key, structuredClone(entry[1])]);
    return { expect: refuse('EFORMAT') };
  },
  'nodes-before-header': (s) => {
    const i = s.sections.findIndex(([k]) => k === 'snapshot');
    s.sections.push(...s.sections.splice(i, 1));
    return { expect: refuse('EFORMAT') };
  },
  'missing-section': (s, rng) => {
    const key = rng.pick(['nodes', 'edges', 'strings', 'snapshot']);
    s.sections = s.sections.filter(([k]) => k !== key);
    return { expect: refuse('EFORMAT') };
  },
  'wrong-value-kind': (s, rng) => {
    const key = rng.pick(['nodes', 'edges', 'strings', 'snapshot', 'locations']);
    if (!s.sections.some(([k]) => k === key)) return undefined;
    setSection(s, key, rng.pick<unknown>([{}, 'nodes', 7, null, [[1]], ['1'], [1.5], [-1], [true]]));
    return { expect: ANY };
  },
  'random-number': (s, rng) => {
    const key = rng.pick(['nodes', 'edges']);
    const data = section<number[]>(s, key)!;
    if (!data.length) return undefined;
    data[rng.int(data.length)] = rng.pick([0, 1, 2, 3, rng.int(100), rng.int(2 ** 32)]);
    return { expect: ANY };
  },
  'self-loops-everywhere': (s) => {
    const { h, nf, ef } = nodeMeta(s);
    const to = h.meta.edge_fields.indexOf('to_node');
    const ec = h.meta.node_fields.indexOf('edge_count');
    const nodes = nodesOf(s);
    const edges = edgesOf(s);
    for (let n = 0, e = 0; n < nodes.length; n += nf) for (let k = 0; k < nodes[n + ec]!; k++, e += ef) edges[e + to] = n;
    return { expect: ANY }; // loads: same nodes, every edge now a self loop
  },
};

function retarget(s: Snap, ef: number, f: (to: number) => number): void {
  const to = header(s).meta.edge_fields.indexOf('to_node');
  mapRows(s, 'edges', ef, (row) => ((row[to] = f(row[to]!)), row));
}

function locationObjects(s: Snap): Array<{ set(f: (v: number) => number): void }> {
  const loc = section<number[]>(s, 'locations');
  const fields = header(s).meta.location_fields;
  if (!loc || !fields) return [];
  const lf = fields.length;
  const obj = fields.indexOf('object_index');
  return [
    {
      set(f) {
        for (let i = obj; i < loc.length; i += lf) loc[i] = f(loc[i]!);
      },
    },
  ];
}

function usesOnly(s: Snap, key: 'nodes', width: number, field: number, bound: number): boolean {
  const data = section<number[]>(s, key)!;
  for (let i = field; i < data.length; i += width) if (data[i]! >= bound) return false;
  return true;
}

/** Byte mutators: what disks, networks and killed writers do. */
export const BYTE_MUTATORS: Record<string, ByteMutator> = {
  truncate: (b, rng) => {
    const content = trimmedLength(b);
    if (content < 1) return undefined;
    const at = rng.chance(0.2) ? content - 1 - rng.int(Math.min(content, 8)) : rng.int(content);
    return { bytes: b.subarray(0, at), expect: refuse('ETRUNCATED', 'EEMPTY') };
  },
  'flip-bytes': (b, rng) => {
    const out = Buffer.from(b);
    const n = 1 + rng.int(rng.pick([1, 4, 16]));
    for (let i = 0; i < n; i++) {
      const at = rng.int(out.length);
      out[at] = rng.chance(0.5) ? out[at]! ^ (1 << rng.int(8)) : rng.int(256);
    }
    return { bytes: out, expect: ANY };
  },
  'flip-digit': (b, rng) => {
    const out = Buffer.from(b);
    for (let tries = 0; tries < 100; tries++) {
      const at = rng.int(out.length);
      if (out[at]! >= 0x30 && out[at]! <= 0x39) {
        out[at] = 0x30 + rng.int(10);
        return { bytes: out, expect: ANY };
      }
    }
    return undefined;
  },
  'delete-bytes': (b, rng) => {
    const at = rng.int(b.length);
    const n = rng.pick([1, 1, 2, 8, 100, 4096]);
    return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(at + n)]), expect: ANY };
  },
  'insert-bytes': (b, rng) => {
    const at = rng.int(b.length + 1);
    const pool = [',', '[', ']', '{', '}', '"', '\\', ' ', '\n', '0', '9', '-', '.', 'e', '\u0000', '\u00ff', 'é', '\ud83d'];
    const ins = Buffer.from(Array.from({ length: 1 + rng.int(4) }, () => rng.pick(pool)).join(''), 'utf8');
    return { bytes: Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]), expect: ANY };
  },
  'duplicate-range': (b, rng) => {
    const from = rng.int(b.length);
    const to = Math.min(b.length, from + rng.pick([1, 10, 200, 5000]));
    const at = rng.int(b.length + 1);
    return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(from, to), b.subarray(at)]), expect: ANY };
  },
  'zero-tail': (b, rng) => {
    // A file preallocated and cut short by a crash: the end is NUL bytes.
    const at = rng.int(b.length);
    const out = Buffer.from(b);
    out.fill(0, at);
    return { bytes: out, expect: refuse('EFORMAT', 'ETRUNCATED', 'ECOUNTS') };
  },
  'bom-or-garbage-prefix': (b, rng) => {
    const prefix = Buffer.from(rng.pick(['\ufeff', 'x', '[', '\u0000', ' \n\t\r']), 'utf8');
    // A UTF-8 byte order mark is refused like any other non-JSON byte (JSON.parse refuses it too).
    return { bytes: Buffer.concat([prefix, b]), expect: /^[ \n\t\r]+$/.test(prefix.toString()) ? SAME : refuse('EFORMAT') };
  },
  'trailing-garbage': (b, rng) => {
    const suffix = Buffer.from(rng.pick([' \n', '}', 'x', '\u0000', ',{}']), 'utf8');
    return { bytes: Buffer.concat([b, suffix]), expect: suffix.toString().trim() === '' ? SAME : refuse('EFORMAT') };
  },
};

function trimmedLength(b: Uint8Array): number {
  let n = b.length;
  while (n > 0 && (b[n - 1] === 0x20 || b[n - 1] === 0x0a || b[n - 1] === 0x0d || b[n - 1] === 0x09)) n--;
  return n;
}

export const MUTATOR_NAMES = [...Object.keys(MODEL_MUTATORS), ...Object.keys(BYTE_MUTATORS)];

/**
 * One mutant of `seed` (its model and its V8-layout bytes), chosen and shaped by `rng`.
 * Sometimes two mutations are stacked; the expectation is then the weaker of the two.
 */
export function mutate(seed: Snap, seedBytes: Buffer, rng: Rng, only?: string): Mutant {
  for (;;) {
    const name = only ?? rng.pick(MUTATOR_NAMES);
    const m = applyOne(seed, seedBytes, name, rng);
    if (!m) continue;
    if (!only && rng.chance(0.15)) {
      const second = rng.pick(Object.keys(BYTE_MUTATORS));
      const r = BYTE_MUTATORS[second]!(Buffer.from(m.bytes), rng);
      if (r) return { name: `${m.name}+${second}`, bytes: r.bytes, expect: combine(m.expect, r.expect), gzip: rng.chance(0.1) };
    }
    return { ...m, gzip: rng.chance(0.1) };
  }
}

function applyOne(seed: Snap, seedBytes: Buffer, name: string, rng: Rng): Mutant | undefined {
  const model = MODEL_MUTATORS[name];
  if (model) {
    const s = cloneSnap(seed);
    const r = model(s, rng);
    return r && { name, bytes: serialize(s, r.style), expect: r.expect };
  }
  const r = BYTE_MUTATORS[name]!(seedBytes, rng);
  return r && { name, bytes: r.bytes, expect: r.expect };
}

function combine(a: Expect, b: Expect): Expect {
  if (a.kind === 'same') return b;
  if (b.kind === 'same') return a;
  // Two kinds of damage: refused for either reason, whichever the reader meets first.
  if (a.kind === 'refuse' && b.kind === 'refuse') return refuse(...new Set([...a.codes, ...b.codes]));
  // A refusal stacked with random damage: still a refusal, though perhaps for another reason.
  return a.kind === 'refuse' || b.kind === 'refuse' ? refuse('EFORMAT', 'ETRUNCATED', 'ECOUNTS', 'ERANGE', 'ELIMIT', 'EEMPTY') : ANY;
}

export function gzip(b: Uint8Array): Buffer {
  return gzipSync(b);
}
