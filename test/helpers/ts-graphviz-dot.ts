/**
 * The DOT writer backrefs used until it wrote DOT itself: the graph built as a ts-graphviz model
 * and printed by its toDot, kept word for word as the oracle that test/dot-writer.test.ts holds the
 * streaming writer (src/output/dot-writer.ts) to. Graphviz must read both as the same graph.
 */
import type { DotOptions } from '../../src/output/dot.js';
import { Digraph, Edge, Node, toDot as serialize, type EdgeAttributesObject, type NodeAttributesObject } from 'ts-graphviz';
import type { GraphEdge, GraphNode, RetainerGraph } from '../../src/graph/types.js';
import { dotLines, dotText } from '../../src/output/escape.js';
import { hopsLeft, moreText } from '../../src/output/hops.js';
import { allocatedText, retainedText } from '../../src/output/site.js';
import { legendLabel, legendRows } from '../../src/output/legend.js';
import { CYCLE_COLOR, formatSize, moreFill, nodeFill, PATH_COLOR, TARGET_FONT_COLOR } from '../../src/output/style.js';

export function tsGraphvizDot(graph: RetainerGraph, options: DotOptions = {}): string {
  // Retainers point at what they retain and Graphviz ranks top-down: targets end up at the
  // bottom and roots at the top, as in objgraph's pictures.
  const g = new Digraph(options.name ?? 'backrefs');
  if (graph.walk === 'refs') g.set('rankdir', 'LR');
  g.node({ shape: 'box', style: 'filled', fillcolor: 'white', fontname: 'Helvetica', fontsize: 10 });
  g.edge({ fontname: 'Helvetica', fontsize: 9 });
  const byKey = new Map<string, Node>();
  let highlighted = false;
  // The default view counts the retainers it does not draw inside the box they hold (one line),
  // objgraph's view in a small red box of their own.
  const inBox = graph.walk === 'why' || graph.walk === 'refs';
  const moreOf = new Map(inBox ? graph.more.map((m) => [m.key.slice('more_'.length), m.count]) : []);
  for (const n of graph.nodes) {
    const lit = options.highlight?.(n) ?? false;
    highlighted ||= lit;
    const more = moreOf.get(n.key);
    const node = new Node(n.key, nodeAttributes(n, graph.maxDepth, lit, options, more === undefined ? undefined : `+${moreText(graph, more)}, not drawn`, graph.walk === 'refs'));
    byKey.set(n.key, node);
    g.addNode(node);
  }
  for (const m of inBox ? [] : graph.more) {
    const node = new Node(m.key, {
      label: dotText(moreText(graph, m.count)),
      shape: 'box',
      height: 0.25,
      fontsize: 8,
      color: 'red',
      fillcolor: moreFill(m.depth, graph.maxDepth, graph.walk === 'why'),
    });
    byKey.set(m.key, node);
    g.addNode(node);
  }
  for (const e of graph.edges) if (byKey.has(e.from)) g.addEdge(new Edge([byKey.get(e.from)!, byKey.get(e.to)!], edgeAttributes(e)));
  if (options.legend ?? inBox) {
    const rows = legendRows(graph, highlighted);
    if (rows.length > 0) g.addNode(new Node('legend', { shape: 'plaintext', style: '', fillcolor: '', label: `<${legendLabel(rows)}>` }));
  }
  // ts-graphviz counts every attribute as an AST node and refuses past 100,000 by default.
  const astNodes = 64 + 16 * (graph.nodes.length + graph.more.length + graph.edges.length);
  return serialize(g, { convert: { maxASTNodes: Math.max(100_000, astNodes) } });
}

function nodeAttributes(n: GraphNode, maxDepth: number, highlighted: boolean, options: DotOptions, more: string | undefined, forward: boolean): NodeAttributesObject {
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
  const attrs: NodeAttributesObject = { label: dotLines(lines), fillcolor: nodeFill(n, maxDepth, highlighted, forward || undefined) };
  if (n.role === 'target') {
    attrs.fontcolor = TARGET_FONT_COLOR;
    attrs.color = TARGET_FONT_COLOR;
    attrs.penwidth = 1.6;
  }
  if (n.stopped && !n.stopped.at) attrs.style = 'filled,dashed';
  const extraAttrs = options.extraNodeAttrs?.(n);
  if (extraAttrs) {
    for (const [k, v] of Object.entries(extraAttrs)) (attrs as Record<string, string | number | undefined>)[k] = typeof v === 'string' ? dotText(v) : v;
  }
  return attrs;
}

function edgeAttributes(e: GraphEdge): EdgeAttributesObject {
  const attrs: EdgeAttributesObject = {};
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
