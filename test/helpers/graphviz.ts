import { spawnSync } from 'node:child_process';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { hasCommand } from './tools.js';

/** A node as Graphviz laid it out: its DOT id, the text lines it drew, and its attributes. */
export interface DrawnNode {
  readonly name: string;
  readonly lines: readonly string[];
  readonly attrs: Readonly<Record<string, string>>;
}

/** An edge as Graphviz laid it out, with the node names at both ends and its drawn label. */
export interface DrawnEdge {
  readonly tail: string;
  readonly head: string;
  readonly label: string;
  readonly attrs: Readonly<Record<string, string>>;
}

export interface DrawnGraph {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

let wasm: Promise<Graphviz> | undefined;
function graphviz(): Promise<Graphviz> {
  wasm ??= Graphviz.load();
  return wasm;
}

/** SVG from the WebAssembly Graphviz; it throws on DOT it cannot parse. */
export async function wasmSvg(dot: string): Promise<string> {
  return (await graphviz()).dot(dot, 'svg');
}

/** The layout by the WebAssembly Graphviz, read back from its `-Tjson` output. */
export async function wasmLayout(dot: string): Promise<DrawnGraph> {
  return readLayout((await graphviz()).dot(dot, 'json'));
}

export const systemDotAvailable = (): boolean => hasCommand('dot', ['-V']);

/** The layout by the system `dot` binary; throws with its stderr when it rejects the file. */
export function systemLayout(dot: string): DrawnGraph {
  const r = spawnSync('dot', ['-Tjson'], { input: dot, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`dot -Tjson exited with ${r.status}: ${r.stderr}`);
  // dot prints warnings (e.g. fonts) on stderr with exit 0; a warning about the syntax is still a bug.
  if (/syntax|error/i.test(r.stderr)) throw new Error(`dot -Tjson complained: ${r.stderr}`);
  return readLayout(r.stdout);
}

/**
 * Graphviz's JSON: `objects` are the nodes (and subgraphs, none here) by `_gvid`; `edges` name
 * them by that index. The text Graphviz actually drew is in the `T` ops of `_ldraw_`, which is
 * the label after Graphviz's own unescaping: what a user sees.
 */
function readLayout(text: string): DrawnGraph {
  const root = JSON.parse(text) as JsonObject;
  const objects = asArray(root['objects']);
  const nodes = objects.map((o): DrawnNode => {
    const obj = asObject(o);
    return { name: String(obj['name']), lines: drawnText(obj['_ldraw_']), attrs: attributes(obj) };
  });
  const edges = asArray(root['edges']).map((e): DrawnEdge => {
    const obj = asObject(e);
    const tail = nodes[Number(obj['tail'])];
    const head = nodes[Number(obj['head'])];
    if (!tail || !head) throw new Error(`edge ${String(obj['_gvid'])} names a node Graphviz did not lay out`);
    return { tail: tail.name, head: head.name, label: drawnText(obj['_ldraw_']).join('\n'), attrs: attributes(obj) };
  });
  return { nodes, edges };
}

function drawnText(ops: Json | undefined): string[] {
  if (ops === undefined) return [];
  return asArray(ops)
    .map(asObject)
    .filter((op) => op['op'] === 'T')
    .map((op) => String(op['text']));
}

function attributes(obj: JsonObject): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v === 'string' || typeof v === 'number') attrs[k] = String(v);
  return attrs;
}

function asArray(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : [];
}

function asObject(v: Json | undefined): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('Graphviz JSON: expected an object');
  return v;
}
