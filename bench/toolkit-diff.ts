/**
 * Child process: heap-snapshot-toolkit (DevTools' own snapshot code) parsing OLD and NEW and
 * diffing them, the peer of `backrefs growth`. Both snapshots are held at once, as DevTools does.
 */
import { createReadStream } from 'node:fs';
import { diff, parse } from 'heap-snapshot-toolkit';

const [oldFile, newFile] = process.argv.slice(2);
if (!oldFile || !newFile) {
  console.error('usage: toolkit-diff OLD NEW');
  process.exit(2);
}
const t0 = performance.now();
const a = await parse(createReadStream(oldFile));
const b = await parse(createReadStream(newFile));
const t1 = performance.now();
const d = await diff(a, b);
const t2 = performance.now();
console.log(JSON.stringify({ parseMs: t1 - t0, diffMs: t2 - t1, classes: Object.keys(d).length }));
