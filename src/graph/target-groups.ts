import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import type { Retainers } from './retainers.js';

/** Past this many targets held in distinct ways, the walk draws the biggest groups and counts the rest. */
export const MAX_WALKED_TARGETS = 2000;
/** A group's box lists at most this many heap ids (its count says how many there are). */
export const MAX_IDS = 10_000;

/** Targets in groups, biggest first (ties in the order of the targets), members in the order of the targets. */
export interface TargetGroups {
  readonly count: number;
  size(group: number): number;
  first(group: number): number;
  members(group: number): number[];
}

/** Every target a group of its own. */
export function eachAlone(targets: readonly number[]): TargetGroups {
  return { count: targets.length, size: () => 1, first: (g) => targets[g]!, members: (g) => [targets[g]!] };
}

/**
 * Targets held by exactly the same objects through the same kinds of edge (elements of one array
 * count as one kind; other targets are left out, as the walk leaves them out): one walk from the
 * first of them serves them all. Raw edges only, no labels, and typed arrays throughout, so that
 * millions of targets cost a pass over the edges.
 */
export function groupTargets(
  snap: HeapSnapshot,
  targets: readonly number[],
  isTarget: Uint8Array,
  retainers: Retainers,
  /** How to find each target's holders (both give the same groups); by default by the number of targets. */
  via: 'retainer lists' | 'all edges' = targets.length * 128 < snap.edgeCount ? 'retainer lists' : 'all edges',
): TargetGroups {
  const weak = snap.meta.edgeTypes.indexOf('weak');
  const element = snap.meta.edgeTypes.indexOf('element');
  const hidden = snap.meta.edgeTypes.indexOf('hidden');
  const internal = snap.meta.edgeTypes.indexOf('internal');
  const { edges } = snap;
  const typeOff = snap.meta.edgeOffsets.type;
  const nameOff = snap.meta.edgeOffsets.nameOrIndex;
  // Two independent 32-bit hashes of each target's holders: a collision between two different
  // ways of holding is about 2^-64 a pair.
  const n = targets.length;
  const h1 = new Int32Array(n);
  const h2 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = targets[i]!;
    h1[i] = mix(0x811c9dc5, snap.nodeTypeIndex(t), snap.nodeNameIndex(t));
    h2[i] = mix(0x01000193, snap.nodeNameIndex(t), snap.nodeTypeIndex(t));
  }
  /** Folds edge `edge` from `source` into target `i`'s hashes; edges must come in edge order. */
  const fold = (i: number, source: number, edge: number): void => {
    const type = edges[edge + typeOff]!;
    // Other targets holding it are not drawn as its holders (the walk counts it on theirs).
    if (type === weak || isTarget[source] === 1) return;
    // Containers hold what they contain through internal (or hidden) edges only.
    const owners = type === internal || type === hidden ? retainers.containerOwners(source) : NONE;
    // A slot of an array or of a container is a number, different for every member.
    const name = type === element || type === hidden || owners.length > 0 ? -1 : edges[edge + nameOff]!;
    if (owners.length === 0) {
      h1[i] = mix(h1[i]!, source, type * 0x10000 + name);
      h2[i] = mix(h2[i]!, name, source ^ type);
    }
    for (const owner of owners) {
      h1[i] = mix(h1[i]!, owner, type * 0x10000 + name);
      h2[i] = mix(h2[i]!, name, owner ^ type);
    }
  };
  // A few targets: up their retainer lists. Many: one pass over all edges, which finds each
  // edge's owner for free where the lists would search for it.
  if (via === 'retainer lists') {
    for (let i = 0; i < n; i++) for (const edge of snap.retainingEdges(targets[i]!)) fold(i, snap.edgeSource(edge), edge);
  } else {
    for (const [i, same] of foldEveryEdge(snap, targets, isTarget, fold)) {
      h1[i] = h1[same]!;
      h2[i] = h2[same]!;
    }
  }
  return groupsByKey(targets, h1, h2);
}

const NONE: readonly number[] = [];

/**
 * Calls `fold` for every edge into a target from a node that is not one, in edge order. Returns
 * the targets listed more than once: [index, index of its first listing, which got the edges].
 */
function foldEveryEdge(snap: HeapSnapshot, targets: readonly number[], isTarget: Uint8Array, fold: (i: number, source: number, edge: number) => void): [number, number][] {
  const { nodes, edges, nodeCount, nodeFieldCount: nf, edgeFieldCount: ef } = snap;
  const edgeCountOff = snap.meta.nodeOffsets.edgeCount;
  const toOff = snap.meta.edgeOffsets.toNode;
  // Per ordinal, 1 + its first index in `targets` (0: not a target).
  const rank = new Uint32Array(nodeCount);
  const again: [number, number][] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (rank[t] === 0) rank[t] = i + 1;
    else again.push([i, rank[t]! - 1]);
  }
  for (let o = 0, e = 0; o < nodeCount; o++) {
    const end = e + nodes[o * nf + edgeCountOff]! * ef;
    if (isTarget[o] === 1) {
      e = end;
      continue;
    }
    for (; e < end; e += ef) {
      const r = rank[(edges[e + toOff]! / nf) | 0]!;
      if (r !== 0) fold(r - 1, o, e);
    }
  }
  return again;
}

/** Targets with equal hash pairs in one group: an open-addressing table of typed arrays, then a counting sort by size. */
function groupsByKey(targets: readonly number[], h1: Int32Array, h2: Int32Array): TargetGroups {
  const n = targets.length;
  let cap = 1;
  while (cap < 2 * n) cap *= 2;
  const slots = new Int32Array(cap).fill(-1);
  const key1 = new Int32Array(n);
  const key2 = new Int32Array(n);
  const sizes = new Int32Array(n);
  const groupOf = new Int32Array(n);
  let count = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const k1 = h1[i]!;
    const k2 = h2[i]!;
    let s = mix(k1, k2, 0) & (cap - 1);
    for (;;) {
      const g = slots[s]!;
      if (g === -1) {
        slots[s] = count;
        key1[count] = k1;
        key2[count] = k2;
        groupOf[i] = count++;
        break;
      }
      if (key1[g] === k1 && key2[g] === k2) {
        groupOf[i] = g;
        break;
      }
      s = (s + 1) & (cap - 1);
    }
    largest = Math.max(largest, ++sizes[groupOf[i]!]!);
  }
  // Biggest first, ties in the order first seen: where each size's groups start, largest size first.
  const sizeStart = new Int32Array(largest + 1);
  for (let g = 0; g < count; g++) sizeStart[sizes[g]!]!++;
  for (let s = largest, at = 0; s >= 1; s--) {
    const c = sizeStart[s]!;
    sizeStart[s] = at;
    at += c;
  }
  const place = new Int32Array(count);
  for (let g = 0; g < count; g++) place[g] = sizeStart[sizes[g]!]!++;
  // Members by group, in that order.
  const start = new Int32Array(count + 1);
  for (let g = 0; g < count; g++) start[place[g]! + 1] = sizes[g]!;
  for (let j = 0; j < count; j++) start[j + 1] += start[j]!;
  const fill = start.slice(0, count);
  const list = new Uint32Array(n);
  for (let i = 0; i < n; i++) list[fill[place[groupOf[i]!]!]!++] = targets[i]!;
  return {
    count,
    size: (j) => start[j + 1]! - start[j]!,
    first: (j) => list[start[j]!]!,
    members: (j) => Array.from(list.subarray(start[j]!, start[j + 1]!)),
  };
}

/** Folds two integers into a running 32-bit hash (FNV-style multiply, then a murmur finaliser step). */
function mix(h: number, a: number, b: number): number {
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  return h ^ (h >>> 15);
}
