import type { GraphNode } from '../graph/types.js';

/**
 * objgraph's colours, as HSV strings Graphviz reads: boxes grey with depth, targets in a red
 * font, roots and globals green like objgraph's modules, highlighted classes blue, "K more"
 * boxes small and red. Documented in docs/cli.md.
 */
export function fillColor(depth: number, maxDepth: number, hue: number, saturation: number): string {
  const v = 1 - (0.7 * Math.min(depth, maxDepth)) / Math.max(1, maxDepth);
  return `${hue},${saturation},${v.toFixed(2)}`;
}

export function nodeFill(node: GraphNode, maxDepth: number, highlighted: boolean): string {
  if (highlighted) return fillColor(node.depth, maxDepth, 0.6, 0.5);
  if (node.role === 'root' || node.role === 'global') return fillColor(node.depth, maxDepth, 0.3, 1);
  return fillColor(node.depth, maxDepth, 0, 0);
}

export function moreFill(depth: number, maxDepth: number): string {
  return fillColor(depth, maxDepth, 0, 1);
}

export const CYCLE_COLOR = '#cc3300';
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
