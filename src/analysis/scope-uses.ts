import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { liveCodeIn, type CapturedVariable, type ClosureScope } from './closure-scopes.js';
import { functionSource, type FullSource } from './function-source.js';

/**
 * What the live code of a scope does with each variable, as far as the snapshot tells. V8 puts a
 * variable in a scope's context only when some function nested in that scope refers to it, and
 * every closure made in the scope shares that one context: so each live closure keeps every
 * variable alive, used or not. Which of them refer to a variable the snapshot does not record,
 * but it carries the scripts' source: a closure whose source text does not mention the name does
 * not use it (see functionSource for why the text read is never too short).
 */
export type Verdict =
  /** every live closure of the scope mentions it */
  | 'used'
  /** some mention it; others keep it alive without mentioning it */
  | 'shared'
  /** no live closure mentions it: the function that did is gone, or never ran */
  | 'unused'
  /** no live closure, suspended function or nested scope reaches the scope at all */
  | 'unreached'
  /** the snapshot lacks the source of some closure that does not otherwise settle it */
  | 'unknown';

export interface VariableUse extends CapturedVariable {
  /** live closures (of this scope or of scopes nested in it) whose source mentions the name */
  readonly mentionedBy: readonly number[];
  /** live closures whose source does not mention it: they keep it alive without using it */
  readonly keptBy: readonly number[];
  /** live closures or suspended functions the snapshot gives no source for */
  readonly unknown: readonly number[];
  readonly verdict: Verdict;
}

export interface ScopeUses {
  readonly scope: ClosureScope;
  /** the live code that keeps the scope: its closures and those of the scopes nested in it */
  readonly users: readonly number[];
  /** biggest retained size first */
  readonly variables: readonly VariableUse[];
}

/** `full`: where a script's whole source may come from when the snapshot cut it (see functionSource). */
export function scopeUses(snap: HeapSnapshot, scope: ClosureScope, full?: FullSource): ScopeUses {
  const users = liveUsers(snap, scope);
  const texts = users.map((u) => (snap.nodeType(u) === 'closure' ? functionSource(snap, u, full) : undefined));
  const variables = scope.variables.map((v): VariableUse => {
    const mentionedBy: number[] = [];
    const keptBy: number[] = [];
    const unknown: number[] = [];
    const word = new RegExp(`(?<![\\w$])${escapeRegex(v.name)}(?![\\w$])`);
    users.forEach((u, i) => {
      const text = texts[i];
      if (text === undefined) unknown.push(u);
      // Direct eval can read any variable in scope.
      else if (word.test(text) || /(?<![\w$.])eval\s*\(/.test(text)) mentionedBy.push(u);
      else keptBy.push(u);
    });
    return { ...v, mentionedBy, keptBy, unknown, verdict: verdictOf(scope, mentionedBy, keptBy, unknown) };
  });
  variables.sort((a, b) => b.retainedSize - a.retainedSize);
  return { scope, users, variables };
}

function verdictOf(scope: ClosureScope, mentionedBy: readonly number[], keptBy: readonly number[], unknown: readonly number[]): Verdict {
  if (scope.unusedByLiveCode) return 'unreached';
  if (mentionedBy.length > 0) return keptBy.length > 0 ? 'shared' : unknown.length > 0 ? 'unknown' : 'used';
  return unknown.length > 0 ? 'unknown' : 'unused';
}

/** The scope's closures and suspended functions, then those of every scope nested in it (through `previous`). */
function liveUsers(snap: HeapSnapshot, scope: ClosureScope): number[] {
  return [...new Set([...scope.closures, ...scope.otherUsers, ...liveCodeIn(snap, scope.innerScopes, new Set([scope.context]))])];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
