import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';

/** What Linux's /proc says about a process: enough to know it is Node.js and where it listens. */

/** The executable's file name and argv[0], or undefined when /proc does not tell (another OS, hidepid). */
export function processProgram(pid: number): { exe: string | undefined; argv0: string | undefined } | undefined {
  let exe: string | undefined;
  let argv0: string | undefined;
  try {
    exe = basename(readlinkSync(`/proc/${pid}/exe`));
  } catch {
    exe = undefined;
  }
  try {
    argv0 = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0')[0];
  } catch {
    argv0 = undefined;
  }
  return exe === undefined && argv0 === undefined ? undefined : { exe, argv0 };
}

export interface Listening {
  readonly address: string;
  readonly port: number;
}

/**
 * The TCP ports the process listens on: its socket inodes (/proc/PID/fd) matched against the
 * listening sockets of /proc/net/tcp and tcp6. Undefined when its fds cannot be read.
 */
export function listeningPorts(pid: number): Listening[] | undefined {
  let inodes: Set<string>;
  try {
    inodes = new Set();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed while we looked
      }
    }
  } catch {
    return undefined;
  }
  const found: Listening[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; inode is the tenth field.
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9]!)) continue;
      const [ip, port] = f[1]!.split(':') as [string, string];
      found.push({ address: hexAddress(ip), port: parseInt(port, 16) });
    }
  }
  return found;
}

function hexAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  // An IPv4-mapped address keeps its IPv4 part in the last word.
  if (hex.startsWith('0000000000000000FFFF0000')) return hexAddress(hex.slice(24));
  return hex;
}
