import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** A virtual X display; `-displayfd` lets Xvfb pick a free number, so parallel runs never collide. */
export async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const fd = xvfb.stdio[3] as Readable;
  let text = '';
  for await (const chunk of fd) {
    text += (chunk as Buffer).toString();
    if (text.includes('\n')) break;
  }
  const n = text.trim();
  if (!/^\d+$/.test(n)) {
    xvfb.kill();
    throw new Error(`Xvfb did not start: ${stderr}`);
  }
  return { display: `:${n}`, process: xvfb };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** The whole screen of `display` as a PNG file (ImageMagick's `import`). */
export function screenshot(display: string, file: string): void {
  const r = spawnSync('import', ['-display', display, '-window', 'root', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
}

export interface PixelCounts {
  readonly total: number;
  readonly colours: number;
  /** Pixels clearly red: the targets' red font. */
  readonly red: number;
  /** Pixels clearly green: the roots' fill colour. */
  readonly green: number;
}

/** Colour statistics of an image from ImageMagick's histogram (`count: (r,g,b) #hex name` lines). */
export function pixelCounts(file: string): PixelCounts {
  const r = spawnSync('convert', [file, '-depth', '8', '-format', '%c', 'histogram:info:-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`convert failed: ${r.stderr}`);
  let total = 0;
  let colours = 0;
  let red = 0;
  let green = 0;
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+):\s*\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(line);
    if (!m) continue;
    const [count, R, G, B] = m.slice(1).map(Number) as [number, number, number, number];
    total += count;
    colours++;
    // Pure-ish red only: the cycle colour #cc3300 must not count as the target font.
    if (R > 230 && G < 60 && B < 60 && Math.abs(G - B) < 10) red += count;
    if (G > 150 && R < 120 && B < 120) green += count;
  }
  return { total, colours, red, green };
}
