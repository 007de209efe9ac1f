import { jsonText } from './escape.js';
import type { RetainerGraph } from '../graph/types.js';
import { Chunks, whole } from './chunks.js';

/** The graph as data for scripts: nodes by heap id, edges by heap ids, "K more" boxes apart. */
export function toJson(graph: RetainerGraph): string {
  return whole(jsonChunks(graph));
}

/**
 * The same JSON as `jsonText(…, 2)` in chunks of about 64 K characters, one
 * node or edge at a time: the JSON of a million nodes and two million edges is past the longest
 * string V8 makes (2^29 characters: `Invalid string length`), so the CLI streams it.
 */
export function* jsonChunks(graph: RetainerGraph): Generator<string, void, undefined> {
  const idOf = new Map(graph.nodes.map((n) => [n.key, n.id]));
  const fields: [string, unknown][] = [
    ['maxDepth', graph.maxDepth],
    ['raw', graph.raw],
    ['walk', graph.walk ?? 'bfs'],
  ];
  const text = new Chunks();
  const add = (s: string) => text.add(s);
  add('{');
  let first = true;
  const field = (key: string, value: unknown) => {
    if (value === undefined) return;
    add(`${first ? '' : ','}\n  ${jsonText(key)}: ${indented(value, '  ')}`);
    first = false;
  };
  for (const [key, value] of fields) field(key, value);
  const lists: [string, Iterable<unknown>][] = [
    ['nodes', jsonNodes(graph)],
    ['edges', jsonEdges(graph, idOf)],
    ['more', graph.more.map((m) => ({ of: idOf.get(m.key.slice('more_'.length)), count: m.count, depth: m.depth }))],
  ];
  for (const [key, items] of lists) {
    add(`${first ? '' : ','}\n  ${jsonText(key)}: [`);
    first = false;
    let empty = true;
    for (const item of items) {
      add(`${empty ? '' : ','}\n    ${indented(item, '    ')}`);
      empty = false;
      const chunk = text.take();
      if (chunk) yield chunk;
    }
    add(empty ? ']' : '\n  ]');
  }
  if (graph.omitted) field('omitted', graph.omitted);
  if (graph.unwalked) field('unwalked', graph.unwalked);
  add('\n}\n');
  yield text.rest();
}

/** jsonText(value, 2) as it reads nested at `indent`. */
function indented(value: unknown, indent: string): string {
  const text = jsonText(value, 2);
  return text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}

// Fields set one by one in a fixed order, not spread in (`...(cond ? {…} : {})`): V8 gives every
// object spread into a literal a hidden class of its own, and a million of them crawl.
function* jsonNodes(graph: RetainerGraph): Generator<Record<string, unknown>> {
  for (const n of graph.nodes) yield jsonNode(n);
}

function jsonNode(n: RetainerGraph['nodes'][number]): Record<string, unknown> {
  const o: Record<string, unknown> = { id: n.id, class: n.className, type: n.type, name: n.name, depth: n.depth, selfSize: n.selfSize, role: n.role, preview: n.preview };
  if (n.count > 1) {
    o['count'] = n.count;
    o['totalSize'] = n.totalSize;
    o['ids'] = n.ids;
  }
  if (n.distance !== undefined) o['distance'] = n.distance < 0 ? null : n.distance;
  if (n.stopped) o['stopped'] = n.stopped;
  if (n.inside) o['inside'] = n.inside;
  if (n.retainedSize !== undefined) o['retainedSize'] = n.retainedSize;
  if (n.allocatedBy) o['allocatedBy'] = n.allocatedBy;
  if (n.allocationSites) o['allocationSites'] = n.allocationSites;
  return o;
}

function* jsonEdges(graph: RetainerGraph, idOf: Map<string, number>): Generator<Record<string, unknown>> {
  for (const e of graph.edges) {
    if (e.type === 'more') continue;
    const o: Record<string, unknown> = { from: idOf.get(e.from)!, to: idOf.get(e.to)!, type: e.type, name: e.name, label: e.label, weak: e.weak, collapsed: e.collapsed, inCycle: e.inCycle };
    if (e.onPath) o['onPath'] = true;
    if (e.count && e.count > 1) o['count'] = e.count;
    yield o;
  }
}
