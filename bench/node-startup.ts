import { measure } from './measure.js';
import { median } from './stats.js';

export interface Startup {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/**
 * The wall time of `node -e 0` on this machine in this run: the floor of every row, and the unit
 * their ratios are given in, so that a table from a slower or busier machine still compares.
 */
export async function nodeStartup(runs = 7): Promise<Startup> {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(process.execPath, ['-e', '0']);
    if (!r.ok) throw new Error(`node -e 0 failed (exit ${r.code})`);
    walls.push(r.wallMs);
  }
  return { medianMs: median(walls), minMs: Math.min(...walls), maxMs: Math.max(...walls), runs };
}
