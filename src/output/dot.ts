import { Digraph, Edge, Node, toDot as serialize, type EdgeAttributesObject, type NodeAttributesObject } from 'ts-graphviz';
import type { GraphNode, HeapNode, RetainerGraph } from '../graph/types.js';
import { dotLines, dotText } from './escape.js';
import { CYCLE_COLOR, formatSize, moreFill, nodeFill, TARGET_FONT_COLOR } from './style.js';

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
}

/** The graph as DOT, built with ts-graphviz, in objgraph's look. */
export function toDot(graph: RetainerGraph, options: DotOptions = {}): string {
  // Retainers point at what they retain and Graphviz ranks top-down: targets end up at the
  // bottom and roots at the top, as in objgraph's pictures.
  const g = new Digraph(options.name ?? 'backrefs');
  g.node({ shape: 'box', style: 'filled', fillcolor: 'white', fontname: 'Helvetica', fontsize: 10 });
  g.edge({ fontname: 'Helvetica', fontsize: 9 });
  const byKey = new Map<string, Node>();
  for (const n of graph.nodes) {
    const node = new Node(n.key, nodeAttributes(n, graph.maxDepth, options));
    byKey.set(n.key, node);
    g.addNode(node);
  }
  for (const m of graph.more) {
    const node = new Node(m.key, {
      label: dotText(`${m.count} more retainer${m.count === 1 ? '' : 's'}`),
      shape: 'box',
      height: 0.25,
      fontsize: 8,
      color: 'red',
      fillcolor: moreFill(m.depth, graph.maxDepth),
    });
    byKey.set(m.key, node);
    g.addNode(node);
  }
  for (const e of graph.edges) {
    const attrs: EdgeAttributesObject = {};
    if (e.label) attrs.label = dotLines([e.label]);
    if (e.weak) attrs.style = 'dashed';
    if (e.inCycle) {
      attrs.color = CYCLE_COLOR;
      attrs.fontcolor = CYCLE_COLOR;
      attrs.penwidth = 1.6;
    }
    g.addEdge(new Edge([byKey.get(e.from)!, byKey.get(e.to)!], attrs));
  }
  return serialize(g);
}

function nodeAttributes(n: GraphNode, maxDepth: number, options: DotOptions): NodeAttributesObject {
  const lines = [n.title];
  if (n.preview) lines.push(n.preview);
  const extra = options.extraInfo?.(n);
  if (extra) lines.push(extra);
  lines.push(`@${n.id} · ${formatSize(n.selfSize)}`);
  const attrs: NodeAttributesObject = { label: dotLines(lines), fillcolor: nodeFill(n, maxDepth, options.highlight?.(n) ?? false) };
  if (n.role === 'target') attrs.fontcolor = TARGET_FONT_COLOR;
  const extraAttrs = options.extraNodeAttrs?.(n);
  if (extraAttrs) {
    for (const [k, v] of Object.entries(extraAttrs)) (attrs as Record<string, string | number | undefined>)[k] = typeof v === 'string' ? dotText(v) : v;
  }
  return attrs;
}
