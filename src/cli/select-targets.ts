import { classCounts, closestClassNames, findById, sampleByType } from '../graph/select.js';
import type { HeapSnapshot } from '../snapshot/heap-snapshot.js';
import { typeClassName } from '../snapshot/names.js';
import { cutForDisplay, visible } from '../output/escape.js';

/** A name from the snapshot on the terminal: visible, and no longer than a line. */
const shown = (name: string) => visible(cutForDisplay(name, 80));
import { CliError } from './errors.js';

export interface TargetQuery {
  readonly type: readonly string[];
  readonly id: readonly string[];
  readonly nodeType: readonly string[];
  /** Collect at most this many (all are counted). */
  readonly limit: number;
}

/** What `--node-type` selects, as a noun: `Test object`, `Test function`. */
const NOUNS: Record<string, string> = { object: 'object', closure: 'function', native: 'native object', string: 'string', array: 'internal array', hidden: 'internal object', code: 'code object', regexp: 'regexp', number: 'heap number', symbol: 'symbol', bigint: 'bigint' };

/**
 * The targets of --type and --id, with the line that says what was found. A class that matches
 * nothing is a warning while another selector found something, and the error otherwise.
 */
export function selectTargets(snap: HeapSnapshot, q: TargetQuery, file: string, warn: (line: string) => void): { targets: number[]; total: number; found: string } {
  if (q.type.length === 0 && q.id.length === 0) throw new CliError('say what to explain: --type CLASS (e.g. --type Test) or --id @ID; see backrefs --help');
  if (!(q.limit >= 1)) throw new CliError(`--max-targets ${q.limit} would explain nothing: give 1 or more`);
  const nodeTypes = q.nodeType.includes('all') ? 'all' : q.nodeType;
  const unknownType = q.nodeType.find((t) => t !== 'all' && !snap.meta.nodeTypes.includes(t));
  if (unknownType) throw new CliError(`--node-type ${shown(unknownType)} is not a node type of this snapshot (${snap.meta.nodeTypes.map(shown).join(', ')})`);
  // With one selector nothing repeats, so only the drawn targets are collected and the rest
  // counted (a heap may hold millions); with several, all are collected and de-duplicated.
  const single = q.type.length + q.id.length === 1;
  let targets: number[] = [];
  let total = 0;
  const missing: string[] = [];
  const foundNames: string[] = [];
  const foundTypes = new Set<string>();
  for (const name of q.type) {
    const { found, count, nodeType } = sampleByType(snap, name, { nodeTypes, limit: single ? q.limit : Infinity });
    if (count === 0) missing.push(notFound(snap, name, nodeTypes, file));
    else {
      foundNames.push(name);
      for (const t of nodeType ? [nodeType] : nodeTypes === 'all' ? ['all'] : nodeTypes) foundTypes.add(t);
    }
    total += count;
    // Millions of matches are common (`--type Object`): the one selector's array is kept, not copied.
    if (single) targets = found;
    else for (const t of found) targets.push(t);
  }
  const byId = findById(snap, q.id);
  for (const id of byId.missing) missing.push(`no node with id ${visible(id)} in ${visible(file)}`);
  for (const t of byId.found) targets.push(t);
  if (targets.length === 0) throw new CliError(missing.join('; '));
  for (const m of missing) warn(`warning: ${m}`);
  const unique = single ? targets : [...new Set(targets)];
  total = single ? total + byId.found.length : unique.length;
  const [only, ...others] = foundTypes;
  const noun = only === undefined || only === 'all' || others.length > 0 ? 'node' : (NOUNS[only] ?? `${only} node`);
  const plural = total === 1 ? '' : 's';
  // `Function`, `(string)`: names of a node type, which the noun says alone (`3785 functions`).
  const byTypeAlone = foundNames.length === 1 && q.id.length === 0 && typeClassName(only ?? '') === foundNames[0];
  const what = byTypeAlone ? `${noun}${plural}` : foundNames.length > 0 ? `${foundNames.map(shown).join('/')} ${noun}${plural}` : `node${plural}`;
  return { targets: unique.length > q.limit ? unique.slice(0, q.limit) : unique, total, found: `${total} ${what}` };
}

function notFound(snap: HeapSnapshot, name: string, nodeTypes: readonly string[] | 'all', file: string): string {
  const close = closestClassNames(snap, name, { nodeTypes });
  const common = close.length > 0 ? [] : mostCommon(snap, nodeTypes);
  const hint = close.length > 0 ? `; closest: ${close.map(shown).join(', ')}` : common.length > 0 ? `; most common: ${common.join(', ')}` : '; it has none of that node type';
  return `no ${nodeTypes === 'all' ? 'node' : nodeTypes.map(shown).join('/')} of class "${shown(name)}" in ${visible(file)}${hint}`;
}

function mostCommon(snap: HeapSnapshot, nodeTypes: readonly string[] | 'all'): string[] {
  return [...classCounts(snap, { nodeTypes })]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, n]) => `${shown(name)} (${n})`);
}
