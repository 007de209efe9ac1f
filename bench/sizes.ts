const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 };

/** `25mb`, `1.2gb`, `4e9` -> bytes (decimal units, as the benchmark table reports them). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text} (try 25mb, 1.2gb)`);
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e3).toFixed(0)} kB`;
}
