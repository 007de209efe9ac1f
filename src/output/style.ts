import type { GraphNode } from '../graph/types.js';

/**
 * objgraph's colours, as HSV strings Graphviz reads: boxes grey with depth, targets in a red
 * font, roots and globals green like objgraph's modules, highlighted classes blue, "K more"
 * boxes small and red. Documented in docs/cli.md.
 */
export function fillColor(depth: number, maxDepth: number, hue: number, saturation: number, range = 0.7): string {
  const v = 1 - (range * Math.min(depth, maxDepth)) / Math.max(1, maxDepth);
  return `${hue},${saturation},${v.toFixed(2)}`;
}

export function nodeFill(node: GraphNode, maxDepth: number, highlighted: boolean, soft = node.distance !== undefined): string {
  // The default and forward views go deeper than objgraph's pictures: their greys stop where black text is still easy to read.
  const range = soft ? 0.4 : 0.7;
  if (highlighted) return fillColor(node.depth, maxDepth, 0.6, 0.5, range);
  if (node.role === 'root' || node.role === 'global' || node.stopped?.at) return fillColor(node.depth, maxDepth, 0.3, soft ? 0.6 : 1, range);
  return fillColor(node.depth, maxDepth, 0, 0, range);
}

/** objgraph's red "more" boxes in its breadth-first view; a light red in the default view, where they are many. */
export function moreFill(depth: number, maxDepth: number, why = false): string {
  return why ? '0,0.15,1' : fillColor(depth, maxDepth, 0, 1);
}

export const CYCLE_COLOR = '#cc3300';
export const PATH_COLOR = '#1f4e9e';
export const TARGET_FONT_COLOR = 'red';

/** `1.2 kB`-style sizes, as DevTools shows them. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
