// A parsed program kept in a global: acorn's AST of acorn's own source.
const v8 = require('v8');
const { readFileSync } = require('fs');
const acorn = require('acorn');
const file = require.resolve('acorn');
globalThis.ast = acorn.parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module' });
v8.writeHeapSnapshot(process.argv[2]);
