/** A one-line progress bar for loading big files: bytes, percentage, ETA. Terminal only. */
export function progressBar(
  stream: Pick<NodeJS.WriteStream, 'write' | 'columns'>,
  label: string,
  now: () => number = Date.now,
): { update: (done: number, total: number | undefined) => void; finish: () => void } {
  const start = now();
  let last = 0;
  let shown = false;
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  return {
    update(done, total) {
      const t = now();
      // Nothing for loads that end within 0.3 s; then at most ten redraws a second.
      if (t - last < 100 || t - start < 300) return;
      last = t;
      shown = true;
      const elapsed = (t - start) / 1000;
      const room = (stream.columns || 80) - 1;
      let line = `Reading ${label}: ${mb(done)}`;
      if (total) {
        const frac = Math.min(1, done / total);
        const bar = '#'.repeat(Math.round(frac * 24)).padEnd(24, '.');
        const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
        const figures = `${(frac * 100).toFixed(0)}% ${mb(done)}/${mb(total)} ETA ${eta.toFixed(0)}s`;
        line = `Reading ${label} [${bar}] ${figures}`;
        // Too wide for the terminal: the figures first, the name cut short.
        if (line.length > room) line = `${figures} ${label}`;
      }
      stream.write(`\r${line.slice(0, room)}\x1b[K`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
