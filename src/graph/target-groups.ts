import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import type { Retainers } from './retainers.js';

/** Past this many targets held in distinct ways, the walk draws the biggest groups and counts the rest. */
export const MAX_WALKED_TARGETS = 2000;
/** A group's box lists at most this many heap ids (its count says how many there are). */
export const MAX_IDS = 10_000;

/**
 * Targets held by exactly the same objects through the same kinds of edge (elements of one array
 * count as one kind; other targets are left out, as the walk leaves them out): one walk from the
 * first of them serves them all. Raw edges only, no labels, so millions of targets cost a pass
 * over their retaining edges. Biggest groups first.
 */
export function groupTargets(snap: HeapSnapshot, targets: readonly number[], isTarget: Uint8Array, retainers: Retainers): number[][] {
  const weak = snap.meta.edgeTypes.indexOf('weak');
  const element = snap.meta.edgeTypes.indexOf('element');
  const hidden = snap.meta.edgeTypes.indexOf('hidden');
  const internal = snap.meta.edgeTypes.indexOf('internal');
  const nameOff = snap.meta.edgeOffsets.nameOrIndex;
  // Keyed by two independent 32-bit hashes of the holders, in one number (53 bits): no string a
  // target, and a collision between two different ways of holding is about 2^-53 a pair.
  const groups = new Map<number, number[]>();
  for (const t of targets) {
    let h1 = mix(0x811c9dc5, snap.nodeTypeIndex(t), snap.nodeNameIndex(t));
    let h2 = mix(0x01000193, snap.nodeNameIndex(t), snap.nodeTypeIndex(t));
    for (const edge of snap.retainingEdges(t)) {
      const type = snap.edgeTypeIndex(edge);
      if (type === weak) continue;
      const source = snap.edgeSource(edge);
      // Other targets holding it are not drawn as its holders (the walk counts it on theirs).
      if (isTarget[source] === 1) continue;
      // Containers hold what they contain through internal (or hidden) edges only.
      const owners = type === internal || type === hidden ? retainers.containerOwners(source) : [];
      // A slot of an array or of a container is a number, different for every member.
      const name = type === element || type === hidden || owners.length > 0 ? -1 : snap.edges[edge + nameOff]!;
      if (owners.length === 0) {
        h1 = mix(h1, source, type * 0x10000 + name);
        h2 = mix(h2, name, source ^ type);
      }
      for (const owner of owners) {
        h1 = mix(h1, owner, type * 0x10000 + name);
        h2 = mix(h2, name, owner ^ type);
      }
    }
    const key = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/** Folds two integers into a running 32-bit hash (FNV-style multiply, then a murmur finaliser step). */
function mix(h: number, a: number, b: number): number {
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  return h ^ (h >>> 15);
}
