import { spawnSync } from 'node:child_process';
import { freemem } from 'node:os';

/** Left untouched, for the page cache and everything else. */
const SPARE = 2 * 2 ** 30;
/** The most any tool here takes, as a multiple of the file it reads (DevTools' loader and memlab: about 4x). */
const MOST_PER_FILE_BYTE = 6;
const CHUNK = 256 * 2 ** 20;

export interface Warmed {
  readonly bytes: number;
  readonly ms: number;
}

/**
 * Writes pages of the machine's free memory once (as many as the biggest input could make a tool
 * use), in a child process, before anything is
 * timed. On the VMs measured here the first write to a page the guest has never used costs a
 * fault in the host as well: a 44 MB typed array took 110 ms to fill right after a 1.2 GB load,
 * 15 ms once the memory had been used before, so the first runs after boot measured the VM, not
 * the tool, and the order of the tools decided who paid. Once written, freed pages stay cheap.
 */
export function warmMemory(biggestInput: number): Warmed {
  const wanted = Math.min(freemem() - SPARE, MOST_PER_FILE_BYTE * biggestInput);
  const bytes = Math.max(0, Math.ceil(wanted / CHUNK) * CHUNK);
  const t0 = performance.now();
  if (bytes > 0) {
    // Each chunk is kept until the end: a freed one would hand its warm pages to the next.
    const script = `const kept = []; for (let left = ${bytes}; left > 0; left -= ${CHUNK}) kept.push(Buffer.alloc(${CHUNK}, 1));`;
    spawnSync(process.execPath, ['--max-old-space-size=256', '-e', script], { stdio: 'ignore' });
  }
  return { bytes, ms: performance.now() - t0 };
}
