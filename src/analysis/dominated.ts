import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { dominatorTree } from './dominators.js';
import { ROOT } from './essential-edges.js';

/** The dominator tree downwards: the nodes each node immediately dominates. */
export interface DominatedNodes {
  /** Node `o`'s children are `nodes[first[o] .. first[o + 1])`, ordinals. */
  readonly first: Uint32Array;
  readonly nodes: Uint32Array;
}

const computed = new WeakMap<HeapSnapshot, DominatedNodes>();

/** Built by counting sort over the dominator array, once per snapshot, when a pass walks the tree down. */
export function dominatedNodes(snap: HeapSnapshot): DominatedNodes {
  let d = computed.get(snap);
  if (!d) {
    d = build(snap);
    computed.set(snap, d);
  }
  return d;
}

function build(snap: HeapSnapshot): DominatedNodes {
  const { dominator } = dominatorTree(snap);
  const count = snap.nodeCount;
  const first = new Uint32Array(count + 1);
  const nodes = new Uint32Array(Math.max(count - 1, 0));
  for (let o = 0; o < count; o++) if (o !== ROOT) first[dominator[o]!]++;
  // Prefix sums shifted by one: first[o] ends up where o's children start.
  let at = 0;
  for (let o = 0; o < count; o++) {
    const c = first[o]!;
    first[o] = at;
    at += c;
  }
  first[count] = at;
  const fill = first.slice(0, count);
  for (let o = 0; o < count; o++) if (o !== ROOT) nodes[fill[dominator[o]!]!++] = o;
  return { first, nodes };
}
