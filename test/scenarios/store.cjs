// What an object holds (`backrefs refs --type Store`): a Store with 10,000 `Item`s in an array,
// the first 100 of them also in a `byName` Map, a 2 MB Buffer, a title string, a closure over the
// store (`onChange`, a cycle back to it) and a WeakRef to the first item. Kept in a global.
//
// Ask: refs --type Store   it holds, biggest first: `buf` (2 MB), `items` (10,000 Items and their
// names), `byName`, `onChange`, `weak`, `title`: six references; the WeakRef's target is weak.
const v8 = require('v8');
class Item {
  constructor(i) {
    this.name = `item-${i}`;
    this.tags = [`t${i % 7}`];
  }
}
class Store {
  constructor() {
    this.items = [];
    for (let i = 0; i < 10000; i++) this.items.push(new Item(i));
    this.byName = new Map(this.items.slice(0, 100).map((it) => [it.name, it]));
    this.buf = Buffer.alloc(2_000_000);
    this.title = 'the store';
    this.onChange = () => this.items.length;
    this.weak = new WeakRef(this.items[0]);
  }
}
globalThis.store = new Store();
setImmediate(v8.writeHeapSnapshot, process.argv[2]);
