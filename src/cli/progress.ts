/** A one-line progress bar for loading big files: bytes, percentage, ETA. Terminal only. */
export function progressBar(stream: NodeJS.WriteStream, label: string): { update: (done: number, total: number | undefined) => void; finish: () => void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 || now - start < 300) return;
      last = now;
      shown = true;
      const elapsed = (now - start) / 1000;
      let line = `Reading ${label}: ${mb(done)}`;
      if (total) {
        const frac = Math.min(1, done / total);
        const width = 24;
        const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
        const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
        line = `Reading ${label} [${bar}] ${(frac * 100).toFixed(0)}% ${mb(done)}/${mb(total)} ETA ${eta.toFixed(0)}s`;
      }
      stream.write(`\r${line.slice(0, (stream.columns || 80) - 1)}\x1b[K`);
    },
    finish() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
