import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Input } from './inputs.js';
import { measure } from './measure.js';
import { backrefsCli, backrefsReader, memlabLoad, REPO, type Tool } from './tools.js';

interface Counts {
  nodes: number;
  edges: number;
  objects: number;
  retainers: number;
}

/** Node, edge, target-class and target-retainer counts must be the same through backrefs' reader and memlab's. */
export async function countsAgree(input: Input): Promise<string> {
  const ours = await counts(backrefsReader, input);
  const theirs = await counts(memlabLoad, input);
  if (typeof ours === 'string' || typeof theirs === 'string') return `FAIL counts on ${input.label}: ${typeof ours === 'string' ? ours : theirs}`;
  const keys = ['nodes', 'edges', 'objects', 'retainers'] as const;
  const differ = keys.filter((k) => ours[k] !== theirs[k]);
  const what = `${ours.nodes} nodes, ${ours.edges} edges, ${ours.objects} ${input.target} objects with ${ours.retainers} retaining edges`;
  return differ.length === 0
    ? `ok: ${input.label}: backrefs and memlab agree: ${what}`
    : `FAIL counts on ${input.label}: ${differ.map((k) => `${k} backrefs ${ours[k]} memlab ${theirs[k]}`).join('; ')}`;
}

async function counts(tool: Tool, input: Input): Promise<Counts | string> {
  const inv = tool.invocation(input, '');
  const r = await measure(inv.cmd, [...inv.args, input.target], { cwd: inv.cwd });
  if (!r.ok) return `${tool.name} failed: ${lastLine(r.stderr)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Counts;
}

const FAST_PATH_ENV = 'BACKREFS_NO_FAST_PATH';

/** The DOT drawn must not change when fast paths are switched off, once the CLI has such a switch. */
export async function fastPathsAgree(input: Input): Promise<string> {
  if (!sourceMentions(join(REPO, 'src'), FAST_PATH_ENV)) return `skipped: no ${FAST_PATH_ENV} switch in src/ yet, so there is no slow path to compare the DOT with`;
  const outputs: string[] = [];
  for (const [name, env] of [['fast', {}], ['slow', { [FAST_PATH_ENV]: '1' }]] as const) {
    const outName = `backrefs-bench-${name}.dot`;
    const inv = backrefsCli.invocation(input, outName);
    const r = await measure(inv.cmd, inv.args, { cwd: inv.cwd, env: { ...process.env, ...env } });
    if (!r.ok) return `FAIL fast paths on ${input.label}: the CLI failed (${name}): ${lastLine(r.stderr)}`;
    outputs.push(readFileSync(join(inv.cwd, outName), 'utf8'));
  }
  return outputs[0] === outputs[1]
    ? `ok: ${input.label}: the DOT is byte-identical with and without ${FAST_PATH_ENV}=1 (${outputs[0]!.length} bytes)`
    : `FAIL fast paths on ${input.label}: the DOT differs with ${FAST_PATH_ENV}=1`;
}

function sourceMentions(dir: string, text: string): boolean {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory() ? sourceMentions(p, text) : p.endsWith('.ts') && readFileSync(p, 'utf8').includes(text)) return true;
  }
  return false;
}

/** The line of a child's stderr that says what went wrong: Node ends a crash with its version. */
export function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() && !/^Node\.js v/.test(l) && !/^\s+at /.test(l));
  const error = lines.filter((l) => /error/i.test(l)).pop();
  return (error ?? lines.pop() ?? '').trim().slice(0, 200);
}
