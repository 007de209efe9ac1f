import { className, nodeTitle } from '../analysis/class-names.js';
import type { ScopeUses, VariableUse } from '../analysis/scope-uses.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { preview } from '../snapshot/names.js';
import { visible, jsonText } from './escape.js';
import { formatSize } from './style.js';

/** What was asked about and its scopes, innermost first. */
export interface ScopesReport {
  readonly target: number;
  readonly scopes: readonly ScopeUses[];
}

const MAX_NAMED = 3;
/** Below this a variable kept for nothing is a row of the table, not a line of the summary: too small to be the leak. */
const CALL_OUT_BYTES = 1000;

/** A function as a reader knows it: `handler() app.js:12` (its preview), else its title. */
function fnTitle(snap: HeapSnapshot, o: number): string {
  return (snap.nodeType(o) === 'closure' && preview(snap, o)) || nodeTitle(snap, o);
}

/** Closures by name, the first few: `handler(), onTick() and 2 more`. */
function names(snap: HeapSnapshot, list: readonly number[]): string {
  const shown = list.slice(0, MAX_NAMED).map((o) => visible(fnTitle(snap, o)));
  return list.length > MAX_NAMED ? `${shown.join(', ')} and ${list.length - MAX_NAMED} more` : shown.join(', ');
}

function useText(snap: HeapSnapshot, v: VariableUse): string {
  switch (v.verdict) {
    case 'used':
      return `used by ${names(snap, v.mentionedBy)}`;
    case 'shared':
      return `used by ${names(snap, v.mentionedBy)}; also kept by ${names(snap, v.keptBy)}, which never mention${v.keptBy.length === 1 ? 's' : ''} it`;
    case 'unused':
      return `no live closure mentions it: kept by ${names(snap, v.keptBy)}`;
    case 'unreached':
      return 'no live code reaches this scope';
    case 'unknown':
      return v.mentionedBy.length > 0 ? `used by ${names(snap, v.mentionedBy)}; no source for ${names(snap, v.unknown)}` : `no source for ${names(snap, v.unknown)}`;
  }
}

/**
 * A table per scope, innermost first: each variable, what it retains (and whether the scope
 * alone keeps it), and which live closures use it. Then one line per leak: a big variable kept
 * by closures that never mention it.
 */
export function scopesText(snap: HeapSnapshot, reports: readonly ScopesReport[]): string {
  const lines: string[] = [];
  const leaks: string[] = [];
  const shownScopes = new Set<number>();
  for (const r of reports) {
    lines.push(`${visible(fnTitle(snap, r.target))} @${snap.nodeId(r.target)}: ${r.scopes.length === 0 ? 'no closure scope (not a closure, or it captures nothing)' : `${r.scopes.length} scope${r.scopes.length === 1 ? '' : 's'}, innermost first`}`);
    for (const s of r.scopes) {
      const ctx = s.scope.context;
      if (shownScopes.has(ctx)) {
        lines.push(`  scope @${snap.nodeId(ctx)}: shown above`);
        continue;
      }
      shownScopes.add(ctx);
      const users = s.users.length === 0 ? 'kept by no live closure' : `shared by ${s.users.length} live closure${s.users.length === 1 ? '' : 's'}: ${names(snap, s.users)}`;
      lines.push(`  scope @${snap.nodeId(ctx)}, ${s.variables.length} variable${s.variables.length === 1 ? '' : 's'}, ${users}`);
      if (s.variables.length === 0) continue;
      const rows = [['variable', 'retains', 'alone', 'value', 'live code'], ...s.variables.map((v) => [visible(v.name), formatSize(v.retainedSize), v.onlyThroughScope ? 'yes' : 'no', `${visible(className(snap, v.value))} @${snap.nodeId(v.value)}`, useText(snap, v)])];
      const widths = rows[0]!.map((_, c) => rows.reduce((w, row) => Math.max(w, [...row[c]!].length), 0));
      for (const row of rows) lines.push(`    ${row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`);
      for (const v of s.variables) {
        if ((v.verdict === 'unused' || v.verdict === 'shared') && v.retainedSize >= CALL_OUT_BYTES) {
          const by = names(snap, v.keptBy);
          leaks.push(
            v.verdict === 'unused'
              ? `\`${visible(v.name)}\` (${formatSize(v.retainedSize)}) in scope @${snap.nodeId(ctx)}: no live closure uses it; ${by} keep${v.keptBy.length === 1 ? 's' : ''} it alive because a sibling function that refers to it was made in the same scope`
              : `\`${visible(v.name)}\` (${formatSize(v.retainedSize)}) in scope @${snap.nodeId(ctx)}: ${by} keep${v.keptBy.length === 1 ? 's' : ''} it alive for ${names(snap, v.mentionedBy)}, without using it`,
          );
        }
      }
    }
  }
  if (leaks.length > 0) lines.push('', 'Kept alive by closures that do not use them (a closure keeps its whole scope):', ...leaks.map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

export function scopesJson(snap: HeapSnapshot, reports: readonly ScopesReport[]): string {
  const fn = (o: number) => ({ id: snap.nodeId(o), name: snap.nodeName(o), title: fnTitle(snap, o) });
  return `${jsonText(
    {
      targets: reports.map((r) => ({
        ...fn(r.target),
        class: className(snap, r.target),
        scopes: r.scopes.map((s) => ({
          id: snap.nodeId(s.scope.context),
          unusedByLiveCode: s.scope.unusedByLiveCode,
          closures: s.scope.closures.map(fn),
          users: s.users.map(fn),
          variables: s.variables.map((v) => ({
            name: v.name,
            value: { id: snap.nodeId(v.value), class: className(snap, v.value) },
            retainedSize: v.retainedSize,
            onlyThroughScope: v.onlyThroughScope,
            verdict: v.verdict,
            mentionedBy: v.mentionedBy.map((o) => snap.nodeId(o)),
            keptBy: v.keptBy.map((o) => snap.nodeId(o)),
            unknown: v.unknown.map((o) => snap.nodeId(o)),
          })),
        })),
      })),
    },
    2,
  )}\n`;
}
