import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';

/** How much memory a load may take, and where that figure comes from (for the message). */
export interface MemoryLimit {
  readonly bytes: number;
  readonly source: string;
}

/** Set to a size (`512M`, `2G`, bytes) to fix the budget: for tests, and for machines that misreport. */
export const MEMORY_LIMIT_ENV = 'BACKREFS_MEMORY_LIMIT';

/**
 * The memory this process can still take: the smaller of the machine's available memory
 * (MemAvailable, what os.freemem() reads) and what the process's cgroup (v2 memory.max, v1
 * memory.limit_in_bytes; the container's limit) has left. The snapshot's arrays live outside the V8
 * heap (typed arrays), so V8's own heap limit does not bound them and is not counted here.
 */
export function memoryLimit(env: NodeJS.ProcessEnv = process.env): MemoryLimit {
  const fixed = env[MEMORY_LIMIT_ENV];
  if (fixed !== undefined && fixed !== '') {
    const bytes = parseSize(fixed);
    if (bytes !== undefined) return { bytes, source: `${MEMORY_LIMIT_ENV}=${fixed}` };
  }
  let best: MemoryLimit = { bytes: freemem(), source: 'free memory' };
  const cgroup = cgroupRoom();
  if (cgroup && cgroup.bytes < best.bytes) best = cgroup;
  return best;
}

/** `2G`, `512m`, `1.5GB`, `1048576`: bytes, or undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (!m) return undefined;
  const scale = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * scale);
}

/** V1 writes "no limit" as a huge page-aligned number; anything past this is no limit. */
const UNLIMITED = 2 ** 60;

/** Room left under the tightest cgroup memory limit on this process's path, if any applies. */
function cgroupRoom(): MemoryLimit | undefined {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3);
  const v1 = lines.find((l) => l.split(':')[1]?.split(',').includes('memory'))?.split(':')[2];
  const found: MemoryLimit[] = [];
  // Inside a container the mount is the container's own cgroup, and the path names the host's:
  // look both under the path and at the mount's root.
  for (const root of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    for (const dir of v2 === undefined ? [] : ancestors(root, v2)) {
      const room = roomIn(join(dir, 'memory.max'), join(dir, 'memory.current'), 'cgroup memory.max');
      if (room) found.push(room);
    }
  }
  for (const dir of v1 === undefined ? [] : ancestors('/sys/fs/cgroup/memory', v1)) {
    const room = roomIn(join(dir, 'memory.limit_in_bytes'), join(dir, 'memory.usage_in_bytes'), 'cgroup memory.limit_in_bytes');
    if (room) found.push(room);
  }
  return found.sort((a, b) => a.bytes - b.bytes)[0];
}

function ancestors(root: string, path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  const dirs = [root];
  for (let i = 1; i <= parts.length; i++) dirs.push(join(root, ...parts.slice(0, i)));
  return dirs;
}

function roomIn(limitFile: string, usageFile: string, what: string): MemoryLimit | undefined {
  const limit = readNumber(limitFile);
  if (limit === undefined || limit >= UNLIMITED) return undefined;
  const used = readNumber(usageFile) ?? 0;
  return { bytes: Math.max(0, limit - used), source: `${what} ${formatBytes(limit)}, ${formatBytes(used)} in use` };
}

function readNumber(file: string): number | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(0)} MB`;
  return `${Math.ceil(n / 2 ** 10)} KB`;
}
