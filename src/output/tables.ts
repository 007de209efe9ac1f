import type { Growth } from '../analysis/diff.js';
import type { LeakReport } from '../analysis/leaks.js';
import { pathText } from '../analysis/leaks.js';
import type { ClassStat } from '../analysis/type-stats.js';
import { cutForDisplay, visible } from './escape.js';
import { formatSize } from './style.js';

/** A class name in a column: inert, and cut to a display length so that one 100 KB name does not pad every row to its width. */
const shown = (name: string): string => visible(cutForDisplay(name));

/**
 * objgraph's column layouts: the name padded to the longest, then right-aligned numbers. Names
 * come from the snapshot and go through `visible`, so no control character reaches a terminal.
 */
function columns(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  // reduce, not Math.max(...): a table of every class can pass the engine's limit on arguments.
  const widths = rows[0]!.map((_, c) => rows.reduce((w, r) => Math.max(w, [...r[c]!].length), 0));
  return `${rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n')}\n`;
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const signedSize = (n: number): string => (n < 0 ? `-${formatSize(-n)}` : `+${formatSize(n)}`);

/** show_most_common_types: `Test  1061000  40.5 MB`; with retained sizes, a fourth column `52.1 MB retained`. */
export function typesTable(stats: readonly (ClassStat & { readonly retainedSize?: number })[]): string {
  return columns(stats.map((s) => [shown(s.name), String(s.count), formatSize(s.selfSize), ...(s.retainedSize !== undefined ? [`${formatSize(s.retainedSize)} retained`] : [])]));
}

/** show_growth: `Test  1061000  +1060000  +42.4 MB`. */
export function growthTable(rows: readonly Growth[]): string {
  return columns(rows.map((g) => [shown(g.name), String(g.count), signed(g.delta), signedSize(g.sizeDelta)]));
}

/** find-leaks: the leaked classes, then the retainer paths that hold them, largest first. */
export function leaksText(report: LeakReport, limit = 10): string {
  if (report.count === 0) return 'No leaks: nothing allocated between the baseline and the target is alive in the final snapshot.\n';
  const lines = [`${report.count} objects (${formatSize(report.selfSize)}) allocated between the baseline and the target are still alive in the final snapshot.`, '', 'By class:'];
  const byClass = typesTable(report.byClass.slice(0, limit));
  for (const l of byClass.trimEnd().split('\n')) lines.push(`  ${l}`);
  lines.push('', 'By retainer path (shortest path from the roots):');
  for (const g of report.byPath.slice(0, limit)) {
    lines.push(`  ${g.traces} × ${shown(g.className)}, ${g.count} objects, ${formatSize(g.selfSize)} (e.g. @${g.exampleId})`);
    lines.push(`    ${visible(pathText(g))}`);
  }
  if (report.byPath.length > limit) lines.push(`  … ${report.byPath.length - limit} more paths`);
  return `${lines.join('\n')}\n`;
}
