// Retained size known from the program: `kept` holds N distinct flat strings of LENGTH one-byte
// characters each, referenced from nowhere else; and 50 copies of one text built at run time
// (distinct string objects with equal contents: DevTools' "duplicated strings").
const v8 = require('v8');
const N = 2000;
const LENGTH = 1000;
class Holder {
  constructor() {
    this.kept = [];
  }
}
const holder = new Holder();
// Buffer#toString makes flat (sequential) strings; padStart or + would make cons strings that
// share their parts.
for (let i = 0; i < N; i++) {
  const bytes = Buffer.alloc(LENGTH, 'x');
  bytes.write(String(i));
  holder.kept.push(bytes.toString('latin1'));
}
const copies = [];
for (let i = 0; i < 50; i++) copies.push(Buffer.from('duplicated text value').toString('latin1'));
globalThis.holder = holder;
globalThis.copies = copies;
v8.writeHeapSnapshot(process.argv[2]);
