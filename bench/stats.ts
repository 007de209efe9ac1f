export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(2) : (ms / 1000).toFixed(1);
}

/** `timing walk: 47.1 ms` lines of `backrefs --timings`, by phase. */
export function parseTimings(stderr: string): Map<string, number> {
  const phases = new Map<string, number>();
  for (const m of stderr.matchAll(/^timing (\S+): ([\d.]+) ms$/gm)) phases.set(m[1]!, Number(m[2]));
  return phases;
}
