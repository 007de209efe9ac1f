// A parsed program kept in a global: acorn parses its own dist/acorn.js (a real 240 KB file) and
// the AST stays in `globalThis.ast`. About 33,000 `Node` objects; the deepest are about 37
// property hops below the global, so a walk up from them needs many levels to reach the holder.
//
// Ask: --type Node   holder to name: `ast` (a property of the global object)
// Usage: node acorn-ast.cjs OUT.heapsnapshot
'use strict';
const { readFileSync } = require('node:fs');
const v8 = require('node:v8');
const acorn = require('acorn');

const file = require.resolve('acorn');
globalThis.ast = acorn.parse(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script' });
if (globalThis.ast.body.length === 0) throw new Error(`parsed nothing from ${file}`);

// A later turn, so that nothing on the stack holds part of the tree.
setImmediate(v8.writeHeapSnapshot, process.argv[2] || 'acorn-ast.heapsnapshot');
