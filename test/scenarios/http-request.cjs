// A node:http server that keeps the request it served (one GET on loopback), then snapshots.
const v8 = require('v8');
const http = require('http');
const kept = [];
const server = http.createServer((req, res) => {
  kept.push(req);
  res.end('ok');
});
server.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: server.address().port, path: '/orders/42?view=full' }, (res) => {
    res.resume();
    res.on('end', () => {
      globalThis.kept = kept;
      v8.writeHeapSnapshot(process.argv[2]);
      server.close();
    });
  });
});
