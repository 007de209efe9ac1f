// A Map keeps its values alive: Test instances stored as Map values.
const v8 = require('v8');
class Test {}
const cache = new Map();
cache.set('first', new Test());
cache.set('second', new Test());
v8.writeHeapSnapshot(process.argv[2]);
