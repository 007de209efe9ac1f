import type { GraphEdge, GraphNode, RetainerGraph } from '../graph/types.js';
import { Chunks, whole } from './chunks.js';
import { visible } from './escape.js';
import { hopsLeft, moreText } from './hops.js';
import { allocatedText, retainedText } from './site.js';
import { formatSize } from './style.js';

export interface TextOptions {
  /** ANSI colours (only when writing to a terminal). */
  color?: boolean;
}

const MAX_INDENT = 40;
const ANSI = { red: '\x1b[31m', green: '\x1b[32m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** The graph as a retainer tree (see textChunks), as one string: for graphs small enough to hold so. */
export function toText(graph: RetainerGraph, options: TextOptions = {}): string {
  return whole(textChunks(graph, options));
}

/**
 * The graph as a retainer tree, like DevTools' Retainers pane: each target, then what holds it
 * (in the forward view, what it holds),
 * indented, each line the edge, the holder's class, `@id`, self size and distance from the roots.
 * A node already shown is named again but not expanded. Linear in the size of the graph.
 * Everything from the snapshot goes through `visible`, so no escape sequence reaches the terminal.
 * In chunks of about 64 K characters, made as they are taken, as DOT and JSON are: the text of a
 * million nodes and two million edges is some 350 MB, which as one string ran past a minute.
 */
export function* textChunks(graph: RetainerGraph, options: TextOptions = {}): Generator<string, void, undefined> {
  const paint = (code: keyof typeof ANSI, s: string) => (options.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const moreByKey = new Map(graph.more.map((m) => [m.key, m]));
  // The back views list under each box what holds it; the forward view, what it holds.
  const forward = graph.walk === 'refs';
  const into = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const at = forward && e.type !== 'more' ? e.from : e.to;
    const list = into.get(at);
    if (list) list.push(e);
    else into.set(at, [e]);
  }
  const text = new Chunks();
  let empty = true;
  const line = (s: string) => {
    text.add(s);
    text.add('\n');
    empty = false;
  };
  const shown = new Set<string>();
  const describe = (n: GraphNode): string => {
    const name = visible(n.count > 1 ? `${n.title} ×${n.count}` : n.title);
    const colored = n.role === 'target' ? paint('red', name) : n.role === 'root' || n.role === 'global' ? paint('green', name) : name;
    const ids = n.count > 1 ? `@${n.ids[0]} …` : `@${n.id}`;
    const size = n.count > 1 ? `${formatSize(n.totalSize)} in all` : formatSize(n.selfSize);
    const retained = retainedText(n);
    const allocated = allocatedText(n);
    const facts = [size, ...(retained ? [retained] : []), ...(allocated ? [visible(allocated)] : []), ...(n.distance === undefined ? [`depth ${n.depth}`] : n.distance < 0 ? ['unreachable'] : [`distance ${n.distance}`])];
    const extra = [n.preview ? ` ${visible(n.preview)}` : '', n.inside ? ` (+${n.inside} more ${visible(n.className)} inside)` : '', n.stopped ? paint('dim', `${n.stopped.at ? ` (${n.stopped.at})` : ''} ${visible(hopsLeft(n.stopped))}`) : ''];
    return `${colored} ${ids}${extra[0]} ${paint('dim', `(${facts.join(', ')})`)}${extra[1]}${extra[2]}`;
  };
  // Depth-first with an explicit stack: a chain of a hundred thousand retainers is one line each, no recursion.
  // The biggest groups first, as the picture's budget ranks them.
  const targets = graph.nodes.filter((n) => n.role === 'target').sort((a, b) => b.count - a.count);
  for (const root of targets.length > 0 ? targets : graph.nodes.slice(0, 1)) {
    const stack: { key: string; level: number; via?: GraphEdge }[] = [{ key: root.key, level: 0 }];
    while (stack.length > 0) {
      const chunk = text.take();
      if (chunk) yield chunk;
      const { key, level, via } = stack.pop()!;
      // Indentation stops growing past MAX_INDENT levels (a number says the level), so a chain of
      // a hundred thousand retainers stays as many short lines, not a quadratic amount of spaces.
      const indent = level <= MAX_INDENT ? '   '.repeat(Math.max(0, level - 1)) : `${'   '.repeat(MAX_INDENT - 1)}[${level}] `;
      const more = moreByKey.get(key);
      const edgeText = via ? `${via.label ? visible(via.label) : `(${via.type} edge)`}${via.weak ? ' (weak)' : ''}${via.inCycle ? paint('red', ' (cycle)') : ''} ${forward ? '→' : '←'} ` : '';
      const lead = via ? `${indent}${via.onPath ? paint('blue', '└─ ') : '└─ '}` : '';
      if (more) {
        line(`${lead}${paint('dim', moreText(graph, more.count))}`);
        continue;
      }
      const n = byKey.get(key)!;
      if (shown.has(key)) {
        line(`${lead}${edgeText}${visible(n.title)} @${n.id} ${paint('dim', '(shown above)')}`);
        continue;
      }
      shown.add(key);
      line(`${lead}${edgeText}${describe(n)}`);
      const held = into.get(key) ?? [];
      for (let i = held.length - 1; i >= 0; i--) {
        const e = held[i]!;
        stack.push({ key: forward && e.type !== 'more' ? e.to : e.from, level: level + 1, via: e });
      }
    }
  }
  // An empty graph is one empty line, as before.
  if (empty) text.add('\n');
  yield text.rest();
}
