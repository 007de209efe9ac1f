// Plain objects made from literals, as a program's data looks: many of one shape, a few of
// others (one with property names DevTools must quote), and one of a kind.
const v8 = require('v8');
const points = [];
for (let i = 0; i < 3000; i++) points.push({ foo: `f${i}`, bar: [i] });
const wider = [];
for (let i = 0; i < 200; i++) wider.push({ foo: `w${i}`, bar: [i], baz: `z${i}` });
const odd = [];
for (let i = 0; i < 100; i++) odd.push({ 'a, b': `x${i}`, "it's": [i], '{c}': `y${i}` });
const oneOff = { onlyMe: 'here' };
globalThis.held = { points, wider, odd, oneOff };
v8.writeHeapSnapshot(process.argv[2]);
