import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullSource, sameSource } from '../../analysis/function-source.js';
import { text, texts, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { reportSetup } from '../report-setup.js';

/** Closure scopes: what a function captures, what each variable retains, and who uses it. */
export const command: Command = {
  name: 'scopes',
  positionals: [{ name: 'snapshot', describe: 'the heap snapshot (.heapsnapshot, .heapsnapshot.gz, - for stdin); default: the newest here' }],
  options: {
    type: { alias: 't', type: 'string', array: true, default: [], describe: 'function name to explain (repeatable): handler, onTick' },
    id: { type: 'string', array: true, default: [], describe: 'heap id of a closure or of a scope (system / Context), @123 or 123 (repeatable)' },
    'node-type': { type: 'string', array: true, default: ['closure'], describe: 'node types --type matches (default closure: functions by name)' },
    'max-targets': { type: 'number', default: 10, describe: 'explain at most this many matches (all are counted)' },
    output: { alias: 'o', type: 'string', describe: 'write to FILE (.txt or .json); - for stdout' },
    format: { alias: 'f', choices: ['text', 'json'], describe: 'output format (default: from the -o extension)' },
    timings: { type: 'boolean', default: false, describe: 'print how long each phase took, on stderr' },
  },
  examples: [
    ['backrefs scopes app.heapsnapshot --type handler', 'what handler captures, and which variables it keeps for other closures'],
    ['backrefs scopes app.heapsnapshot --id @4321 -o scopes.json', 'one closure or scope, as JSON'],
  ],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const [{ loadForCli }, { summaryStream, writeOutput }, { selectTargets }] = await Promise.all([import('../load.js'), import('../write.js'), import('../select-targets.js')]);
  const { note, clock, output, format } = reportSetup(args, io, 'scopes');
  const { snap, name } = await loadForCli(text(args, 'snapshot'), io, note);
  clock('load');
  const { targets, found } = selectTargets(snap, { type: texts(args, 'type'), id: texts(args, 'id'), nodeType: texts(args, 'node-type'), limit: wholeNumber(args, 'max-targets') ?? 10 }, name, note);
  const { closureScopes } = await import('../../analysis/closure-scopes.js');
  const { scopeUses } = await import('../../analysis/scope-uses.js');
  const full = wholeSourceFromDisk((await import('../../analysis/function-source.js')).sameSource);
  const reports = targets.map((t) => ({ target: t, scopes: closureScopes(snap, t).map((s) => scopeUses(snap, s, full)) }));
  clock('scopes');
  const { scopesText, scopesJson } = await import('../../output/scopes-text.js');
  const data = format === 'json' ? scopesJson(snap, reports) : scopesText(snap, reports);
  await writeOutput(io, output === undefined ? undefined : resolve(io.cwd, output), data);
  note(found);
  if (output !== undefined) summaryStream(io, output).write(`Scopes written to ${output}\n`);
  clock('write');
}

/**
 * V8 writes only the first 1024 characters of a script into the snapshot. When the script is a
 * file here (a path or file: URL) whose text starts the same and has the length the snapshot
 * gives its source, the rest is read from it; otherwise a function past the cut stays unknown.
 * Only the verdicts use the file: none of its text is printed.
 */
function wholeSourceFromDisk(same: typeof sameSource): FullSource {
  const cache = new Map<string, string | undefined>();
  return (script) => {
    if (cache.has(script.name)) return cache.get(script.name);
    let text: string | undefined;
    try {
      const path = script.name.startsWith('file:') ? fileURLToPath(script.name) : script.name;
      // Bigger than any string V8 would hold as source: not the script.
      if (path.startsWith('/') && statSync(path).size < 1 << 28) {
        const whole = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
        if (same(script, whole)) text = whole;
      }
    } catch {
      text = undefined;
    }
    cache.set(script.name, text);
    return text;
  };
}
