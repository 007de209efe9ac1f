/**
 * Issue 9, memory: a 10 MB gzip that inflates to a huge snapshot went past 9 GB and was killed.
 * Loads are refused in one line, before memory runs out, saying how much the snapshot needs and
 * how much there is; the budget is the machine's (free memory, cgroup) unless fixed by
 * BACKREFS_MEMORY_LIMIT or the memoryLimit option, which these tests lower.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { loadSnapshot, SnapshotError } from '../src/index.js';
import { arraysNeed } from '../src/snapshot/memory-budget.js';
import { memoryLimit, parseSize } from '../src/snapshot/memory-limit.js';
import { CLI } from './helpers/paths.js';
import { scenarioSnapshot } from './helpers/scenarios.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backrefs-memory-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
  node_types: [['hidden', 'object'], 'string', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['element'], 'string', 'number'],
};

/** Gzips `head`, then `repeat` copies of `block`, then `tail`: megabytes on disk, gigabytes inflated. */
async function bomb(name: string, head: string, block: Buffer, repeat: number, tail: string): Promise<string> {
  const z = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  z.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise((done) => z.on('end', done));
  z.write(head);
  for (let i = 0; i < repeat; i++) if (!z.write(block)) await new Promise((done) => z.once('drain', done));
  z.end(tail);
  await ended;
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

/** The CLI under a fixed budget, with its peak RSS. */
function cliUnder(limit: string, file: string): { status: number | null; stderr: string; maxRssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, CLI, file, '--type', 'X'], { encoding: 'utf8', env: { ...process.env, BACKREFS_MEMORY_LIMIT: limit }, timeout: 120_000 });
  const rss = /maxrss (\d+)/.exec(r.stderr);
  return { status: r.status, stderr: r.stderr.replace(/maxrss \d+\n?/, '').replace(/Command exited with non-zero status \d+\n/, ''), maxRssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

test('the estimate is what a load allocates: every typed array of the model, counted from the header', async () => {
  const snap = await loadSnapshot(await scenarioSnapshot('map'));
  const need = arraysNeed(snap.meta, undefined);
  assert.equal(arraysNeed(snap.meta, 1000).nodes, 2000, 'a 1000-byte input holds at most 500 numbers');
  const indexes = (snap as unknown as { indexes: { firstEdge: Uint32Array; lastRetainer: Uint32Array; previousRetainer: Uint32Array } }).indexes;
  assert.equal(need.nodes, snap.nodes.byteLength);
  assert.equal(arraysNeed(snap.meta, 2 ** 40).growth, 0, 'a file of known size is read into arrays of their final size');
  assert.equal(need.edges, snap.edges.byteLength);
  assert.equal(need.index, indexes.firstEdge.byteLength + indexes.lastRetainer.byteLength + indexes.previousRetainer.byteLength);
  assert.equal(need.growth, Math.max(need.nodes, need.edges), 'a stream may hold an array twice while it grows');
});

test('a gzip bomb whose header promises 50 million nodes is refused before the arrays are allocated', async () => {
  const head = `${JSON.stringify({ snapshot: { meta: META, node_count: 50_000_000, edge_count: 0 } }).slice(0, -1)},"nodes":[0`;
  const file = await bomb('nodes-bomb.heapsnapshot.gz', head, Buffer.from(',0'.repeat(1 << 19)), 400, ']}');
  await assert.rejects(loadSnapshot(file, { memoryLimit: 256 * 2 ** 20 }), (e: unknown) => {
    assert.ok(e instanceof SnapshotError && e.code === 'ELIMIT', String(e));
    assert.match(e.message, /needs about 2\.2 GB of memory for its 50000000 nodes and 0 edges \(nodes 954 MB, edges 0 KB, indexes 381 MB, 954 MB while a streamed array grows\) before its strings; 256 MB is available \(the memoryLimit option\)/);
    return true;
  });
  const r = cliUnder('256M', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^backrefs: .*nodes-bomb\.heapsnapshot\.gz: needs about 2\.2 GB .* 256 MB is available \(BACKREFS_MEMORY_LIMIT=256M\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.ok(r.maxRssMb < 200, `peak RSS ${r.maxRssMb} MB`);
});

test('a gzip bomb of one gigabyte-long string is refused as its bytes pass the budget, in bounded memory', async () => {
  const head = `${JSON.stringify({ snapshot: { meta: META, node_count: 1, edge_count: 0 }, nodes: [1, 0, 1, 0, 0], edges: [] }).slice(0, -1)},"strings":["`;
  const file = await bomb('strings-bomb.heapsnapshot.gz', head, Buffer.alloc(1 << 20, 0x61), 1024, '"]}');
  const r = cliUnder('96M', file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^backrefs: .*strings-bomb\.heapsnapshot\.gz: needs more than 9\d MB of memory \(its arrays 1 KB and its strings 4\d MB so far, counted twice while their buffer grows, still growing\); 96 MB is available/);
  assert.ok(r.maxRssMb < 400, `peak RSS ${r.maxRssMb} MB`);
});

test('with no budget set, the machine\'s own limit applies, and a header promising more is refused', async (t) => {
  const limit = memoryLimit({});
  assert.ok(limit.bytes <= freemem() * 1.05 + 2 ** 20, `${limit.bytes} vs free ${freemem()}`);
  assert.match(limit.source, /^(free memory|cgroup memory\.(max|limit_in_bytes) .* in use)$/);
  // 600 million nodes and 1.4 billion edges: 41 GB of arrays, within what a Uint32Array indexes.
  const header = `${JSON.stringify({ snapshot: { meta: META, node_count: 600_000_000, edge_count: 1_400_000_000 } }).slice(0, -1)},"nodes":[]}`;
  if (arraysNeed({ nodeCount: 6e8, edgeCount: 1.4e9, nodeFields: META.node_fields, edgeFields: META.edge_fields } as never, undefined).total <= limit.bytes) {
    t.skip('this machine has more than 41 GB free');
    return;
  }
  await assert.rejects(loadSnapshot(Readable.from([Buffer.from(header)])), (e: unknown) => e instanceof SnapshotError && e.code === 'ELIMIT' && e.message.includes(`is available (${limit.source.split(' ')[0]}`));
});

test('BACKREFS_MEMORY_LIMIT takes sizes as people write them', () => {
  assert.equal(parseSize('1048576'), 1048576);
  assert.equal(parseSize('512M'), 512 * 2 ** 20);
  assert.equal(parseSize('2g'), 2 * 2 ** 30);
  assert.equal(parseSize('1.5GB'), 1.5 * 2 ** 30);
  assert.equal(parseSize('64KiB'), 64 * 1024);
  assert.equal(parseSize('lots'), undefined);
  assert.deepEqual(memoryLimit({ BACKREFS_MEMORY_LIMIT: '3G' }), { bytes: 3 * 2 ** 30, source: 'BACKREFS_MEMORY_LIMIT=3G' });
});

test('a string longer than a JavaScript string can be is decoded as its first 64 MB, saying so', async () => {
  const { StringTable, MAX_DECODED_BYTES } = await import('../src/snapshot/strings.js');
  const length = MAX_DECODED_BYTES + 1000;
  const table = new StringTable(Buffer.alloc(length, 0x61), Uint32Array.of(0, length, length, length), new Uint32Array(0));
  const s = table.get(0);
  assert.equal(s.length, MAX_DECODED_BYTES + ' (1000 more bytes not decoded)'.length + 1);
  assert.ok(s.endsWith('a… (1000 more bytes not decoded)'));
  assert.equal(table.get(1), '');
});
