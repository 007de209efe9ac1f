import type { ChainGroup } from '../graph/chain.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { nodeTitle as title } from '../analysis/class-names.js';
import type { GraphNode } from '../graph/types.js';
import { visible } from './escape.js';
import { allocatedText, retainedText } from './site.js';

/**
 * Paths as text traces, one line a path: `(GC roots) → (Stack roots) → system / Context --seq-->
 * Array --[0]--> Test @123`, with how many targets share it.
 */
export function chainText(snap: HeapSnapshot, groups: readonly ChainGroup[], unreachable: readonly number[], className: string, boxes?: ReadonlyMap<number, GraphNode>): string {
  const lines: string[] = [];
  // What the boxes of the drawing say beyond the name (retained size, allocation site), in brackets.
  const facts = (ordinal: number): string => {
    const box = boxes?.get(ordinal);
    const said = box ? [retainedText(box), allocatedText(box)].filter((f) => f !== undefined) : [];
    if (said.length === 0) return '';
    return ` [${box!.count > 1 ? `all ${box!.count}: ` : ''}${visible(said.join(', '))}]`;
  };
  for (const g of groups) {
    const last = g.steps[g.steps.length - 1]!;
    const who = g.targets.length === 1 ? `@${snap.nodeId(last.ordinal)}` : `${g.targets.length} ${className} objects (@${snap.nodeId(g.targets[0]!)}, …) share this path`;
    const start = g.steps[0]!.ordinal;
    const from = g.fromTarget ? `${visible(className)} @${snap.nodeId(start)}, another of them (its own path is listed too)` : visible(title(snap, start));
    lines.push(`${who}, ${g.steps.length - 1} hop${g.steps.length === 2 ? '' : 's'} from ${from}:`);
    const parts = g.steps.map((s, i) => {
      const name = `${visible(title(snap, s.ordinal))}${i === g.steps.length - 1 ? ` @${snap.nodeId(s.ordinal)}` : ''}${facts(s.ordinal)}`;
      if (i === 0) return name;
      return `${s.label ? ` --${visible(s.label)}--> ` : ' → '}${name}`;
    });
    lines.push(`  ${parts.join('')}`);
  }
  if (unreachable.length > 0) {
    lines.push(`${unreachable.length} unreachable: no root holds ${unreachable.length === 1 ? 'it' : 'them'} (garbage V8 had not collected when the snapshot was taken): @${unreachable.slice(0, 5).map((o) => snap.nodeId(o)).join(', @')}${unreachable.length > 5 ? ', …' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
