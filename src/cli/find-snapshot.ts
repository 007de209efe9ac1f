import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.js';

/** The newest `*.heapsnapshot` (or `.heapsnapshot.gz`) in `dir`, for running with no SNAPSHOT. */
export function newestSnapshot(dir: string): string {
  let best: { path: string; mtime: number } | undefined;
  for (const name of readdirSync(dir)) {
    if (!/\.heapsnapshot(\.gz)?$/.test(name)) continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isFile() && (!best || st.mtimeMs > best.mtime)) best = { path: name, mtime: st.mtimeMs };
  }
  if (!best) {
    throw new CliError(
      `no SNAPSHOT given and no *.heapsnapshot in ${dir}. Make one with \`node --heapsnapshot-signal=SIGUSR2 app.js\` then \`kill -USR2 <pid>\`, ` +
        'with `require("v8").writeHeapSnapshot()` in the program, or from Chrome DevTools (Memory > Take snapshot > Save)',
    );
  }
  return best.path;
}
