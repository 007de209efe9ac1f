import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar } from '../src/cli/progress.js';

function terminal(columns = 100): { columns: number; written: string[]; write: (s: string) => boolean } {
  const written: string[] = [];
  return { columns, written, write: (s: string) => written.push(s) > 0 };
}

test('the progress bar shows bytes, percentage and ETA, at most ten times a second, and clears itself', () => {
  let now = 0;
  const out = terminal();
  const bar = progressBar(out, 'big.heapsnapshot', () => now);
  now = 200;
  bar.update(10e6, 100e6);
  assert.deepEqual(out.written, [], 'nothing in the first 0.3 s');
  now = 2000;
  bar.update(50e6, 100e6);
  assert.deepEqual(out.written, ['\rReading big.heapsnapshot [############............] 50% 50 MB/100 MB ETA 2s\x1b[K']);
  now = 2050;
  bar.update(60e6, 100e6);
  assert.equal(out.written.length, 1, 'no redraw within 0.1 s');
  now = 3000;
  bar.update(75e6, undefined);
  assert.equal(out.written[1], '\rReading big.heapsnapshot: 75 MB\x1b[K', 'bytes alone when the size is unknown (a stream)');
  bar.finish();
  assert.equal(out.written[2], '\r\x1b[K');
});

test('on a narrow terminal the figures come first, and a quick load leaves no trace', () => {
  let now = 0;
  const narrow = terminal(30);
  const bar = progressBar(narrow, 'big.heapsnapshot', () => now);
  now = 1000;
  bar.update(1e6, 4e6);
  assert.equal(narrow.written[0], '\r25% 1 MB/4 MB ETA 3s big.heap\x1b[K', 'the figures before the name');
  const quick = terminal();
  progressBar(quick, 'small.heapsnapshot', () => 0).finish();
  assert.deepEqual(quick.written, []);
});
