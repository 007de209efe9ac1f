import type { HeapSnapshot } from './heap-snapshot.js';

// How root lists name what they hold lives in its own file; it is part of naming.
export { rootEdgeLabel, isTransientRootList, transientRootNote } from './root-lists.js';

/**
 * A node's class as DevTools names it before it looks at shapes (JSHeapSnapshot's
 * calculateObjectNames): the constructor name for objects and natives (a DOM name such as
 * `<div id="a">` cut to `<div>`), `Function`, `RegExp`, `(system)`, `(compiled code)`, and a
 * parenthesised type for the rest. Plain objects are `Object` here; their shape name (`{foo, bar}`)
 * needs a pass over the whole heap, which this layer does not run: src/analysis/class-names.ts
 * adds it, so the reader never depends on the analyses built on it.
 */
export function baseClassName(snap: HeapSnapshot, ordinal: number): string {
  return typeClassName(snap.nodeType(ordinal)) ?? tagClassName(snap.nodeName(ordinal));
}

/**
 * The class DevTools' Summary gives every node of a type whose nodes have no class names of their
 * own: `Function` for closures, `(system)`, `(compiled code)`, `(string)`, ...; undefined for
 * objects and natives, named one by one.
 */
export function typeClassName(type: string): string | undefined {
  switch (type) {
    case 'object':
    case 'native':
      return undefined;
    case 'hidden':
      return '(system)';
    case 'code':
      return '(compiled code)';
    case 'closure':
      return 'Function';
    case 'regexp':
      return 'RegExp';
    default:
      return `(${type})`;
  }
}

/** DevTools names DOM wrappers by their tag alone: `<div id="a">` is a `<div>`, `Detached <div id="a">` a `Detached <div>`. */
export function tagClassName(name: string): string {
  const from = name.startsWith('<') ? 0 : name.startsWith('Detached <') ? 10 : -1;
  if (from === -1) return name;
  const space = name.indexOf(' ', from);
  return space === -1 ? name : `${name.slice(0, space)}>`;
}

/** The first line of a node's box: what a JavaScript developer would call the thing. */
export function title(snap: HeapSnapshot, ordinal: number): string {
  const type = snap.nodeType(ordinal);
  const name = snap.nodeName(ordinal);
  switch (type) {
    case 'object':
    case 'native':
    case 'hidden':
    case 'array':
      return name === '' ? `(${type})` : name;
    case 'synthetic':
      return name === '' ? '(root)' : name;
    case 'closure':
      return 'Function';
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return 'string';
    default:
      return type;
  }
}

const PREVIEW_CHARS = 40;

/** A short second line: string content, array length, function name and place. Empty when nothing helps. */
export function preview(snap: HeapSnapshot, ordinal: number): string {
  const type = snap.nodeType(ordinal);
  switch (type) {
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return quote(snap.nodeName(ordinal));
    case 'closure': {
      const name = snap.nodeName(ordinal) || '(anonymous)';
      const where = functionPlace(snap, ordinal);
      return where ? `${name}() ${where}` : `${name}()`;
    }
    case 'object': {
      const name = snap.nodeName(ordinal);
      if (name === 'Array') return plural(countEdges(snap, ordinal, 'element'), 'item');
      if (isScopeName(name)) return scopeVariables(snap, ordinal);
      return tellingProperty(snap, ordinal);
    }
    case 'number':
    case 'regexp':
    case 'symbol':
    case 'bigint':
      return truncate(snap.nodeName(ordinal));
    default:
      return '';
  }
}

/**
 * `file.js:12` for a closure. The script is reached through shared → script (V8 before ~2020)
 * or shared → script_or_debug_info; a Script node is named after its file.
 */
export function functionPlace(snap: HeapSnapshot, ordinal: number): string {
  const loc = snap.location(ordinal);
  if (!loc) return '';
  const shared = edgeTo(snap, ordinal, 'shared');
  let script = shared === -1 ? -1 : edgeTo(snap, shared, 'script_or_debug_info');
  if (script === -1 && shared !== -1) script = edgeTo(snap, shared, 'script');
  let file = script === -1 ? '' : snap.nodeName(script);
  if (script !== -1 && (file === '' || file.startsWith('system /'))) {
    const nameNode = edgeTo(snap, script, 'name');
    file = nameNode === -1 ? '' : snap.nodeName(nameNode);
  }
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return `${base || `script ${loc.scriptId}`}:${loc.line + 1}`;
}

/** The target of the first edge of `ordinal` named `name`, or -1. */
export function edgeTo(snap: HeapSnapshot, ordinal: number, name: string): number {
  const start = snap.firstEdge(ordinal);
  const end = start + snap.edgeCountOf(ordinal) * snap.edgeFieldCount;
  for (let e = start; e < end; e += snap.edgeFieldCount) {
    if (snap.edgeName(e) === name) return snap.edgeTarget(e);
  }
  return -1;
}

export function countEdges(snap: HeapSnapshot, ordinal: number, type: string): number {
  const typeIndex = snap.meta.edgeTypes.indexOf(type);
  const start = snap.firstEdge(ordinal);
  const end = start + snap.edgeCountOf(ordinal) * snap.edgeFieldCount;
  let n = 0;
  for (let e = start; e < end; e += snap.edgeFieldCount) if (snap.edgeTypeIndex(e) === typeIndex) n++;
  return n;
}

/**
 * A closure scope: `system / Context` in V8 up to now, `system / Context / scope @N` where newer
 * builds name each scope (the N says which). `system / ContextSidePropertyCell` is not one.
 */
export function isScopeName(name: string): boolean {
  return name === 'system / Context' || name.startsWith('system / Context / ');
}

/**
 * Property names that say what a plain data object is, most telling first: an AST node's `type`
 * (acorn, Babel, ESTree), a TypeScript node's `kind`, a record's `name`, a request's `url` and
 * `method`, an `id` or `key`.
 */
const TELLING = ['type', 'kind', 'name', 'url', 'method', 'id', 'key'];
/** Only the first edges are read: V8 writes an object's named properties first, and a preview must stay cheap on a million nodes. */
const TELLING_EDGES = 64;
const TELLING_CHARS = 32;

/**
 * `type: "Identifier"`: the first property of TELLING the object has among its first
 * TELLING_EDGES edges whose value V8 recorded as a short string or a heap number; empty otherwise
 * (small integers have no node, so `id: 7` is often not in the snapshot).
 */
function tellingProperty(snap: HeapSnapshot, ordinal: number): string {
  const propertyType = snap.meta.edgeTypes.indexOf('property');
  const ef = snap.edgeFieldCount;
  const start = snap.firstEdge(ordinal);
  const end = start + Math.min(snap.edgeCountOf(ordinal), TELLING_EDGES) * ef;
  let best = TELLING.length;
  let value = '';
  for (let e = start; e < end; e += ef) {
    if (snap.edgeTypeIndex(e) !== propertyType) continue;
    const rank = TELLING.indexOf(String(snap.edgeName(e)));
    if (rank === -1 || rank >= best) continue;
    const target = snap.edgeTarget(e);
    const type = snap.nodeType(target);
    const text = snap.nodeName(target);
    if (type === 'string' || type === 'sliced string') {
      if (text.length > TELLING_CHARS) continue;
      value = quote(text);
    } else if (type === 'number') {
      value = text;
    } else continue;
    best = rank;
    if (rank === 0) break;
  }
  return best === TELLING.length ? '' : truncate(`${TELLING[best]}: ${value}`);
}

/** A closure scope's variables (its `context` edges), which say which function's scope it is. */
function scopeVariables(snap: HeapSnapshot, ordinal: number): string {
  const contextType = snap.meta.edgeTypes.indexOf('context');
  const names: string[] = [];
  const start = snap.firstEdge(ordinal);
  const end = start + snap.edgeCountOf(ordinal) * snap.edgeFieldCount;
  for (let e = start; e < end; e += snap.edgeFieldCount) {
    if (snap.edgeTypeIndex(e) === contextType) names.push(String(snap.edgeName(e)));
  }
  if (names.length === 0) return '';
  return truncate(`scope: ${names.slice(0, 4).join(', ')}${names.length > 4 ? `, +${names.length - 4}` : ''}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quote(s: string): string {
  return `"${truncate(s)}"`;
}

export function truncate(s: string, max = PREVIEW_CHARS): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
