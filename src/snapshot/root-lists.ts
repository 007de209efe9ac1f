import type { HeapSnapshot } from './heap-snapshot.js';

/**
 * The name to show for an edge from a synthetic root list: the slot's own name when V8 gave it
 * one (`weak_refs_keep_during_job`, `message_listeners` in `(Strong roots)`), the part after the
 * number of a numbered slot (`(Global handles)`'s `3 / DevTools console`, `(Builtins)`'
 * `12 / CallFunction`), and nothing for a bare slot number, which says nothing to a reader.
 */
export function rootEdgeLabel(snap: HeapSnapshot, _source: number, edge: number): string {
  const name = snap.edgeName(edge);
  if (typeof name === 'number') return '';
  const numbered = /^\d+ \/ (.+)$/s.exec(name);
  if (numbered) return numbered[1]!;
  return /^\d+$/.test(name) ? '' : name;
}

/**
 * Root lists that hold an object only for a moment: what the holder means, for lists whose hold
 * ends by itself (keyed by the root list's name, or by the name of its slot in `(Strong roots)`).
 * An object held only by these is not leaking; it goes when the moment passes.
 */
const TRANSIENT: Readonly<Record<string, string>> = {
  // WeakRef targets made or dereferenced in this job stay alive until it ends (ECMAScript's
  // KeepDuringJob / ClearKeptObjects), so that a deref() cannot change within one job.
  weak_refs_keep_during_job: 'kept until the current job ends',
  '(Stack roots)': 'held by code on the stack when the snapshot was taken; released when it returns',
  '(Handle scope)': 'held by native code running when the snapshot was taken; released when it returns',
  '(Relocatable)': 'held by V8 while it runs an operation; released when it ends',
  '(Micro tasks)': 'waiting in the microtask queue; released when the task runs',
};

/** Whether the root list (or `(Strong roots)` slot) `name` holds objects only for a moment. */
export function isTransientRootList(name: string): boolean {
  return Object.hasOwn(TRANSIENT, name);
}

/** What a transient root list's hold means (`kept until the current job ends`), or undefined for the others. */
export function transientRootNote(name: string): string | undefined {
  return Object.hasOwn(TRANSIENT, name) ? TRANSIENT[name] : undefined;
}
