import memlab from '@memlab/core';

/** A snapshot as @memlab/core loads it. */
export type MemlabSnapshot = Awaited<ReturnType<typeof memlab.utils.getSnapshotFromFile>>;

/** The file through @memlab/core's loader, timed; memlab set to throw on a bad file (it exits by default) and keep quiet on stdout. */
export async function memlabLoadTimed(file: string): Promise<{ snap: MemlabSnapshot; loadMs: number }> {
  memlab.config.errorHandling = memlab.ErrorHandling.Throw;
  memlab.config.muteConsole = true;
  const t0 = performance.now();
  const snap = await memlab.utils.getSnapshotFromFile(file, {});
  return { snap, loadMs: performance.now() - t0 };
}
