/** `--timings`: how long each phase took since the last, on stderr. */
export function timer(print: ((line: string) => void) | undefined): (phase: string) => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    print?.(`timing ${phase}: ${(now - last).toFixed(1)} ms`);
    last = now;
  };
}
