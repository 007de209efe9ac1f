import type { DuplicateString } from '../analysis/duplicate-strings.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { visible, jsonText } from './escape.js';
import { formatSize } from './style.js';

const PREVIEW = 60;

/** The duplicated strings as a table: copies, bytes wasted, bytes in all, the text (escaped, cut). */
export function stringsText(groups: readonly DuplicateString[], shown: number): string {
  const wasted = groups.reduce((s, g) => s + g.wastedBytes, 0);
  const lines = [`${groups.length} strings stored more than once, ${formatSize(wasted)} wasted in all${shown < groups.length ? `; the ${shown} that waste most:` : ':'}`, '', ' copies   wasted    total  text'];
  for (const g of groups.slice(0, shown)) {
    const text = g.text.length > PREVIEW ? `${g.text.slice(0, PREVIEW)}…` : g.text;
    lines.push(`${String(g.count).padStart(7)} ${formatSize(g.wastedBytes).padStart(8)} ${formatSize(g.totalBytes).padStart(8)}  ${jsonText(visible(text))}`);
  }
  return `${lines.join('\n')}\n`;
}

export function stringsJson(snap: HeapSnapshot, groups: readonly DuplicateString[], shown: number): string {
  return `${jsonText(
    { count: groups.length, wastedBytes: groups.reduce((s, g) => s + g.wastedBytes, 0), strings: groups.slice(0, shown).map((g) => ({ text: g.text, count: g.count, totalBytes: g.totalBytes, wastedBytes: g.wastedBytes, ids: g.ordinals.map((o) => snap.nodeId(o)) })) },
    2,
  )}\n`;
}
