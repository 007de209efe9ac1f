import type { RetainerGraph } from '../graph/types.js';
import { CYCLE_COLOR, PATH_COLOR, TARGET_FONT_COLOR } from './style.js';

/** One row of the legend: a sample of the colour, and what it means. */
export interface LegendRow {
  readonly swatch: { readonly kind: 'box'; readonly fill: string; readonly border: string } | { readonly kind: 'line'; readonly color: string; readonly dashed?: boolean };
  readonly text: string;
}

/** The rows that the picture needs: only colours that appear in it. */
export function legendRows(graph: RetainerGraph, highlighted: boolean): LegendRow[] {
  const rows: LegendRow[] = [];
  const roles = new Set(graph.nodes.map((n) => n.role));
  if (roles.has('target')) rows.push({ swatch: { kind: 'box', fill: '#ffffff', border: TARGET_FONT_COLOR }, text: 'what you asked about (red)' });
  if (roles.has('root') || roles.has('global') || graph.nodes.some((n) => n.stopped?.at)) rows.push({ swatch: { kind: 'box', fill: '#66ff66', border: '#000000' }, text: 'root, global or module (scope): not walked through (green)' });
  if (highlighted) rows.push({ swatch: { kind: 'box', fill: '#6699ff', border: '#000000' }, text: '--highlight (blue)' });
  // objgraph's greys: said once they differ, as they do whenever the walk goes two levels.
  const greyDepths = new Set(graph.nodes.filter((n) => n.role === 'retainer' && !n.stopped?.at).map((n) => n.depth));
  if (greyDepths.size > 1) rows.push({ swatch: { kind: 'box', fill: '#b8b8b8', border: '#000000' }, text: 'grey: the darker, the more hops from what you asked about' });
  if (graph.edges.some((e) => e.onPath)) rows.push({ swatch: { kind: 'line', color: PATH_COLOR }, text: 'shortest path from a root (blue arrows)' });
  if (graph.edges.some((e) => e.inCycle)) rows.push({ swatch: { kind: 'line', color: CYCLE_COLOR }, text: 'reference cycle through it (red arrows)' });
  if (graph.edges.some((e) => e.weak)) rows.push({ swatch: { kind: 'line', color: '#000000', dashed: true }, text: 'weak reference (dashed)' });
  if (graph.nodes.some((n) => n.stopped && !n.stopped.at)) rows.push({ swatch: { kind: 'box', fill: '#ffffff', border: '#000000' }, text: 'dashed box: --depth stopped here' });
  return rows;
}

/**
 * The legend as the table of a Graphviz HTML-like label (the DOT writer adds the outer `<` `>`).
 * Only our own fixed text goes in it, never text from the snapshot, so nothing in it needs
 * escaping beyond what is written here.
 */
export function legendLabel(rows: readonly LegendRow[]): string {
  const cells = rows.map((r) => {
    const sample =
      r.swatch.kind === 'box'
        ? `<td width="18" height="12" bgcolor="${r.swatch.fill}" color="${r.swatch.border}" border="1"></td>`
        : `<td width="18" height="12"><font color="${r.swatch.color}">${r.swatch.dashed ? '- - -' : '━━'}</font></td>`;
    return `<tr>${sample}<td align="left">${r.text}</td></tr>`;
  });
  return `<table border="0" cellborder="0" cellspacing="2" cellpadding="1"><tr><td colspan="2" align="left"><b>legend</b></td></tr>${cells.join('')}</table>`;
}
