// A WeakMap value stays alive only while its key does; the key here is held by `keys`.
const v8 = require('v8');
class Test {}
class Key {}
const keys = [new Key()];
const table = new WeakMap();
table.set(keys[0], new Test());
v8.writeHeapSnapshot(process.argv[2]);
