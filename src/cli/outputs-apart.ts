import { resolve } from 'node:path';
import { STDIO, text } from './args.js';
import type { Command } from './command.js';
import { CliError } from './errors.js';
import { newestSnapshot } from './find-snapshot.js';
import { sameFile } from './write.js';

/** Options that name a file a command writes. */
const OUTPUTS = ['output', 'save'] as const;
/** Options that name a snapshot a command reads, besides its positionals. */
const INPUTS = ['since'] as const;

/**
 * Refuses, before anything is read, a run that would write over a snapshot it reads (`-o` or
 * `--save` naming OLD, NEW, `--since`'s file, or the snapshot picked as the newest in the folder)
 * or write two outputs to one file: the input would be gone whatever else went right.
 */
export function checkOutputsApart(command: Command, args: Readonly<Record<string, unknown>>, cwd: string): void {
  const outputs = OUTPUTS.flatMap((name) => {
    const path = text(args, name);
    return path === undefined || path === '-' || path === '' ? [] : [{ flag: name === 'output' ? '-o' : `--${name}`, path }];
  });
  if (outputs.length === 0) return;
  const named = [...command.positionals.map((p) => p.name), ...INPUTS].flatMap((name) => args[name] ?? []);
  const inputs = named.map(String).filter((path) => path !== STDIO && path !== '');
  if (command.positionals.some((p) => p.name === 'snapshot') && args['snapshot'] === undefined && args['script'] === undefined) {
    try {
      inputs.push(newestSnapshot(cwd));
    } catch {
      // None there: the command says so itself, in its own words.
    }
  }
  for (const [i, out] of outputs.entries()) {
    const clash = inputs.find((input) => sameFile(resolve(cwd, input), resolve(cwd, out.path)));
    if (clash !== undefined) throw new CliError(`${out.flag} ${out.path} names the snapshot being read (${clash}); choose another output file`);
    const twice = outputs.slice(i + 1).find((other) => sameFile(resolve(cwd, other.path), resolve(cwd, out.path)));
    if (twice) throw new CliError(`${out.flag} and ${twice.flag} both name ${out.path}: one would overwrite the other`);
  }
}
