import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { className } from '../snapshot/names.js';
import { HOP_EDGES, isHopByName, isPlumbing, weakMapKeyId } from './noise.js';

/** One way a node is held: by `source` through `edge` (an index into `snapshot.edges`). */
export interface Retainer {
  readonly source: number;
  readonly edge: number;
  readonly label: string;
  readonly weak: boolean;
  readonly collapsed: boolean;
}

export interface RetainerView {
  /** Every edge as V8 recorded it. */
  readonly raw: boolean;
  /** Weak edges too (always in raw). */
  readonly includeWeak: boolean;
}

/** How many containers deep a collapse may go: PropertyCell ← (object properties) ← global is two. */
const MAX_HOPS = 3;

/**
 * The retainers of `ordinal` in the chosen view. The default view drops weak edges, self edges and
 * plumbing, and draws what a backing store or PropertyCell holds as held by its owner, skipping
 * it entirely when the owner already has a direct edge (V8 records the same fact twice).
 */
export function retainersOf(snap: HeapSnapshot, ordinal: number, view: RetainerView): Retainer[] {
  const weakType = snap.meta.edgeTypes.indexOf('weak');
  const direct: Retainer[] = [];
  const viaHops: Retainer[] = [];
  // Owners that hold the node by a property, element or variable edge of their own, drawn or not:
  // a backing store's edge to the same node repeats that fact.
  const heldDirectly = new Set<number>();
  const internalType = snap.meta.edgeTypes.indexOf('internal');
  const hiddenType = snap.meta.edgeTypes.indexOf('hidden');
  for (const edge of snap.retainingEdges(ordinal)) {
    const source = snap.edgeSource(edge);
    const typeIndex = snap.edgeTypeIndex(edge);
    const weak = typeIndex === weakType;
    if (!weak && typeIndex !== internalType && typeIndex !== hiddenType) heldDirectly.add(source);
    if (view.raw) {
      direct.push({ source, edge, label: edgeLabel(snap, source, edge, true), weak, collapsed: false });
      continue;
    }
    if ((weak && !view.includeWeak) || source === ordinal || isPlumbing(snap, source, edge)) continue;
    if (!weak) {
      const owners = hopOwners(snap, source, 1);
      if (owners.length > 0) {
        for (const owner of owners) {
          if (owner !== ordinal) viaHops.push({ source: owner, edge, label: collapsedLabel(snap, owner, source, edge), weak, collapsed: true });
        }
        continue;
      }
    }
    direct.push({ source, edge, label: edgeLabel(snap, source, edge, false), weak, collapsed: false });
  }
  if (view.raw) return direct;
  const seen = new Set(direct.map((d) => `${d.source}\0${d.label}`));
  for (const h of viaHops) {
    const key = `${h.source}\0${h.label}`;
    if (heldDirectly.has(h.source) || seen.has(key)) continue;
    seen.add(key);
    direct.push(h);
  }
  return direct;
}

/** The objects that hold `ordinal` through an internal `elements`, `properties` or `table` edge. */
function hopEdgeOwners(snap: HeapSnapshot, ordinal: number): number[] {
  const internal = snap.meta.edgeTypes.indexOf('internal');
  const owners: number[] = [];
  for (const edge of snap.retainingEdges(ordinal)) {
    if (snap.edgeTypeIndex(edge) !== internal) continue;
    const name = snap.edgeName(edge);
    if (typeof name === 'string' && HOP_EDGES.has(name)) owners.push(snap.edgeSource(edge));
  }
  return owners;
}

/**
 * When `node` is a container (a backing store, hash table or PropertyCell: held by one of those
 * edges, or named as such), the objects it belongs to, through up to MAX_HOPS nested containers;
 * otherwise none.
 */
function hopOwners(snap: HeapSnapshot, node: number, depth: number): number[] {
  const owners = hopEdgeOwners(snap, node);
  if (owners.length > 0 || depth >= MAX_HOPS || !isHopByName(snap, node)) return owners;
  // A PropertyCell or a properties store held some other way: look one container further up.
  const weakType = snap.meta.edgeTypes.indexOf('weak');
  for (const edge of snap.retainingEdges(node)) {
    const source = snap.edgeSource(edge);
    if (snap.edgeTypeIndex(edge) === weakType || !isHopByName(snap, source)) continue;
    owners.push(...hopOwners(snap, source, depth + 1));
  }
  return owners;
}

/** How `source` holds the node through `edge`: property and variable names, `[index]`, V8's internal name. */
export function edgeLabel(snap: HeapSnapshot, source: number, edge: number, raw: boolean): string {
  const type = snap.edgeType(edge);
  const name = snap.edgeName(edge);
  if (raw) return typeof name === 'number' ? `${type} [${name}]` : `${type} ${name}`;
  switch (type) {
    case 'element':
      return `[${name}]`;
    case 'hidden':
      return '';
    case 'internal': {
      const key = weakMapKeyId(name);
      if (key !== undefined) return 'value of this key in a WeakMap';
      // Slots of root lists and numbered internal slots say nothing to a reader.
      if (snap.nodeType(source) === 'synthetic' || /^\d+$/.test(String(name))) return '';
      return String(name);
    }
    default:
      return String(name);
  }
}

function collapsedLabel(snap: HeapSnapshot, owner: number, hop: number, edge: number): string {
  const name = snap.edgeName(edge);
  const key = weakMapKeyId(name);
  if (key !== undefined) return `WeakMap value for key @${key}`;
  const ownerClass = className(snap, owner);
  if (ownerClass === 'Map' || ownerClass === 'Set') return `in ${ownerClass}`;
  if (snap.nodeName(hop) === '(object elements)' || snap.edgeType(edge) === 'element') return `[${name}]`;
  if (snap.nodeName(hop) === 'system / PropertyCell') return 'global variable';
  return /^\d+$/.test(String(name)) ? 'property' : String(name);
}
