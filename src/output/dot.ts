import type { GraphEdge, GraphNode, HeapNode, RetainerGraph } from '../graph/types.js';
import { whole } from './chunks.js';
import { DotWriter, type DotAttributes, type DotValue } from './dot-writer.js';
import { dotLines, dotText } from './escape.js';
import { hopsLeft, moreText } from './hops.js';
import { allocatedText, retainedText } from './site.js';
import { legendLabel, legendRows } from './legend.js';
import { CYCLE_COLOR, formatSize, moreFill, nodeFill, PATH_COLOR, TARGET_FONT_COLOR } from './style.js';

export interface DotOptions {
  /** Colour these nodes (objgraph's `highlight`). */
  highlight?: (node: HeapNode) => boolean;
  /** One more line of text in a node's box (objgraph's `extra_info`). */
  extraInfo?: (node: HeapNode) => string | undefined;
  /**
   * Extra Graphviz attributes for a node (objgraph's `extra_node_attrs`). An undefined value (or
   * result) adds nothing, so `cond ? { shape: 'ellipse' } : {}` type-checks as users write it.
   */
  extraNodeAttrs?: (node: HeapNode) => Readonly<Record<string, string | number | undefined>> | undefined;
  /** The graph's name in the DOT file. */
  name?: string;
  /** A legend box saying what the colours mean (default: in the default view, not in the breadth-first one). */
  legend?: boolean;
}

/** The graph as DOT, in objgraph's look: one string (see dotChunks for a graph too big to hold as one). */
export function toDot(graph: RetainerGraph, options: DotOptions = {}): string {
  return whole(dotChunks(graph, options));
}

/**
 * The same DOT in chunks of about 64 K characters, made as they are taken: the CLI streams them to
 * the output, so a million-node graph is never one string (nor its bytes) in memory.
 */
export function* dotChunks(graph: RetainerGraph, options: DotOptions = {}): Generator<string, void, undefined> {
  // Retainers point at what they retain and Graphviz ranks top-down: targets end up at the
  // bottom and roots at the top, as in objgraph's pictures.
  const w = new DotWriter(options.name ?? 'backrefs');
  // A forward view fans out: each level several times wider than the one above. Left to right,
  // its leaves stack down the page instead of running off its side.
  if (graph.walk === 'refs') w.defaults('graph', { rankdir: 'LR' });
  w.defaults('node', { shape: 'box', style: 'filled', fillcolor: 'white', fontname: 'Helvetica', fontsize: 10 });
  w.defaults('edge', { fontname: 'Helvetica', fontsize: 9 });
  let highlighted = false;
  // The default and forward views count what they do not draw inside the box it belongs to (one
  // line), objgraph's view in a small red box of its own.
  const inBox = graph.walk === 'why' || graph.walk === 'refs';
  const moreOf = new Map(inBox ? graph.more.map((m) => [m.key.slice('more_'.length), m.count]) : []);
  let chunk: string | undefined;
  for (const n of graph.nodes) {
    const lit = options.highlight?.(n) ?? false;
    highlighted ||= lit;
    const more = moreOf.get(n.key);
    w.node(n.key, nodeAttributes(n, graph.maxDepth, lit, options, more === undefined ? undefined : `+${moreText(graph, more)}, not drawn`, graph.walk === 'refs'));
    if ((chunk = w.take())) yield chunk;
  }
  for (const m of inBox ? [] : graph.more) {
    w.node(m.key, {
      label: dotText(moreText(graph, m.count)),
      shape: 'box',
      height: 0.25,
      fontsize: 8,
      color: 'red',
      fillcolor: moreFill(m.depth, graph.maxDepth, graph.walk === 'why'),
    });
    if ((chunk = w.take())) yield chunk;
  }
  // The legend after the boxes and before the arrows, where the model ts-graphviz drew put it:
  // Graphviz lays nodes out in the order they come.
  if (options.legend ?? inBox) {
    const rows = legendRows(graph, highlighted);
    if (rows.length > 0) w.node('legend', { shape: 'plaintext', style: '', fillcolor: '', label: { html: legendLabel(rows) } });
  }
  // Every arrow joins two boxes drawn, but in the default view the arrows from the "more" boxes
  // it counts inside the box they hold. (Checking both ends in a Set of the drawn keys cost
  // seconds at a million.)
  for (const e of graph.edges) {
    if (inBox && e.type === 'more') continue;
    w.edge(e.from, e.to, edgeAttributes(e));
    if ((chunk = w.take())) yield chunk;
  }
  yield w.end();
}

function nodeAttributes(n: GraphNode, maxDepth: number, highlighted: boolean, options: DotOptions, more: string | undefined, forward: boolean): DotAttributes {
  const lines = [n.count > 1 ? `${n.title} ×${n.count}` : n.title];
  if (n.preview) lines.push(n.preview);
  const extra = options.extraInfo?.(n);
  if (extra) lines.push(extra);
  const retained = retainedText(n);
  lines.push(`${n.count > 1 ? `${idRange(n.ids)} · ${formatSize(n.totalSize)}` : `@${n.id} · ${formatSize(n.selfSize)}`}${retained ? ` · ${retained}` : ''}`);
  const allocated = allocatedText(n);
  if (allocated) lines.push(allocated);
  if (n.inside) lines.push(`+${n.inside} more ${n.className} inside these`);
  if (n.distance === -5 && n.role === 'target') lines.push('unreachable: no root holds it');
  if (n.stopped?.at) lines.push(`${n.stopped.at}: lives as long as its module`);
  if (n.stopped) lines.push(hopsLeft(n.stopped));
  if (more) lines.push(more);
  const attrs: Record<string, DotValue | undefined> = { label: dotLines(lines), fillcolor: nodeFill(n, maxDepth, highlighted, forward || undefined) };
  if (n.role === 'target') {
    attrs.fontcolor = TARGET_FONT_COLOR;
    attrs.color = TARGET_FONT_COLOR;
    attrs.penwidth = 1.6;
  }
  if (n.stopped && !n.stopped.at) attrs.style = 'filled,dashed';
  const extraAttrs = options.extraNodeAttrs?.(n);
  if (extraAttrs) {
    for (const [k, v] of Object.entries(extraAttrs)) attrs[k] = typeof v === 'string' ? dotText(v) : v;
  }
  return attrs;
}

function edgeAttributes(e: GraphEdge): DotAttributes {
  const attrs: Record<string, DotValue> = {};
  if (e.label) attrs.label = dotLines([e.label]);
  if (e.weak) attrs.style = 'dashed';
  if (e.onPath) {
    attrs.color = PATH_COLOR;
    attrs.fontcolor = PATH_COLOR;
    attrs.penwidth = 2.2;
  }
  if (e.inCycle) {
    attrs.color = CYCLE_COLOR;
    attrs.fontcolor = CYCLE_COLOR;
    attrs.penwidth = 1.6;
  }
  return attrs;
}

/** `@12, @14, … (300)`: the first ids, enough to find one in DevTools. */
function idRange(ids: readonly number[]): string {
  return ids.length <= 3 ? ids.map((id) => `@${id}`).join(', ') : `@${ids[0]}, @${ids[1]}, …`;
}
