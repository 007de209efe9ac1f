import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { dominatorTree } from './dominators.js';

/** A variable a scope holds for its closures (a `context` edge of V8's `system / Context`). */
export interface CapturedVariable {
  readonly name: string;
  /** the value's ordinal */
  readonly value: number;
  /** the value's retained size: what would go with it */
  readonly retainedSize: number;
  /** whether the scope dominates the value: true when nothing but this scope keeps it, so it goes with the scope */
  readonly onlyThroughScope: boolean;
}

export interface ClosureScope {
  /** the `system / Context` node */
  readonly context: number;
  readonly variables: readonly CapturedVariable[];
  /** closures whose scope this is (their `context` edge points here) */
  readonly closures: readonly number[];
  /** other holders through a `context` edge (generator and async function objects suspended in it) */
  readonly otherUsers: readonly number[];
  /** scopes nested in this one (their `previous` edge points here) */
  readonly innerScopes: readonly number[];
  /**
   * True when no live closure, suspended function or nested scope can reach this scope's
   * variables: the scope is kept alive by something else (a debugger, a cache of scopes, a
   * host object), and none of its variables is used by anything alive.
   */
  readonly unusedByLiveCode: boolean;
  /** the enclosing scope (`previous`), or -1 */
  readonly outer: number;
}

/**
 * The scope of a closure (or a `system / Context` node given directly) and its outer scopes,
 * innermost first, with what each captured variable retains.
 *
 * What the snapshot can tell about use: V8 puts a variable in a scope's context only when some
 * function nested in that scope refers to it, and all closures created in one scope share that
 * one context. So a big value captured for one closure stays alive as long as any sibling does
 * (the classic closure leak), but the snapshot does not record which variables each function
 * refers to: backrefs lists the sibling closures that keep the scope (with their source
 * positions) and marks a variable unused only when no live closure, suspended function or
 * nested scope reaches the scope at all.
 */
export function closureScopes(snap: HeapSnapshot, ordinal: number): ClosureScope[] {
  let context = isContext(snap, ordinal) ? ordinal : edgeTo(snap, ordinal, 'context');
  const out: ClosureScope[] = [];
  const seen = new Set<number>();
  while (context !== -1 && !seen.has(context) && isContext(snap, context)) {
    seen.add(context);
    const scope = describe(snap, context);
    out.push(scope);
    context = scope.outer;
  }
  return out;
}

function describe(snap: HeapSnapshot, context: number): ClosureScope {
  const { dominator, retainedSize } = dominatorTree(snap);
  const contextEdge = snap.meta.edgeTypes.indexOf('context');
  const variables: CapturedVariable[] = [];
  const first = snap.firstEdge(context);
  for (let e = first; e < first + snap.edgeCountOf(context) * snap.edgeFieldCount; e += snap.edgeFieldCount) {
    if (snap.edgeTypeIndex(e) !== contextEdge) continue;
    const value = snap.edgeTarget(e);
    variables.push({ name: String(snap.edgeName(e)), value, retainedSize: retainedSize[value]!, onlyThroughScope: dominates(dominator, context, value) });
  }
  const closures: number[] = [];
  const otherUsers: number[] = [];
  const innerScopes: number[] = [];
  for (const e of snap.retainingEdges(context)) {
    const from = snap.edgeSource(e);
    const name = snap.edgeName(e);
    if (name === 'context') (snap.nodeType(from) === 'closure' ? closures : otherUsers).push(from);
    else if (name === 'previous' && isContext(snap, from)) innerScopes.push(from);
  }
  return {
    context,
    variables,
    closures,
    otherUsers,
    innerScopes,
    unusedByLiveCode: closures.length === 0 && otherUsers.length === 0 && liveCodeIn(snap, innerScopes, new Set([context])).length === 0,
    outer: edgeTo(snap, context, 'previous'),
  };
}

/**
 * The closures and suspended functions that hold one of `contexts` or a scope nested in them
 * (through `previous`), in the order met; scopes in `seen` are not entered.
 */
export function liveCodeIn(snap: HeapSnapshot, contexts: readonly number[], seen: Set<number>): number[] {
  const users: number[] = [];
  const stack = [...contexts];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    for (const e of snap.retainingEdges(c)) {
      const name = snap.edgeName(e);
      const from = snap.edgeSource(e);
      if (name === 'context') users.push(from);
      else if (name === 'previous' && isContext(snap, from)) stack.push(from);
    }
  }
  return users;
}

/** V8 names a function or block scope's context `system / Context` (an object node in Node 20, hidden in older V8); the global one is `system / NativeContext`. */
function isContext(snap: HeapSnapshot, ordinal: number): boolean {
  return snap.nodeName(ordinal) === 'system / Context';
}

/** The target of the node's first internal edge named `name`, or -1. */
function edgeTo(snap: HeapSnapshot, ordinal: number, name: string): number {
  const first = snap.firstEdge(ordinal);
  for (let e = first; e < first + snap.edgeCountOf(ordinal) * snap.edgeFieldCount; e += snap.edgeFieldCount) {
    if (snap.edgeName(e) === name && snap.edgeType(e) === 'internal') return snap.edgeTarget(e);
  }
  return -1;
}

function dominates(dominator: Uint32Array, a: number, b: number): boolean {
  for (let o = b; ; ) {
    const d = dominator[o]!;
    if (d === a) return true;
    if (d === o) return false;
    o = d;
  }
}
