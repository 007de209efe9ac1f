import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { title } from '../snapshot/names.js';
import { visible } from './escape.js';
import { formatSize } from './style.js';

const MAX_INDENT = 40;

/** One chain a group of targets shares: the same dominators down to the target's immediate one. */
export interface DominatorChainGroup {
  /** root first, the targets' immediate dominator last */
  readonly chain: readonly number[];
  readonly targets: readonly number[];
}

/**
 * A level's indentation, two spaces a level up to MAX_INDENT levels and a number past them: a
 * chain a hundred thousand dominators deep stays as many short lines, not 10^10 spaces.
 */
function indent(depth: number): string {
  return depth < MAX_INDENT ? '  '.repeat(depth + 1) : `${'  '.repeat(MAX_INDENT)}[${depth}] `;
}

/**
 * Each group's chain from the root down, one object a line, indented one step a level, with
 * what each retains and its share of the heap: every line is an object that alone keeps the
 * targets alive (take any one away and they go).
 */
export function dominatorsText(snap: HeapSnapshot, groups: readonly DominatorChainGroup[], retained: (o: number) => number): string {
  const total = retained(0);
  const share = (o: number) => (total > 0 ? `${((100 * retained(o)) / total).toFixed(1)}%` : '');
  const name = (o: number) => `${visible(title(snap, o))} @${snap.nodeId(o)}`;
  const lines: string[] = [];
  for (const g of groups) {
    const who = g.targets.length === 1 ? name(g.targets[0]!) : `${g.targets.length} objects (${g.targets.slice(0, 3).map(name).join(', ')}${g.targets.length > 3 ? ', …' : ''})`;
    const t = g.targets[0]!;
    lines.push(`${who}: retains ${formatSize(retained(t))}${g.targets.length > 1 ? ' (the first)' : ''}; kept alive, from the root down, by:`);
    g.chain.forEach((o, depth) => lines.push(`${indent(depth)}${depth === 0 ? '' : '└ '}${name(o)}  retains ${formatSize(retained(o))} (${share(o)})`));
  }
  return `${lines.join('\n')}\n`;
}
