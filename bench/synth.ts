/**
 * A writer of valid V8 heap snapshots of any size, for sizes V8 cannot write here in reasonable
 * time. Streams to disk; memory stays at a few MB whatever the size.
 *
 *   node dist/bench/synth.js OUT (--bytes 4gb | --tests N) [--check]
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ByteWriter } from './byte-writer.js';
import { formatBytes, parseSize } from './sizes.js';
import { closureOrdinals, EDGE_TYPES, layout, NODE_TYPES, nodeCountOf, replay, strings, type Layout, type Sink } from './synth-layout.js';

const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const NF = NODE_FIELDS.length;

/** The header exactly as Node 20 writes it, key order included. */
function header(nodeCount: number, edgeCount: number): string {
  const meta = {
    node_fields: NODE_FIELDS,
    node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
    edge_fields: ['type', 'name_or_index', 'to_node'],
    edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
    trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
    trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
    sample_fields: ['timestamp_us', 'last_assigned_id'],
    location_fields: ['object_index', 'script_id', 'line', 'column'],
  };
  return `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodeCount},"edge_count":${edgeCount},"trace_function_count":0},\n"nodes":[`;
}

/** Counts, and checks that every node is followed by exactly the edges it declares. */
class CountingSink implements Sink {
  nodes = 0;
  edges = 0;
  private expected = 0;
  node(_t: number, _n: number, _s: number, edgeCount: number): void {
    this.settle();
    this.nodes++;
    this.expected = edgeCount;
  }
  edge(): void {
    this.edges++;
    this.expected--;
  }
  settle(): void {
    if (this.expected !== 0) throw new Error(`synthetic layout bug: node ${this.nodes - 1} declares ${this.expected} more edges than it has`);
  }
  async pause(): Promise<void> {}
}

/** V8 starts each record after the first on a new line with a leading comma. */
function separator(w: ByteWriter): void {
  w.byte(0x0a);
  w.byte(0x2c);
}

function fields(w: ByteWriter, ...values: number[]): void {
  for (let i = 0; i < values.length; i++) {
    if (i > 0) w.byte(0x2c);
    w.num(values[i]!);
  }
}

class NodeSink implements Sink {
  private ordinal = 0;
  constructor(private readonly w: ByteWriter) {}
  node(type: number, name: number, selfSize: number, edgeCount: number): void {
    const w = this.w;
    w.reserve();
    if (this.ordinal > 0) separator(w);
    // Odd ids from 1 like V8's: root @1, (GC roots) @3.
    fields(w, type, name, 2 * this.ordinal++ + 1, selfSize, edgeCount);
    w.ascii(',0,0');
  }
  edge(): void {}
  pause(): Promise<void> {
    return this.w.maybeFlush();
  }
}

class EdgeSink implements Sink {
  private first = true;
  constructor(private readonly w: ByteWriter) {}
  node(): void {}
  edge(type: number, nameOrIndex: number, to: number): void {
    const w = this.w;
    w.reserve();
    if (!this.first) separator(w);
    this.first = false;
    fields(w, type, nameOrIndex, to * NF);
  }
  pause(): Promise<void> {
    return this.w.maybeFlush();
  }
}

export interface SynthResult {
  readonly path: string;
  readonly bytes: number;
  readonly nodes: number;
  readonly edges: number;
  readonly tests: number;
  readonly ms: number;
}

export async function writeSynthetic(path: string, tests: number): Promise<SynthResult> {
  const started = Date.now();
  const l = layout(tests);
  const counter = new CountingSink();
  await replay(l, counter);
  counter.settle();
  if (counter.nodes !== nodeCountOf(l)) throw new Error(`synthetic layout bug: ${counter.nodes} nodes written, ${nodeCountOf(l)} laid out`);
  const w = new ByteWriter(path);
  await w.text(header(counter.nodes, counter.edges));
  await replay(l, new NodeSink(w));
  await w.text('],\n"edges":[');
  await replay(l, new EdgeSink(w));
  await w.text('],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[');
  await writeLocations(w, l);
  await w.text('],\n"strings":[');
  let i = 0;
  for (const s of strings(l)) {
    if (i++ > 0) w.ascii(',\n');
    w.reserve();
    w.ascii(JSON.stringify(s)); // every string here is short ASCII
    if ((i & 4095) === 0) await w.maybeFlush();
  }
  await w.text(']}');
  await w.close();
  return { path, bytes: statSync(path).size, nodes: counter.nodes, edges: counter.edges, tests, ms: Date.now() - started };
}

async function writeLocations(w: ByteWriter, l: Layout): Promise<void> {
  let i = 0;
  for (const ordinal of closureOrdinals(l)) {
    w.reserve();
    if (i++ > 0) separator(w);
    fields(w, ordinal * NF, 1, 20 + (i % 50), 17);
    if ((i & 4095) === 0) await w.maybeFlush();
  }
}

/**
 * Bytes per Test in the written file, measured: grows slowly with the digits of ordinals and
 * ids. Good to a few percent, which is all a benchmark size needs.
 */
export function testsForBytes(bytes: number): number {
  const perTest = bytes < 3e8 ? 170 : bytes < 2e9 ? 185 : 190;
  return Math.max(1, Math.round(bytes / perTest));
}

async function main(argv: string[]): Promise<void> {
  const out = argv[0];
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const bytesArg = flag('--bytes');
  const testsArg = flag('--tests');
  if (!out || (!bytesArg && !testsArg)) {
    console.error('usage: synth OUT (--bytes 4gb | --tests N) [--check]');
    process.exitCode = 2;
    return;
  }
  const tests = testsArg ? Number(testsArg) : testsForBytes(parseSize(bytesArg!));
  const r = await writeSynthetic(out, tests);
  console.log(`${r.path}: ${formatBytes(r.bytes)}, ${r.nodes} nodes, ${r.edges} edges, ${r.tests} Test objects, written in ${(r.ms / 1000).toFixed(1)} s`);
  if (argv.includes('--check')) {
    const { checkSynthetic } = await import('./synth-check.js');
    console.log(await checkSynthetic(r));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
