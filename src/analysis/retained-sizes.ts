import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { baseClassName } from '../snapshot/names.js';
import { className } from './class-names.js';
import { dominatedNodes } from './dominated.js';
import { dominatorTree } from './dominators.js';
import { ROOT } from './essential-edges.js';

/** Every node's retained size in bytes, per ordinal (DevTools' numbers; computed on first use). */
export function retainedSizes(snap: HeapSnapshot): Float64Array {
  return dominatorTree(snap).retainedSize;
}

/** What would be freed with the node: its shallow size and that of everything it dominates. */
export function retainedSize(snap: HeapSnapshot, ordinal: number): number {
  return dominatorTree(snap).retainedSize[ordinal]!;
}

/** The node's self size as DevTools shows it (V8's internal backing stores counted in their owner). */
export function shallowSize(snap: HeapSnapshot, ordinal: number): number {
  return dominatorTree(snap).shallowSize[ordinal]!;
}

/** The immediate dominator's ordinal (the root's is the root). */
export function dominatorOf(snap: HeapSnapshot, ordinal: number): number {
  return dominatorTree(snap).dominator[ordinal]!;
}

/**
 * The dominators of a node from the root down, ending with the node itself: the objects that
 * each alone keep it alive (take any one away and it goes).
 */
export function dominatorChain(snap: HeapSnapshot, ordinal: number): number[] {
  const { dominator } = dominatorTree(snap);
  const chain = [ordinal];
  for (let o = ordinal; o !== ROOT; ) {
    o = dominator[o]!;
    chain.push(o);
  }
  return chain.reverse();
}

/**
 * What would be freed with each set of nodes at once: the retained sizes of the members that no
 * other member of the same set dominates (a member below another is already in that one's
 * size), as DevTools' Summary counts a class. Each member's dominator chain is climbed until it
 * meets a member, a node already answered, or the root, and every node passed keeps the answer,
 * so a set costs the nodes its chains cover, not the sum of the chains. One scratch array a
 * snapshot, cleared by what was touched, serves all the sets.
 */
export function retainedSizesOfSets(snap: HeapSnapshot, sets: readonly (readonly number[])[]): number[] {
  const { dominator, retainedSize } = dominatorTree(snap);
  const MEMBER = 1;
  const BELOW = 2; // a member is above it
  const FREE = 3; // no member above it
  const state = new Uint8Array(snap.nodeCount);
  const touched: number[] = [];
  const path: number[] = [];
  return sets.map((set) => {
    if (set.length === 1) return retainedSize[set[0]!]!;
    for (const m of set) {
      state[m] = MEMBER;
      touched.push(m);
    }
    let total = 0;
    for (const m of set) {
      let answer = FREE;
      for (let o = m; o !== ROOT; ) {
        o = dominator[o]!;
        const s = state[o]!;
        if (s !== 0) {
          answer = s === FREE ? FREE : BELOW;
          break;
        }
        if (o === ROOT) break;
        path.push(o);
      }
      for (const p of path) {
        state[p] = answer;
        touched.push(p);
      }
      path.length = 0;
      // A member listed twice is counted once.
      if (answer === FREE && state[m] === MEMBER) {
        total += retainedSize[m]!;
        state[m] = BELOW;
      }
    }
    for (const t of touched) state[t] = 0;
    touched.length = 0;
    return total;
  });
}

/** Per class: what DevTools' Summary shows in its Count, Shallow Size and Retained Size columns. */
export interface ClassSizes {
  /** instances with a non-zero shallow size (DevTools leaves the others out of the Summary) */
  count: number;
  shallow: number;
  /** retained by the instances that no other instance of the class dominates: nothing is counted twice */
  retained: number;
}

export interface ClassRetainedOptions {
  /** Group by this name instead (a string per node: slower). */
  classOf?: (ordinal: number) => string;
  /**
   * false: plain objects all `Object` and natives never `Detached …` (baseClassName, the names
   * typeStats counts by), with no pass over shapes or detachedness. Default true: DevTools' names.
   */
  shapes?: boolean;
}

/**
 * Totals per class name (className(): DevTools' Summary names, node for node), as
 * DevTools' aggregates count them: a class's retained size sums the instances that have no
 * dominator of the same class, so a linked list of 1,000 nodes retains what its head retains,
 * not 1,000 times the tail. One walk down the dominator tree, keeping a count of each class's
 * instances on the path. `classOf` groups by another name (a string per node: slower).
 */
export function classRetainedSizes(snap: HeapSnapshot, options: ClassRetainedOptions = {}): Map<string, ClassSizes> {
  const { retainedSize, shallowSize } = dominatorTree(snap);
  const { first, nodes: children } = dominatedNodes(snap);
  const { slotOf, names } = options.classOf ? slotsBy(snap, options.classOf) : classSlots(snap, options.shapes ?? true);
  const sizes = names.map((): ClassSizes => ({ count: 0, shallow: 0, retained: 0 }));
  const count = snap.nodeCount;
  for (let o = 0; o < count; o++) {
    if (shallowSize[o] === 0) continue;
    const s = sizes[slotOf[o]!]!;
    s.count++;
    s.shallow += shallowSize[o]!;
  }
  if (count === 0) return collect(names, sizes);
  const onPath = new Uint32Array(names.length);
  // Depth-first, each node pushed once; a counted instance with children is pushed again, marked
  // by the top bit (ordinals stay below 2^31), to be taken off the path when its subtree is done.
  const EXIT = 0x80000000;
  const stack = new Uint32Array(2 * count);
  let top = 0;
  stack[top++] = ROOT;
  while (top > 0) {
    const item = stack[--top]!;
    if (item >= EXIT) {
      onPath[slotOf[item - EXIT]!]!--;
      continue;
    }
    const slot = slotOf[item]!;
    const from = first[item]!;
    const to = first[item + 1]!;
    if (onPath[slot] === 0 && shallowSize[item] !== 0) {
      sizes[slot]!.retained += retainedSize[item]!;
      if (from !== to) {
        onPath[slot]!++;
        stack[top++] = item + EXIT;
      }
    }
    for (let i = from; i < to; i++) stack[top++] = children[i]!;
  }
  return collect(names, sizes);
}

function collect(names: readonly string[], sizes: readonly ClassSizes[]): Map<string, ClassSizes> {
  const byName = new Map<string, ClassSizes>();
  names.forEach((name, i) => {
    const s = sizes[i]!;
    if (s.count === 0 && s.retained === 0) return;
    const seen = byName.get(name);
    if (seen) {
      seen.count += s.count;
      seen.shallow += s.shallow;
      seen.retained += s.retained;
    } else byName.set(name, s);
  });
  return byName;
}

/**
 * A class number per node without a string per node: objects and native nodes by their name's
 * string index (names are unique in the string table), the rest by node type. Different string
 * indices can still give one class name (`(closure)` for every closure); those share a slot.
 */
function classSlots(snap: HeapSnapshot, shapes: boolean): { slotOf: Uint32Array; names: string[] } {
  const { nodes, nodeCount, nodeFieldCount: nf, meta } = snap;
  const typeOff = meta.nodeOffsets.type;
  const nameOff = meta.nodeOffsets.name;
  const named = new Set(['object', 'native'].map((t) => meta.nodeTypes.indexOf(t)).filter((t) => t >= 0));
  // Plain objects are named by their shape and natives may be `Detached …`: those are named one by one.
  const objectType = meta.nodeTypes.indexOf('object');
  const nativeType = meta.nodeTypes.indexOf('native');
  const plain = new Set(snap.strings.indicesOf('Object'));
  const byType = new Int32Array(meta.nodeTypes.length).fill(-1);
  const byName = new Int32Array(snap.strings.count).fill(-1);
  const slotByLabel = new Map<string, number>();
  const names: string[] = [];
  const slotOf = new Uint32Array(nodeCount);
  const nameOf = shapes ? className : baseClassName;
  const slotFor = (o: number): number => {
    const label = nameOf(snap, o);
    let slot = slotByLabel.get(label);
    if (slot === undefined) {
      slot = names.length;
      names.push(label);
      slotByLabel.set(label, slot);
    }
    return slot;
  };
  for (let o = 0; o < nodeCount; o++) {
    const type = nodes[o * nf + typeOff]!;
    if (shapes && (type === nativeType || (type === objectType && plain.has(nodes[o * nf + nameOff]!)))) {
      slotOf[o] = slotFor(o);
    } else if (named.has(type)) {
      const name = nodes[o * nf + nameOff]!;
      if (byName[name] === -1) byName[name] = slotFor(o);
      slotOf[o] = byName[name]!;
    } else {
      if (byType[type] === -1) byType[type] = slotFor(o);
      slotOf[o] = byType[type]!;
    }
  }
  return { slotOf, names };
}

function slotsBy(snap: HeapSnapshot, classOf: (ordinal: number) => string): { slotOf: Uint32Array; names: string[] } {
  const slotOf = new Uint32Array(snap.nodeCount);
  const slots = new Map<string, number>();
  const names: string[] = [];
  for (let o = 0; o < snap.nodeCount; o++) {
    const name = classOf(o);
    let slot = slots.get(name);
    if (slot === undefined) {
      slot = names.length;
      names.push(name);
      slots.set(name, slot);
    }
    slotOf[o] = slot;
  }
  return { slotOf, names };
}

/**
 * The `limit` nodes with the largest retained sizes, largest first, leaving out the root and
 * synthetic nodes (`(GC roots)` and its groups retain everything and say nothing) and whatever
 * `skip` refuses. One pass, keeping the best `limit` in a small sorted list.
 */
export function largestRetained(snap: HeapSnapshot, limit: number, skip?: (ordinal: number) => boolean): number[] {
  const { retainedSize } = dominatorTree(snap);
  const synthetic = snap.meta.nodeTypes.indexOf('synthetic');
  const best: number[] = [];
  if (limit <= 0) return best;
  for (let o = 0; o < snap.nodeCount; o++) {
    const size = retainedSize[o]!;
    if (best.length === limit && size <= retainedSize[best[limit - 1]!]!) continue;
    if (o === ROOT || snap.nodeTypeIndex(o) === synthetic || (skip && skip(o))) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && retainedSize[best[at - 1]!]! < size) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = o;
  }
  return best;
}
