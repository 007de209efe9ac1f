import { parseWeakMapEdge } from '../analysis/ephemerons.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { edgeTo } from '../snapshot/names.js';

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
  if (PLUMBING_SOURCE_TYPES.has(snap.nodeType(source))) return true;
  const name = snap.edgeName(edge);
  if (name === '__proto__' || (name === 'constructor' && snap.edgeType(edge) === 'property' && snap.nodeType(snap.edgeTarget(edge)) === 'closure')) return true;
  if (PLUMBING_SOURCES.has(snap.nodeName(source))) return true;
  // Only V8's own edges: a user's property may well be called `map` or `code`.
  const type = snap.edgeType(edge);
  if (type !== 'internal' && type !== 'hidden') return false;
  return typeof name === 'string' && PLUMBING_EDGES.has(name);
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
  return HOP_NAMES.has(snap.nodeName(ordinal));
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
 * A module's own scope: a closure scope whose `previous` is the native context, i.e. the scope of
 * a top-level function (a CommonJS module's wrapper, an ES module, a script's function). Its
 * variables are the module-level `const`s and `let`s that hold most leaks; it lives as long as its
 * module, so the default view draws it green and stops there, like objgraph at a module.
 */
export function isModuleScope(snap: HeapSnapshot, ordinal: number): boolean {
  if (snap.nodeType(ordinal) !== 'object') return false;
  const name = snap.nodeName(ordinal);
  if (name !== 'system / Context' && !name.startsWith('system / Context / ')) return false;
  const previous = edgeTo(snap, ordinal, 'previous');
  return previous !== -1 && snap.nodeName(previous) === 'system / NativeContext';
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
