import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';

/** The values of a node's `detachedness` field (V8's EmbedderGraph::Node::Detachedness). */
const ATTACHED = 1;
const DETACHED = 2;

const computed = new WeakMap<HeapSnapshot, Uint8Array>();
const NONE = new Uint8Array(0);

/**
 * Which embedder (`native`) nodes DevTools calls detached, and so names `Detached <div>`: those
 * the embedder marked detached, and the natives they reach that no attached native reaches first
 * (DevTools' propagateDOMState: attached state spreads first, then detached, along edges that are
 * not hidden, invisible or weak, and never through a JavaScript object). Per ordinal 2 (V8's
 * value) = detached; an empty array when no native is. Computed once per snapshot.
 */
export function detachedNatives(snap: HeapSnapshot): Uint8Array {
  let d = computed.get(snap);
  if (!d) {
    d = compute(snap);
    computed.set(snap, d);
  }
  return d;
}

export function isDetachedNative(snap: HeapSnapshot, ordinal: number): boolean {
  return detachedNatives(snap)[ordinal] === DETACHED;
}

function compute(snap: HeapSnapshot): Uint8Array {
  const { nodes, edges, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef, meta } = snap;
  const stateOff = meta.nodeOffsets.detachedness;
  if (stateOff < 0) return NONE;
  const typeOff = meta.nodeOffsets.type;
  const nativeType = meta.nodeTypes.indexOf('native');
  const skipped = new Set(['hidden', 'invisible', 'weak'].map((t) => meta.edgeTypes.indexOf(t)).filter((t) => t >= 0));
  const edgeTypeOff = meta.edgeOffsets.type;
  const toOff = meta.edgeOffsets.toNode;

  // 0 not visited, 1 attached, 2 detached, 3 visited and not a native (keeps no state).
  const state = new Uint8Array(nodeCount);
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (o: number, s: number): void => {
    if (state[o] !== 0) return;
    if (nodes[o * nf + typeOff] !== nativeType) {
      state[o] = 3;
      return;
    }
    state[o] = s;
    if (s === ATTACHED) attached.push(o);
    else if (s === DETACHED) detached.push(o);
  };
  for (let n = 0; n < nodes.length; n += nf) {
    const s = nodes[n + stateOff]!;
    if (s !== 0) visit(n / nf, s);
  }
  // Attached state only matters where it stops detached state: with no native marked detached
  // (most heaps), nothing is.
  if (detached.length === 0) return NONE;
  const spread = (o: number, s: number): void => {
    const first = snap.firstEdge(o);
    const end = first + snap.edgeCountOf(o) * ef;
    for (let e = first; e < end; e += ef) {
      if (!skipped.has(edges[e + edgeTypeOff]!)) visit(edges[e + toOff]! / nf, s);
    }
  };
  while (attached.length > 0) spread(attached.pop()!, ATTACHED);
  while (detached.length > 0) spread(detached.pop()!, DETACHED);
  return state;
}
