import { runCli, type CliResult } from './cli.js';

/** A module loader hook that names on stderr every module the process loads, builtins too. */
const HOOK = `import { writeSync } from 'node:fs';
export async function load(url, context, next) {
  writeSync(2, 'loaded-module ' + url + '\\n');
  return next(url, context);
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;
const LINE = /^loaded-module (\S+)\n/gm;

/** Runs the CLI as a process and reports which modules it loaded (`file:` and `node:` URLs, in order), and what it printed besides. */
export async function modulesLoaded(args: readonly string[], options: { cwd?: string } = {}): Promise<{ modules: string[]; result: CliResult }> {
  const r = await runCli(args, { ...options, nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`] });
  const modules = [...r.stderr.matchAll(LINE)].map((m) => m[1]!);
  return { modules, result: { ...r, stderr: r.stderr.replace(LINE, '') } };
}
