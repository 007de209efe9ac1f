import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../analysis/class-names.js';
import { title } from '../snapshot/names.js';
import { visible, jsonText } from './escape.js';
import { formatSize } from './style.js';

export interface TopEntry {
  readonly ordinal: number;
  readonly retainedSize: number;
  readonly share: number;
  /** dominators from the root down, without the node itself */
  readonly chain: readonly number[];
}

/** A table of the largest retainers, then each one's dominator chain as a line. */
export function topText(snap: HeapSnapshot, entries: readonly TopEntry[], totalSize: number): string {
  const lines = [`Heap: ${formatSize(totalSize)} retained by the root. The largest retained sizes:`, ''];
  entries.forEach((e, i) => {
    const o = e.ordinal;
    lines.push(`${String(i + 1).padStart(3)}. ${formatSize(e.retainedSize).padStart(8)} ${(e.share * 100).toFixed(1).padStart(5)}%  ${visible(className(snap, o))} @${snap.nodeId(o)}`);
    const held = e.chain.slice(1).map((c) => visible(title(snap, c)));
    lines.push(`      held by: ${held.length ? held.join(' → ') : '(the root)'}`);
  });
  return `${lines.join('\n')}\n`;
}

export function topJson(snap: HeapSnapshot, entries: readonly TopEntry[], totalSize: number): string {
  return `${jsonText(
    {
      totalSize,
      top: entries.map((e) => ({
        id: snap.nodeId(e.ordinal),
        class: className(snap, e.ordinal),
        type: snap.nodeType(e.ordinal),
        name: snap.nodeName(e.ordinal),
        selfSize: snap.selfSize(e.ordinal),
        retainedSize: e.retainedSize,
        share: e.share,
        dominators: e.chain.map((c) => ({ id: snap.nodeId(c), class: className(snap, c), title: title(snap, c) })),
      })),
    },
    2,
  )}\n`;
}
