/**
 * Child process of generate-shapes: COUNT `Record` objects, each with unique strings and double
 * fields (heap numbers), an array of doubles and a mixed array (its doubles boxed), in an array and
 * in a Map keyed by their names. `node shape-strings.js OUT COUNT`.
 */
import { buildAndWrite } from './shape-write.js';

class Record {
  readonly name: string;
  readonly note: string;
  score: number;
  ratio: number;
  readonly samples: number[];
  readonly mixed: Array<number | string>;
  constructor(i: number) {
    this.name = `record-${i}-${(i * 2654435761) % 4294967296}`;
    this.note = `note ${i.toString(36)} ${Math.sqrt(i + 0.5).toFixed(6)}`;
    this.score = i + 0.5;
    this.ratio = i / 7 + 0.01;
    this.samples = [i * 1.1, i * 2.2, i * 3.3];
    this.mixed = [i + 0.25, this.name];
  }
}

buildAndWrite('shape-strings', (count) => {
  const records: Record[] = [];
  const byName = new Map<string, Record>();
  for (let i = 0; i < count; i++) {
    const r = new Record(i);
    records.push(r);
    if (i % 2 === 0) byName.set(r.name, r);
  }
  const doubles = Array.from({ length: count }, (_, i) => i * 0.5 + 0.1);
  return { records, byName, doubles };
});
