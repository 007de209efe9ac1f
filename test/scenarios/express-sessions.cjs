// An express server that leaks every request twice: each one is pushed into `seen`, and a
// `sessions` Map keeps a `Session { req }` per request. It serves 50 real requests on loopback
// (middleware, a router with two routes) and writes the snapshot while it is still listening, so
// express's own per-request objects and its router are in the heap beside the leak.
//
// Ask: --type Session         holders to name: `sessions` (the Map, a module-level const)
//      --type IncomingMessage holders to name: `seen` (the array) and `req` (Session.req, in `sessions`)
// Usage: node express-sessions.cjs OUT.heapsnapshot
'use strict';
const http = require('node:http');
const v8 = require('node:v8');
const express = require('express');

class Session {
  constructor(req) {
    this.req = req;
    this.startedAt = Date.now();
  }
}

const seen = [];
const sessions = new Map();

const app = express();
app.use((req, res, next) => {
  seen.push(req);
  sessions.set(seen.length, new Session(req));
  res.setHeader('x-request', String(seen.length));
  next();
});
app.use(express.json());

const items = express.Router();
items.get('/:id', (req, res) => {
  res.json({ id: req.params.id, count: seen.length });
});
items.post('/', (req, res) => {
  res.status(201).json({ created: req.body.name });
});
app.use('/items', items);

function request(port, i) {
  const post = i % 5 === 0;
  const body = post ? JSON.stringify({ name: `item-${i}` }) : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: post ? 'POST' : 'GET',
        path: post ? '/items' : `/items/${i}`,
        headers: post ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const server = app.listen(0, '127.0.0.1', async () => {
  try {
    const { port } = server.address();
    for (let i = 0; i < 50; i++) await request(port, i);
    if (sessions.size !== 50) throw new Error(`expected 50 sessions, got ${sessions.size}`);
  } catch (err) {
    process.exitCode = 1;
    console.error(err);
    server.closeAllConnections();
    server.close();
    return;
  }
  // In a later turn, with V8's own function as the callback, so that neither this async
  // function's frame nor a closure written for the snapshot is one more path to the heap; the
  // server closes after that (close() also drops the idle keep-alive connections), by a bound
  // function for the same reason.
  setImmediate(v8.writeHeapSnapshot, process.argv[2] || 'express-sessions.heapsnapshot');
  setImmediate(server.close.bind(server));
});
