import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { SCENARIO_NODE, tempDir } from './scenarios.js';

/** Snapshots a scenario script writes as `<prefix>-base`, `-target`, `-final`, made once per name in a child process. */
export interface Series {
  readonly base: string;
  readonly target: string;
  readonly final: string;
}

const made = new Map<string, Promise<Series>>();

export function series(script: string, name = script): Promise<Series> {
  let p = made.get(name);
  if (!p) {
    p = run(script, join(tempDir(), name));
    made.set(name, p);
  }
  return p;
}

function run(script: string, prefix: string): Promise<Series> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCENARIO_NODE, [join(REPO_ROOT, 'test/scenarios', script), prefix], { cwd: tempDir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const s = { base: `${prefix}-base`, target: `${prefix}-target`, final: `${prefix}-final` };
      if (code === 0 && existsSync(s.final)) resolve(s);
      else reject(new Error(`${script} exited with ${code}: ${stderr}`));
    });
  });
}
