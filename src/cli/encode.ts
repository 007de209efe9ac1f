import type { HeapNode, RetainerGraph } from '../graph/types.js';
import { CliError } from './errors.js';
import type { Format } from './formats.js';
import type { OutputData } from './write.js';
import { layoutBoxes } from '../output/layout-cost.js';

/**
 * Past these, Graphviz's layout runs for minutes (measured by the fuzz shapes: 800 boxes with
 * 100,000 arrows hung; a ladder of 60 list links each also held from one array, 83 boxes but
 * ~3,200 to lay out, took 50 s, and 40 links, ~1,800, 3.5 s): SVG, PNG and PDF are refused, DOT
 * and JSON still written.
 */
const LAYOUT_MAX_BOXES = 1500;
const LAYOUT_MAX_EDGES = 5000;

/** Why Graphviz would take minutes over this graph, or undefined when it will not. */
export function layoutProblem(graph: RetainerGraph): string | undefined {
  const drawn = graph.nodes.length + graph.more.length;
  if (drawn > LAYOUT_MAX_BOXES || graph.edges.length > LAYOUT_MAX_EDGES) return `${graph.nodes.length} nodes and ${graph.edges.length} arrows are too many`;
  const boxes = layoutBoxes(graph);
  if (boxes > LAYOUT_MAX_BOXES) return `${graph.nodes.length} nodes, whose long arrows make about ${boxes} boxes for Graphviz to place, are too many`;
  return undefined;
}

/**
 * A graph in the chosen format, each encoder loaded only when asked for. DOT, JSON and text come
 * as chunks made while they are written (so `--timings` counts them in `write`): a million-node
 * graph's output is never one string (its JSON could not be: V8's strings stop at 2^29).
 */
export async function encodeGraph(graph: RetainerGraph, format: Format, o: { highlight: (n: HeapNode) => boolean; color: boolean }): Promise<OutputData> {
  if (format === 'json') return (await import('../output/json.js')).jsonChunks(graph);
  if (format === 'text') return (await import('../output/text.js')).textChunks(graph, { color: o.color });
  const { dotChunks, toDot } = await import('../output/dot.js');
  if (format === 'dot') return dotChunks(graph, { highlight: o.highlight });
  const dot = toDot(graph, { highlight: o.highlight });
  const render = await import('../output/render.js');
  try {
    return format === 'svg' ? await render.renderSvg(dot) : format === 'pdf' ? await render.renderPdf(dot) : await render.renderPng(dot);
  } catch (e) {
    throw new CliError(`cannot render ${format.toUpperCase()}: ${(e as Error).message}`);
  }
}
