import type { GraphEdge } from './types.js';

/**
 * Marks the edges that lie on a reference cycle of the drawn graph: both ends in one strongly
 * connected component (Tarjan's algorithm, iterative so deep graphs cannot overflow the stack).
 */
export function markCycles(edges: GraphEdge[]): void {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (e.from === e.to) continue;
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  const sizes: number[] = [];

  for (const start of out.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
      }
      const next = out.get(v) ?? [];
      if (i < next.length) {
        frame[1] = i + 1;
        const w = next[i]!;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        let size = 0;
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          component.set(w, components);
          size++;
          if (w === v) break;
        }
        sizes.push(size);
        components++;
      }
    }
  }
  for (const e of edges) {
    const c = component.get(e.from);
    e.inCycle = c !== undefined && c === component.get(e.to) && sizes[c]! > 1;
  }
}
