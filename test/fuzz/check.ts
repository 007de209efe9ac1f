/**
 * Runs one input through the reader and judges the result: a load must be self-consistent and
 * mean what the bytes say (checked against JSON.parse and an independent reading of the model);
 * a refusal must be a one-line SnapshotError naming the file; and the same bytes cut into other
 * chunks, or gzipped, must give exactly the same answer.
 */
import { Readable } from 'node:stream';
import { SnapshotError } from '../../src/snapshot/errors.js';
import type { HeapSnapshot } from '../../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { type Expect, gzip, parseSnap, Rng, section, type Snap } from './mutate.js';

export interface Outcome {
  /** 'ok' loaded; 'refused' a SnapshotError; 'crash' any other exception */
  kind: 'ok' | 'refused' | 'crash';
  code?: string;
  message?: string;
  nodes?: number;
  edges?: number;
  ms: number;
}

export interface Verdict {
  outcome: Outcome;
  /** Empty when every expectation held. */
  problems: string[];
  /** Loaded although JSON.parse refuses the bytes (the reader is lenient about skipped values). */
  lenient: boolean;
}

export async function load(input: Uint8Array | AsyncIterable<Uint8Array>, name: string): Promise<{ outcome: Outcome; snapshot?: HeapSnapshot }> {
  const t0 = performance.now();
  try {
    const snapshot = await loadSnapshot(input, { name });
    return { outcome: { kind: 'ok', nodes: snapshot.nodeCount, edges: snapshot.edgeCount, ms: performance.now() - t0 }, snapshot };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof SnapshotError) return { outcome: { kind: 'refused', code: e.code, message: e.message, ms } };
    const err = e instanceof Error ? e : new Error(String(e));
    return { outcome: { kind: 'crash', code: err.name, message: `${err.name}: ${err.message}\n${err.stack ?? ''}`, ms } };
  }
}

/** The same bytes as a stream of chunks of random sizes (1 byte up to `max`). */
export function chunked(bytes: Uint8Array, rng: Rng, max: number): AsyncIterable<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + rng.int(max);
    parts.push(bytes.slice(i, i + n));
    i += n;
  }
  return Readable.from(parts, { objectMode: true }) as AsyncIterable<Uint8Array>;
}

export interface CaseOptions {
  name: string;
  expect: Expect;
  /** The seed's meaning, for `same` expectations. */
  seedView?: View;
  /** Also feed it in random chunks (seeded) and compare. */
  chunkSeed?: number;
  /** Also feed it gzipped and compare. */
  gzip?: boolean;
  /** Milliseconds allowed: a base plus a cost per byte. */
  timeBudget?: (bytes: number) => number;
}

export const defaultBudget = (bytes: number): number => 2000 + bytes / 1000; // 2 s + 1 ms per kB

export async function runCase(bytes: Uint8Array, o: CaseOptions): Promise<Verdict> {
  const problems: string[] = [];
  const { outcome, snapshot } = await load(bytes, o.name);
  let lenient = false;
  problems.push(...judgeOutcome(outcome, o.name));
  const budget = (o.timeBudget ?? defaultBudget)(bytes.length);
  if (outcome.ms > budget) problems.push(`took ${outcome.ms.toFixed(0)} ms for ${bytes.length} bytes (budget ${budget.toFixed(0)} ms)`);

  if (snapshot) {
    problems.push(...consistency(snapshot));
    if (o.expect.kind === 'same' && o.seedView) {
      const d = diffViews(o.seedView, viewOfSnapshot(snapshot));
      if (d) problems.push(`a layout-only change altered the meaning: ${d}`);
    }
    let parsed: Snap | undefined;
    try {
      parsed = parseSnap(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    } catch {
      lenient = true;
    }
    if (parsed) {
      let expected: View | undefined;
      try {
        expected = viewOfModel(parsed);
      } catch (e) {
        problems.push(`loaded, but an independent reading of the same JSON fails: ${(e as Error).message}`);
      }
      const d = expected && diffViews(expected, viewOfSnapshot(snapshot));
      if (d) problems.push(`loaded, but disagrees with JSON.parse: ${d}`);
    }
  } else if (outcome.kind === 'refused') {
    const why = falseRefusal(bytes, outcome.message!);
    if (why) problems.push(why);
  }

  if (o.expect.kind === 'same' && outcome.kind !== 'ok') problems.push(`expected a load (layout-only change), got ${outcome.code}: ${outcome.message}`);
  if (o.expect.kind === 'refuse') {
    // Mutations compose: a truncation that lands after a string and garbage that happens to be `"]}`
    // give a smaller but valid snapshot. Loading that is right, provided JSON.parse and the
    // independent check agree it is one (its meaning was compared with JSON.parse above).
    if (outcome.kind === 'ok' && !isValidSnapshot(bytes)) problems.push(`expected a refusal (${o.expect.codes.join('/')}), but it loaded`);
    else if (outcome.kind === 'refused' && !o.expect.codes.includes(outcome.code!)) problems.push(`expected ${o.expect.codes.join('/')}, got ${outcome.code}: ${outcome.message}`);
  }

  // The answer must not depend on how the bytes arrive.
  const variants: Array<[string, AsyncIterable<Uint8Array> | Uint8Array]> = [];
  if (o.chunkSeed !== undefined) {
    const rng = new Rng(o.chunkSeed);
    // Tiny chunks cost microseconds each in the harness: keep a multi-megabyte input to ~20,000 of them.
    variants.push(['in small chunks', chunked(bytes, rng, Math.max(rng.pick([1, 3, 17, 256, 4096]), Math.ceil(bytes.length / 10_000)))]);
  }
  if (o.gzip && bytes.length > 0) variants.push(['gzipped', gzip(bytes)]);
  for (const [how, input] of variants) {
    const other = (await load(input, o.name)).outcome;
    // A stream's size is unknown, so a header promising more than the machine holds is refused
    // by the memory budget there, before the arrays that would show the lie are read; bytes of
    // known size are sized by what they hold and refused for the lie itself. Both are right.
    const budgetRefusal = other.kind === 'refused' && other.code === 'ELIMIT' && /: needs about .* is available \(/.test(other.message!) && outcome.kind === 'refused';
    if (signature(other) !== signature(outcome) && !budgetRefusal) problems.push(`${how}: ${signature(other)} instead of ${signature(outcome)}`);
  }
  return { outcome, problems, lenient };
}

function signature(o: Outcome): string {
  return o.kind === 'ok' ? `loaded ${o.nodes} nodes, ${o.edges} edges` : `${o.kind} ${o.code}: ${o.message}`;
}

/** A refusal must be a SnapshotError whose message is one printable line starting with the file name. */
export function judgeOutcome(outcome: Outcome, name: string): string[] {
  if (outcome.kind === 'crash') return [`not a SnapshotError: ${outcome.message}`];
  if (outcome.kind !== 'refused') return [];
  const m = outcome.message!;
  const problems: string[] = [];
  if (!m.startsWith(`${name}: `)) problems.push(`message does not start with the file name: ${JSON.stringify(m)}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(m)) problems.push(`message is not one printable line: ${JSON.stringify(m)}`);
  if (m.length > 400) problems.push(`message is ${m.length} characters long`);
  return problems;
}

/** What every loaded snapshot must satisfy, whatever the input was. */
export function consistency(s: HeapSnapshot): string[] {
  const p: string[] = [];
  const { nodeCount, edgeCount, nodeFieldCount: nf, edgeFieldCount: ef } = s;
  if (!Number.isInteger(nodeCount) || nodeCount * nf !== s.nodes.length) p.push(`nodeCount ${nodeCount} x ${nf} != nodes.length ${s.nodes.length}`);
  if (!Number.isInteger(edgeCount) || edgeCount * ef !== s.edges.length) p.push(`edgeCount ${edgeCount} x ${ef} != edges.length ${s.edges.length}`);
  if (s.meta.nodeCount !== nodeCount || s.meta.edgeCount !== edgeCount) p.push(`header counts ${s.meta.nodeCount}/${s.meta.edgeCount} != arrays ${nodeCount}/${edgeCount}`);
  // Each node's edges start where the previous node's end, the last end at edges.length, and every edge is owned by the node whose range holds it.
  let next = 0;
  for (let o = 0; o < nodeCount && p.length < 5; o++) {
    if (s.firstEdge(o) !== next) p.push(`node ${o}'s edges start at ${s.firstEdge(o)}, not ${next}`);
    next = s.firstEdge(o) + s.edgeCountOf(o) * ef;
    if (s.edgeCountOf(o) > 0 && (s.edgeSource(s.firstEdge(o)) !== o || s.edgeSource(next - ef) !== o)) p.push(`node ${o}'s edges are not found owned by it`);
    if (s.nodeType(o) === undefined) p.push(`node ${o} has no type name`);
    if (typeof s.nodeName(o) !== 'string') p.push(`node ${o} has no name`);
  }
  if (nodeCount > 0 && next !== s.edges.length) p.push(`the nodes' edges end at ${next}, not at edges.length ${s.edges.length}`);
  for (let e = 0; e < s.edges.length && p.length < 5; e += ef) {
    const t = s.edgeTarget(e);
    if (!Number.isInteger(t) || t < 0 || t >= nodeCount) p.push(`edge ${e / ef} targets ${t}`);
    if (s.edgeType(e) === undefined) p.push(`edge ${e / ef} has no type name`);
    const n = s.edgeName(e);
    if (typeof n !== 'string' && typeof n !== 'number') p.push(`edge ${e / ef} has no name`);
  }
  const retaining: number[] = [];
  for (let o = 0; o < nodeCount; o++) for (const e of s.retainingEdges(o)) if (s.edgeTarget(e) === o) retaining.push(e);
  if (retaining.length !== edgeCount || new Set(retaining).size !== edgeCount) p.push('retainer index does not hold every edge once, under its target');
  return p;
}

// ---------------------------------------------------------------- meaning, read independently

/** What a snapshot says, in plain arrays: the thing two readers must agree on. */
export interface View {
  nodeTypes: string[];
  nodeNames: string[];
  ids: number[];
  sizes: number[];
  edgeCounts: number[];
  edgeTypes: string[];
  edgeNames: Array<string | number>;
  targets: number[];
}

// Written out again here (not imported from the reader) so that the oracle is independent.
const V8_NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'];
const V8_EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

function completed(list: string[], v8: string[]): string[] {
  return list.length < v8.length && list.every((t, i) => t === v8[i]) ? v8 : list;
}

export function viewOfModel(s: Snap): View {
  const h = section<{ meta: { node_fields: string[]; edge_fields: string[]; node_types: unknown[]; edge_types: unknown[] } }>(s, 'snapshot')!;
  const { node_fields: nfs, edge_fields: efs } = h.meta;
  const nodeEnum = completed(h.meta.node_types[nfs.indexOf('type')] as string[], V8_NODE_TYPES);
  const edgeEnum = completed(h.meta.edge_types[efs.indexOf('type')] as string[], V8_EDGE_TYPES);
  const nodes = section<number[]>(s, 'nodes')!;
  const edges = section<number[]>(s, 'edges')!;
  const strings = section<string[]>(s, 'strings')!;
  const nf = nfs.length;
  const ef = efs.length;
  const v: View = { nodeTypes: [], nodeNames: [], ids: [], sizes: [], edgeCounts: [], edgeTypes: [], edgeNames: [], targets: [] };
  for (let n = 0; n < nodes.length; n += nf) {
    v.nodeTypes.push(nodeEnum[nodes[n + nfs.indexOf('type')]!]!);
    v.nodeNames.push(strings[nodes[n + nfs.indexOf('name')]!]!);
    v.ids.push(nodes[n + nfs.indexOf('id')]!);
    v.sizes.push(nodes[n + nfs.indexOf('self_size')]!);
    v.edgeCounts.push(nodes[n + nfs.indexOf('edge_count')]!);
  }
  for (let e = 0; e < edges.length; e += ef) {
    const type = edgeEnum[edges[e + efs.indexOf('type')]!]!;
    const raw = edges[e + efs.indexOf('name_or_index')]!;
    v.edgeTypes.push(type);
    v.edgeNames.push(type === 'element' || type === 'hidden' ? raw : strings[raw]!);
    v.targets.push(edges[e + efs.indexOf('to_node')]! / nf);
  }
  return v;
}

export function viewOfSnapshot(s: HeapSnapshot): View {
  const v: View = { nodeTypes: [], nodeNames: [], ids: [], sizes: [], edgeCounts: [], edgeTypes: [], edgeNames: [], targets: [] };
  for (let o = 0; o < s.nodeCount; o++) {
    v.nodeTypes.push(s.nodeType(o));
    v.nodeNames.push(s.nodeName(o));
    v.ids.push(s.nodeId(o));
    v.sizes.push(s.selfSize(o));
    v.edgeCounts.push(s.edgeCountOf(o));
  }
  for (let e = 0; e < s.edges.length; e += s.edgeFieldCount) {
    v.edgeTypes.push(s.edgeType(e));
    v.edgeNames.push(s.edgeName(e));
    v.targets.push(s.edgeTarget(e));
  }
  return v;
}

export function diffViews(a: View, b: View): string | undefined {
  for (const key of Object.keys(a) as Array<keyof View>) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return `${key}: ${x.length} entries vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${key}[${i}]: ${JSON.stringify(x[i])?.slice(0, 80)} vs ${JSON.stringify(y[i])?.slice(0, 80)}`;
  }
  return undefined;
}

// ---------------------------------------------------------------- refusals of valid files

/**
 * When the reader refuses bytes that JSON.parse reads as a consistent snapshot, that is a bug,
 * unless the refusal is one of the reader's documented strictnesses (listed here).
 */
/** JSON that the independent check reads as a consistent snapshot. */
function isValidSnapshot(bytes: Uint8Array): boolean {
  try {
    return referenceProblem(JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))) === undefined;
  } catch {
    return false;
  }
}

export function falseRefusal(bytes: Uint8Array, message: string): string | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  const invalid = referenceProblem(obj);
  if (invalid) return undefined;
  // JSON.parse keeps the last of two equal keys; the reader refuses (or stops at) the first.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  for (const key of ['snapshot', 'nodes', 'edges', 'strings', 'locations']) if ((text.match(new RegExp(`"${key}"\\s*:`, 'g')) ?? []).length > 1) return undefined;
  // Documented strictness: numbers are plain digits (no '-0', '1.0', '1e3'); known sections once.
  if (/unexpected '[-+.eE]'/.test(message) || /appears twice/.test(message)) return undefined;
  return `refused a file that JSON.parse reads as a consistent snapshot: ${message}`;
}

const U32 = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;

/** An independent, slow check of a parsed snapshot with the reader's rules; undefined when valid. */
export function referenceProblem(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return 'not an object';
  const o = obj as Record<string, unknown>;
  const keys = Object.keys(o);
  const h = o['snapshot'] as Record<string, unknown> | undefined;
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return 'no header';
  if (keys.indexOf('snapshot') > keys.indexOf('nodes') || keys.indexOf('snapshot') > keys.indexOf('edges')) return 'header after arrays';
  const meta = h['meta'] as Record<string, unknown> | undefined;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return 'no meta';
  const names = (x: unknown): x is string[] => Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string');
  const nfs = meta['node_fields'];
  const efs = meta['edge_fields'];
  if (!names(nfs) || !names(efs)) return 'fields';
  const nt = (meta['node_types'] as unknown[] | undefined)?.[nfs.indexOf('type')];
  const et = (meta['edge_types'] as unknown[] | undefined)?.[efs.indexOf('type')];
  if (!Array.isArray(meta['node_types']) || !Array.isArray(meta['edge_types']) || !names(nt) || !names(et)) return 'enums';
  for (const f of ['type', 'name', 'id', 'self_size', 'edge_count']) if (!nfs.includes(f)) return 'node field missing';
  for (const f of ['type', 'name_or_index', 'to_node']) if (!efs.includes(f)) return 'edge field missing';
  const nc = h['node_count'];
  const ec = h['edge_count'];
  if (!U32(nc) || !U32(ec) || (nc as number) * nfs.length > 0xffffffff || (ec as number) * efs.length > 0xffffffff) return 'counts';
  const nodes = o['nodes'];
  const edges = o['edges'];
  const strings = o['strings'];
  const locations = o['locations'];
  if (!Array.isArray(nodes) || !nodes.every(U32) || !Array.isArray(edges) || !edges.every(U32)) return 'arrays';
  if (locations !== undefined && (!Array.isArray(locations) || !locations.every(U32))) return 'locations';
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) return 'strings';
  if (nodes.length !== (nc as number) * nfs.length || edges.length !== (ec as number) * efs.length) return 'count mismatch';
  const nodeEnum = completed(nt, V8_NODE_TYPES);
  const edgeEnum = completed(et, V8_EDGE_TYPES);
  let sum = 0;
  for (let n = 0; n < nodes.length; n += nfs.length) {
    if (nodes[n + nfs.indexOf('type')] >= nodeEnum.length) return 'node type';
    if (nodes[n + nfs.indexOf('name')] >= strings.length) return 'node name';
    sum += nodes[n + nfs.indexOf('edge_count')] as number;
  }
  if (sum * efs.length !== edges.length) return 'edge sum';
  for (let e = 0; e < edges.length; e += efs.length) {
    const to = edges[e + efs.indexOf('to_node')] as number;
    const type = edges[e + efs.indexOf('type')] as number;
    if (to >= nodes.length || to % nfs.length !== 0) return 'edge target';
    if (type >= edgeEnum.length) return 'edge type';
    if (edgeEnum[type] !== 'element' && edgeEnum[type] !== 'hidden' && edges[e + efs.indexOf('name_or_index')] >= strings.length) return 'edge name';
  }
  return undefined;
}
