import { parseWeakMapEdge } from '../analysis/ephemerons.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { edgeTo, isScopeName } from '../snapshot/names.js';

/**
 * The default view's noise rules, in one place. Each answers a question about one node or edge;
 * retainers.ts applies them. See docs/noise-rules.md for why each exists.
 */

/** Nodes whose outgoing edges are V8 plumbing (memlab's and DevTools' block lists, plus maps). */
const PLUMBING_SOURCES = new Set([
  'system / NativeContext',
  '(map descriptors)',
  'system / SourcePositionTableWithFrameCache',
  'system / Map',
  'system / DescriptorArray',
  'system / FeedbackVector',
  'system / FeedbackCell',
  'system / ClosureFeedbackCellArray',
]);
const PLUMBING_SOURCE_TYPES = new Set(['code', 'object shape']);
/** Internal edge names that never explain why an object is alive to a JavaScript developer. */
const PLUMBING_EDGES = new Set(['feedback_cell', 'sloppy_function_map', 'map', 'feedback_vector', 'code', 'part of key -> value pair in ephemeron table']);

/**
 * Whether an edge from `source` is plumbing that the default view drops. That includes the
 * prototype links every object has (`__proto__`, and a prototype's `constructor` pointing back
 * at its class): true references, but they make every instance look like part of a cycle with
 * its class, and never are the reason something leaks.
 */
export function isPlumbing(snap: HeapSnapshot, source: number, edge: number): boolean {
  return noiseNames(snap).isPlumbing(source, edge);
}

/**
 * The forward view's side of the same rule: a node whose own edges are plumbing (code, maps,
 * descriptor arrays, feedback, the native context) is not drawn as something an object holds.
 * Its bytes still count in the holder's retained size.
 */
export function isPlumbingNode(snap: HeapSnapshot, ordinal: number): boolean {
  return PLUMBING_SOURCE_TYPES.has(snap.nodeType(ordinal)) || PLUMBING_SOURCES.has(snap.nodeName(ordinal));
}

/**
 * `undefined`, `null`, `true`, `false` and the hole: V8's immortal constants, which every field
 * set to one of them points at. Holding one holds nothing, so the forward view leaves them out.
 */
export function isOddball(snap: HeapSnapshot, ordinal: number): boolean {
  return snap.nodeName(ordinal) === 'system / Oddball';
}

/** Values whose edges say nothing to a JavaScript developer: drawn as leaves in the forward view. */
const LEAF_TYPES = new Set(['string', 'concatenated string', 'sliced string', 'number', 'heap number', 'bigint', 'symbol']);

export function isLeafValue(snap: HeapSnapshot, ordinal: number): boolean {
  return LEAF_TYPES.has(snap.nodeType(ordinal));
}

/**
 * Containers V8 puts between an object and what it holds: the elements and properties backing
 * stores, hash tables of Map/Set/WeakMap, and the PropertyCell between a global and a global
 * variable's value. Their edges are drawn from the owner instead (see `hopOwners`).
 */
const HOP_NAMES = new Set(['(object elements)', '(object properties)', 'system / PropertyArray', 'system / PropertyCell']);
/** Internal edge names by which an owner holds such a container. */
export const HOP_EDGES = new Set(['elements', 'properties', 'table']);

export function isHopByName(snap: HeapSnapshot, ordinal: number): boolean {
  return noiseNames(snap).isHopByName(ordinal);
}

// What each string of a snapshot is to the rules above, one byte a string: KNOWN once looked at.
const KNOWN = 1;
const HOP_NAME = 2;
const HOP_EDGE = 4;
const PLUMBING_SOURCE = 8;
const PLUMBING_EDGE = 16;
const PROTO = 32;
const CONSTRUCTOR = 64;
const WEAK_MAP_ENTRY = 128;
/** The names the rules on edge names look for: HOP_EDGE, PLUMBING_EDGE, PROTO and CONSTRUCTOR. */
const EDGE_NAMES = ['__proto__', 'constructor', ...HOP_EDGES, ...PLUMBING_EDGES];
/** Edge names decoded one by one before they are looked up in the string table instead (at least; a sixteenth of the strings for big tables). */
const FIND_EDGE_NAMES_AFTER = 50_000;

function nameFlags(name: string): number {
  return (
    KNOWN |
    (HOP_NAMES.has(name) ? HOP_NAME : 0) |
    (HOP_EDGES.has(name) ? HOP_EDGE : 0) |
    (PLUMBING_SOURCES.has(name) ? PLUMBING_SOURCE : 0) |
    (PLUMBING_EDGES.has(name) ? PLUMBING_EDGE : 0) |
    (name === '__proto__' ? PROTO : 0) |
    (name === 'constructor' ? CONSTRUCTOR : 0) |
    (weakMapKeyId(name) !== undefined ? WEAK_MAP_ENTRY : 0)
  );
}

/**
 * The rules above asked by string index, not by string: a walk asks them for every edge into
 * every node it meets (a million for an object held by a million others), and decoding the
 * same few names each time was most of its cost. Each string is decoded once per snapshot, the
 * first time a rule needs it.
 */
export class NoiseNames {
  private readonly flags: Uint8Array;
  private readonly plumbingSourceType: Uint8Array;
  private readonly closureType: Uint8Array;
  private readonly propertyType: Uint8Array;
  private readonly internalOrHidden: Uint8Array;
  private readonly internalType: number;
  private readonly elementType: number;
  private readonly hiddenType: number;
  /** Edge names decoded so far for the rules on edge names, until `edgeNamesFound`. */
  private edgeNameLookups = 0;
  /** Every string one of EDGE_NAMES is known: an unknown edge name is none of them. */
  private edgeNamesFound = false;

  constructor(private readonly snap: HeapSnapshot) {
    this.flags = new Uint8Array(snap.strings.count);
    const { nodeTypes, edgeTypes } = snap.meta;
    this.plumbingSourceType = Uint8Array.from(nodeTypes, (t) => (PLUMBING_SOURCE_TYPES.has(t) ? 1 : 0));
    this.closureType = Uint8Array.from(nodeTypes, (t) => (t === 'closure' ? 1 : 0));
    this.propertyType = Uint8Array.from(edgeTypes, (t) => (t === 'property' ? 1 : 0));
    this.internalOrHidden = Uint8Array.from(edgeTypes, (t) => (t === 'internal' || t === 'hidden' ? 1 : 0));
    this.internalType = edgeTypes.indexOf('internal');
    // The edge types whose name field is a number, as HeapSnapshot.edgeName reads them.
    this.elementType = edgeTypes.indexOf('element');
    this.hiddenType = edgeTypes.indexOf('hidden');
  }

  private flagsOf(index: number): number {
    let f = this.flags[index]!;
    if (f === 0) this.flags[index] = f = nameFlags(this.snap.strings.get(index));
    return f;
  }

  /** The flags of an edge's name as the rules on edge names (EDGE_FLAGS) read them; 0 for the edges named by a number. */
  private edgeNameFlags(edge: number, type: number): number {
    if (type === this.elementType || type === this.hiddenType) return 0;
    const index = this.snap.edges[edge + this.snap.meta.edgeOffsets.nameOrIndex]!;
    if (this.flags[index] === 0) {
      if (this.edgeNamesFound) return 0;
      // Backing stores and hash tables name their slots by number, with a string for each number
      // up to the longest array: past many of those, finding the few names once costs less.
      if (++this.edgeNameLookups > Math.max(FIND_EDGE_NAMES_AFTER, this.flags.length >> 4)) {
        for (const name of EDGE_NAMES) for (const i of this.snap.strings.indicesOf(name)) this.flagsOf(i);
        this.edgeNamesFound = true;
        return this.flags[index]!;
      }
    }
    return this.flagsOf(index);
  }

  /** `isPlumbing`, by index. */
  isPlumbing(source: number, edge: number): boolean {
    const { snap } = this;
    if (this.plumbingSourceType[snap.nodeTypeIndex(source)] === 1) return true;
    const type = snap.edgeTypeIndex(edge);
    const name = this.edgeNameFlags(edge, type);
    if ((name & PROTO) !== 0) return true;
    if ((name & CONSTRUCTOR) !== 0 && this.propertyType[type] === 1 && this.closureType[snap.nodeTypeIndex(snap.edgeTarget(edge))] === 1) return true;
    if ((this.flagsOf(snap.nodeNameIndex(source)) & PLUMBING_SOURCE) !== 0) return true;
    if (this.internalOrHidden[type] !== 1) return false;
    return (name & PLUMBING_EDGE) !== 0;
  }

  /** `isHopByName`, by index. */
  isHopByName(ordinal: number): boolean {
    return (this.flagsOf(this.snap.nodeNameIndex(ordinal)) & HOP_NAME) !== 0;
  }

  /** Whether `edge`'s name is a WeakMap entry's (`weakMapKeyId` finds a key in it). */
  isWeakMapEntry(edge: number): boolean {
    const type = this.snap.edgeTypeIndex(edge);
    // Not among EDGE_NAMES, so looked at string by string.
    if (type === this.elementType || type === this.hiddenType) return false;
    return (this.flagsOf(this.snap.edges[edge + this.snap.meta.edgeOffsets.nameOrIndex]!) & WEAK_MAP_ENTRY) !== 0;
  }

  /** Whether `edge` is an internal edge by which an owner holds a container (one of HOP_EDGES). */
  isHopEdge(edge: number): boolean {
    const type = this.snap.edgeTypeIndex(edge);
    return type === this.internalType && (this.edgeNameFlags(edge, type) & HOP_EDGE) !== 0;
  }
}

const namesOf = new WeakMap<HeapSnapshot, NoiseNames>();

/** The snapshot's NoiseNames, made once and shared by every walk over it. */
export function noiseNames(snap: HeapSnapshot): NoiseNames {
  let names = namesOf.get(snap);
  if (!names) namesOf.set(snap, (names = new NoiseNames(snap)));
  return names;
}

/** Synthetic nodes (the root, `(GC roots)`, `(Stack roots)`, ...): drawn, never walked through. */
export function isRoot(snap: HeapSnapshot, ordinal: number): boolean {
  return ordinal === 0 || snap.nodeType(ordinal) === 'synthetic';
}

/**
 * Global objects (`global` in Node, `Window` in browsers): V8 links each from the root with a
 * shortcut edge. Drawn like objgraph draws modules: distinct, not expanded.
 */
export function globalObjects(snap: HeapSnapshot): Set<number> {
  const globals = new Set<number>();
  const shortcut = snap.meta.edgeTypes.indexOf('shortcut');
  const end = snap.nodeCount > 0 ? snap.edgeCountOf(0) * snap.edgeFieldCount : 0;
  for (let e = 0; e < end; e += snap.edgeFieldCount) {
    if (snap.edgeTypeIndex(e) === shortcut) globals.add(snap.edgeTarget(e));
  }
  return globals;
}

/**
 * Where the default view stops besides roots and globals, as objgraph stops at modules: Node's
 * CommonJS `Module` records (they hold every module's exports and children, so walking through
 * them pulls in the loader) and `process`. Chrome's and d8's `global [JSGlobalObject]` counts as
 * a global object even where the root has no shortcut edge to it.
 */
export function isStopNode(snap: HeapSnapshot, ordinal: number): boolean {
  if (looksGlobal(snap, ordinal)) return true;
  if (snap.nodeType(ordinal) === 'closure') return isBuiltinFunction(snap, ordinal);
  if (snap.nodeType(ordinal) !== 'object') return false;
  const name = snap.nodeName(ordinal);
  if (name === 'process') return true;
  return name === 'Module' && edgeTo(snap, ordinal, 'filename') !== -1 && edgeTo(snap, ordinal, 'exports') !== -1;
}

/**
 * A function of Node's own built-in modules (its script is `node:timers`, `node:internal/…`; before
 * Node 16, `internal/…`): a user can change nothing above it, and its module's scope is shared by
 * dozens of Node's functions, each a parallel path toward the roots. Drawn, not walked through:
 * "held by setTimeout() node:timers" is the answer.
 */
export function isBuiltinFunction(snap: HeapSnapshot, ordinal: number): boolean {
  const shared = edgeTo(snap, ordinal, 'shared');
  if (shared === -1) return false;
  let script = edgeTo(snap, shared, 'script_or_debug_info');
  if (script === -1) script = edgeTo(snap, shared, 'script');
  if (script === -1) return false;
  let file = snap.nodeName(script);
  if (file === '' || file.startsWith('system /')) {
    const name = edgeTo(snap, script, 'name');
    file = name === -1 ? '' : snap.nodeName(name);
  }
  return file.startsWith('node:') || file.startsWith('internal/');
}

/**
 * A module's own scope: a closure scope whose `previous` is the native context, made once by an
 * anonymous top-level function (a CommonJS module's wrapper, an ES module, a Node built-in). Its
 * variables are the module-level `const`s and `let`s that hold most leaks; it lives as long as its
 * module, so the default view draws it green and stops there, like objgraph at a module.
 */
export function isModuleScope(snap: HeapSnapshot, ordinal: number): boolean {
  if (snap.nodeType(ordinal) !== 'object') return false;
  if (!isScopeName(snap.nodeName(ordinal))) return false;
  const previous = edgeTo(snap, ordinal, 'previous');
  if (previous === -1 || snap.nodeName(previous) !== 'system / NativeContext') return false;
  // When the module itself captures nothing, other scopes hang off the native context too: a
  // top-level function's (`makeStore`) and a top-level loop's block scope, once per iteration.
  // The ScopeInfo tells them apart: among the names it lists is the function's, empty for a
  // module's (a CommonJS wrapper, an ES module, a Node built-in); a block has none, and a
  // variable cannot be named ''. And a module's code runs once, so its ScopeInfo made one scope.
  const scopeInfo = edgeTo(snap, ordinal, 'scope_info');
  return scopeInfo === -1 || (namesAnonymous(snap, scopeInfo) !== false && !madeTwice(snap, scopeInfo));
}

/** Whether a ScopeInfo lists the empty name; undefined where it lists no names at all (older V8: nothing to tell by). */
function namesAnonymous(snap: HeapSnapshot, scopeInfo: number): boolean | undefined {
  let names = 0;
  const first = snap.firstEdge(scopeInfo);
  for (let e = first, end = first + snap.edgeCountOf(scopeInfo) * snap.edgeFieldCount; e < end; e += snap.edgeFieldCount) {
    const target = snap.edgeTarget(e);
    if (snap.nodeType(target) !== 'string') continue;
    if (snap.nodeName(target) === '') return true;
    names++;
  }
  return names === 0 ? undefined : false;
}

/** Whether two scopes point at this ScopeInfo (functions point at it too, by other edges or from other nodes). */
function madeTwice(snap: HeapSnapshot, scopeInfo: number): boolean {
  const { lastRetainer, previousRetainer } = snap.retainerLists;
  let scopes = 0;
  for (let k = lastRetainer[scopeInfo]!; k !== 0; k = previousRetainer[k - 1]!) {
    const edge = (k - 1) * snap.edgeFieldCount;
    if (snap.edgeName(edge) !== 'scope_info') continue;
    if (isScopeName(snap.nodeName(snap.edgeSource(edge))) && ++scopes === 2) return true;
  }
  return false;
}

export function looksGlobal(snap: HeapSnapshot, ordinal: number): boolean {
  if (snap.nodeType(ordinal) !== 'object') return false;
  const name = snap.nodeName(ordinal);
  return name === 'global' || name.startsWith('Window') || name.startsWith('global /') || name.startsWith('global [');
}

/** The key's heap id when `name` is a WeakMap entry's edge name, else undefined. */
export function weakMapKeyId(name: string | number): number | undefined {
  return typeof name === 'string' ? parseWeakMapEdge(name)?.keyId : undefined;
}
