/**
 * The snapshot reader on hand-made bytes: every chunk boundary, escapes split across chunks,
 * whitespace, field and enum variants, and each way a file can be wrong.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SnapshotError } from '../src/snapshot/errors.js';
import type { HeapSnapshot } from '../src/snapshot/heap-snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { diffViews, viewOfModel, viewOfSnapshot } from './fuzz/check.js';
import { header, MODEL_MUTATORS, nodesOf, parseSnap, Rng, serialize, type Snap, stringsOf, tinySnap } from './fuzz/mutate.js';

const NAME = 'hand.heapsnapshot';

/** Strings that need every kind of JSON escape, including lone surrogates. */
const ODD = ['a"b', 'back\\slash', 'nl\nnl', 'tab\t', 'nul\u0000', 'é日本😀', 'lone \ud800 high', 'lone \udc00 low', '\\"', '\\', '"'];

/** The five-node snapshot, with its two Test nodes renamed to strings full of escapes. */
function escaped(): Snap {
  const s = tinySnap();
  const strings = stringsOf(s);
  const nodes = nodesOf(s);
  strings.push(...ODD);
  // nodes 3 and 4 (the Tests): name = an odd string; the edge names stay.
  nodes[3 * 7 + 1] = strings.indexOf(ODD[0]!);
  nodes[4 * 7 + 1] = strings.indexOf(ODD[6]!);
  return s;
}

async function* chunks(parts: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield p;
}

async function refusal(input: Parameters<typeof loadSnapshot>[0], name = NAME): Promise<SnapshotError> {
  try {
    await loadSnapshot(input, { name });
  } catch (e) {
    assert.ok(e instanceof SnapshotError, `expected a SnapshotError, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${name}: `), e.message);
    assert.doesNotMatch(e.message, /[\n\r]/);
    return e;
  }
  assert.fail('expected the input to be refused');
}

const text = (s: string) => Buffer.from(s, 'utf8');

function sameMeaning(snap: HeapSnapshot, model: Snap): void {
  const d = diffViews(viewOfModel(model), viewOfSnapshot(snap));
  assert.equal(d, undefined, d);
}

describe('chunk boundaries', () => {
  const model = escaped();
  const bytes = serialize(model);

  test('split in two at every byte offset', async () => {
    for (let k = 0; k <= bytes.length; k++) {
      const snap = await loadSnapshot(chunks([bytes.subarray(0, k), bytes.subarray(k)]), { name: NAME });
      if (k % 97 === 0 || k === bytes.length) sameMeaning(snap, model);
      assert.equal(snap.nodeName(3), ODD[0], `split at ${k}`);
      assert.equal(snap.nodeName(4), ODD[6], `split at ${k}`);
      assert.equal(snap.strings.count, stringsOf(model).length, `split at ${k}`);
    }
  });

  test('one byte at a time, and in three pieces', async () => {
    const snap = await loadSnapshot(chunks([...bytes].map((b) => Uint8Array.of(b))), { name: NAME });
    sameMeaning(snap, model);
    for (let k = 1; k < bytes.length; k += 7) {
      const m = Math.min(bytes.length, k + 3);
      sameMeaning(await loadSnapshot(chunks([bytes.subarray(0, k), bytes.subarray(k, m), bytes.subarray(m)]), { name: NAME }), model);
    }
  });

  test('every escape decodes the same wherever the chunk ends', async () => {
    const s = tinySnap();
    const strings = stringsOf(s);
    const first = strings.length;
    strings.push(...ODD, ODD.join(''));
    // Also a \u escape written out for a plain letter and for a surrogate pair.
    const b = Buffer.from(serialize(s).toString('utf8').replace('"<dummy>"', '"<dumm\\u0079>"').replace(JSON.stringify(ODD[5]), '"\\u00e9\\u65e5\\u672c\\ud83d\\ude00"'));
    for (let k = 0; k <= b.length; k++) {
      const snap = await loadSnapshot(chunks([b.subarray(0, k), b.subarray(k)]), { name: NAME });
      assert.equal(snap.strings.get(0), '<dummy>', `split at ${k}`);
      for (let i = 0; i <= ODD.length; i++) assert.equal(snap.strings.get(first + i), i < ODD.length ? ODD[i] : ODD.join(''), `string ${i} split at ${k}`);
    }
  });

  test('a number the fast path and the byte loop both see gives one answer', async () => {
    // "000000000001": 12 digits, value 1. Refused wherever the chunk ends (it was accepted only
    // when it fell in a chunk's last 16 bytes, where the byte loop reads it).
    for (const id of ['000000000001', '4294967296', '99999999999999999999']) {
      const b = Buffer.from(bytes.toString('utf8').replace('[9,1,1,0,1,0,0', `[9,1,${id},0,1,0,0`));
      const messages = new Set<string>();
      for (let k = 0; k <= b.length; k++) messages.add((await refusal(chunks([b.subarray(0, k), b.subarray(k)]))).message);
      assert.equal(messages.size, 1, [...messages].join('\n'));
      assert.match([...messages][0]!, /ELIMIT|the number at byte \d+ in the "nodes" array (has more than 10 digits|is 4294967296, above 2\^32)/);
    }
  });

  test('empty chunks are harmless', async () => {
    const snap = await loadSnapshot(chunks([new Uint8Array(0), bytes.subarray(0, 10), new Uint8Array(0), bytes.subarray(10)]), { name: NAME });
    sameMeaning(snap, model);
  });
});

describe('layout variants that load', () => {
  const model = escaped();

  for (const style of ['compact', 'pretty', 'crlf-tabs'] as const) {
    test(`whitespace: ${style}`, async () => sameMeaning(await loadSnapshot(serialize(model, style), { name: NAME }), model));
  }

  test('whitespace around every token', async () => {
    const spaced = serialize(model, 'compact')
      .toString('utf8')
      .replace(/("(?:[^"\\]|\\.)*")|([{}[\],:])/g, (m, str: string | undefined) => (str ? m : ` \t${m}\r\n `));
    sameMeaning(await loadSnapshot(text(` \n${spaced}\n\n`), { name: NAME }), model);
  });

  test('7 node fields (Node 20) and 6 (no trace_node_id; no detachedness)', async () => {
    for (const drop of ['trace_node_id', 'detachedness']) {
      const s = tinySnap();
      const h = header(s);
      const at = h.meta.node_fields.indexOf(drop);
      h.meta.node_fields.splice(at, 1);
      h.meta.node_types.splice(at, 1);
      const nodes = nodesOf(s);
      const six: number[] = [];
      for (let n = 0; n < nodes.length; n += 7) six.push(...nodes.slice(n, n + 7).filter((_, i) => i !== at));
      s.sections.find(([k]) => k === 'nodes')![1] = six;
      // Edges address nodes by index (ordinal x field count).
      const edges = s.sections.find(([k]) => k === 'edges')![1] as number[];
      for (let e = 2; e < edges.length; e += 3) edges[e] = (edges[e]! / 7) * 6;
      const snap = await loadSnapshot(serialize(s), { name: NAME });
      assert.equal(snap.nodeFieldCount, 6);
      assert.equal(snap.nodeName(3), 'Test');
      assert.equal(snap.nodeId(4), 9);
      assert.equal(snap.edgeTarget(3 * 3), 4);
      sameMeaning(snap, s);
    }
  });

  test('fields in another order, extra fields, reordered enums', async () => {
    const rng = new Rng(7);
    for (const name of ['reorder-node-fields', 'reorder-edge-fields', 'add-node-field', 'add-edge-field', 'reorder-node-types', 'reorder-edge-types']) {
      for (let i = 0; i < 5; i++) {
        const s = tinySnap();
        MODEL_MUTATORS[name]!(s, rng);
        sameMeaning(await loadSnapshot(serialize(s), { name: NAME }), tinySnap());
      }
    }
  });

  test('reversed type enums: names follow the list, not V8 positions', async () => {
    const s = tinySnap();
    const h = header(s);
    const types = h.meta.node_types[0] as string[];
    const reversed = [...types].reverse();
    h.meta.node_types[0] = reversed;
    const nodes = nodesOf(s);
    for (let n = 0; n < nodes.length; n += 7) nodes[n] = reversed.indexOf(types[nodes[n]!]!);
    const snap = await loadSnapshot(serialize(s), { name: NAME });
    assert.deepEqual([0, 1, 2, 3, 4].map((o) => snap.nodeType(o)), ['synthetic', 'synthetic', 'object', 'object', 'object']);
  });

  test('a 2017-style enum that stops short of the types used is completed with V8 names', async () => {
    const s = tinySnap();
    (header(s).meta.node_types[0] as string[]).length = 12;
    nodesOf(s)[2 * 7] = 12;
    assert.equal((await loadSnapshot(serialize(s), { name: NAME })).nodeType(2), 'symbol');
  });

  test('unknown top-level keys and header fields are skipped, wherever they are', async () => {
    const s = tinySnap();
    header(s)['extra_native_bytes'] = 123;
    header(s)['future'] = { nested: [[[{ a: '}]"' }]]] };
    s.sections.splice(1, 0, ['plaintext', 'a "string" with ] and } and \\'], ['deep', JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown]);
    s.sections.push(['number', -1.5e-7], ['null', null], ['bool', true], ['obj', { nodes: [1, 2], strings: ['x'] }]);
    const deep = serialize(s).toString('utf8').replace('"null":null', `"deeper":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    sameMeaning(await loadSnapshot(text(deep), { name: NAME }), tinySnap());
  });

  test('no locations, no trace sections, strings before nodes', async () => {
    const s = tinySnap();
    s.sections = s.sections.filter(([k]) => !['locations', 'trace_function_infos', 'trace_tree', 'samples'].includes(k));
    const i = s.sections.findIndex(([k]) => k === 'strings');
    s.sections.splice(1, 0, ...s.sections.splice(i, 1));
    const snap = await loadSnapshot(serialize(s), { name: NAME });
    sameMeaning(snap, tinySnap());
    assert.equal(snap.location(2), undefined);
  });

  test('gzip: as bytes, as a file, and as a stream split inside the magic bytes', async () => {
    const model2 = tinySnap();
    const gz = gzipSync(serialize(model2));
    sameMeaning(await loadSnapshot(gz, { name: NAME }), model2);
    sameMeaning(await loadSnapshot(chunks([gz.subarray(0, 1), gz.subarray(1, 5), gz.subarray(5)]), { name: NAME }), model2);
    const dir = mkdtempSync(join(tmpdir(), 'backrefs-reader-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'x.heapsnapshot'); // no .gz suffix: found by the magic bytes
    writeFileSync(file, gz);
    sameMeaning(await loadSnapshot(file), model2);
  });

  test('a long string full of escapes loads in linear time', async () => {
    const s = tinySnap();
    stringsOf(s).push('\n'.repeat(1_000_000), '\\"'.repeat(300_000));
    const bytes = serialize(s);
    const t0 = performance.now();
    const snap = await loadSnapshot(bytes, { name: NAME });
    assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
    assert.equal(snap.strings.get(8).length, 1_000_000);
  });
});

describe('inputs that are refused, with one line naming the file', () => {
  test('empty input: bytes, stream, file', async () => {
    assert.equal((await refusal(new Uint8Array(0))).code, 'EEMPTY');
    assert.equal((await refusal(chunks([]))).code, 'EEMPTY');
    assert.equal((await refusal(chunks([new Uint8Array(0)]))).code, 'EEMPTY');
    const dir = mkdtempSync(join(tmpdir(), 'backrefs-reader-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'empty'), '');
    const e = await refusal(join(dir, 'empty'), join(dir, 'empty'));
    assert.equal(e.code, 'EEMPTY');
    assert.equal(e.file, join(dir, 'empty'));
  });

  test('not JSON, a JSON array, a JSON object without a snapshot', async () => {
    assert.equal((await refusal(text('hello'))).code, 'EFORMAT');
    assert.match((await refusal(text('[1,2,3]'))).message, /JSON array/);
    assert.match((await refusal(text('{}'))).message, /no "snapshot" header/);
    assert.match((await refusal(text('{"a":1,"b":[2]}'))).message, /no "snapshot" header/);
    assert.equal((await refusal(text('\ufeff{}'))).code, 'EFORMAT');
    assert.equal((await refusal(text('{"snapshot":{}} x'))).code, 'EFORMAT');
    assert.equal((await refusal(gzipSync(text('not json')))).code, 'EFORMAT');
    assert.equal((await refusal(Buffer.from([0x1f, 0x8b, 1, 2, 3]))).code, 'EFORMAT'); // gzip magic, then garbage
  });

  test('a header that is not a snapshot header', async () => {
    for (const h of ['5', '"x"', '{}', '{"meta":{}}', '{"meta":{"node_fields":[]}}']) {
      assert.equal((await refusal(text(`{"snapshot":${h},"nodes":[],"edges":[],"strings":[]}`))).code, 'EFORMAT', h);
    }
  });

  test('a header that is not JSON gives one line, whatever it quotes', async () => {
    const e = await refusal(text('{"snapshot":{"meta":\n\n x\u001b[31m},"nodes":[]}'));
    assert.equal(e.code, 'EFORMAT');
    assert.doesNotMatch(e.message, /\u001b/);
  });

  test('control characters from the file are escaped in messages', async () => {
    const e = await refusal(text('{"\u001b[2J\rkey":'));
    assert.equal(e.code, 'ETRUNCATED');
    assert.match(e.message, /\\u001b\[2J\\u000dkey/);
  });

  test('truncated anywhere', async () => {
    const bytes = serialize(tinySnap());
    for (let k = 1; k < bytes.length; k++) assert.equal((await refusal(bytes.subarray(0, k))).code, 'ETRUNCATED', `cut at ${k}`);
  });

  test('counts that disagree with the arrays', async () => {
    const more = tinySnap();
    header(more).node_count = 6;
    assert.match((await refusal(serialize(more))).message, /node_count says 6 nodes but the "nodes" array holds 5 nodes/);
    const fewer = tinySnap();
    header(fewer).edge_count = 5;
    assert.equal((await refusal(serialize(fewer))).code, 'ECOUNTS');
    const sum = tinySnap();
    nodesOf(sum)[4] = 2; // root claims two edges
    assert.match((await refusal(serialize(sum))).message, /edge_count fields add up to 7 edges/);
    const ragged = tinySnap();
    nodesOf(ragged).pop();
    assert.match((await refusal(serialize(ragged))).message, /holds 34 numbers, not a multiple of the 7 node fields/);
  });

  test('a header that promises billions allocates nothing for them', async () => {
    for (const [key, value, code] of [
      ['node_count', 4e9, 'ELIMIT'],
      ['edge_count', 2 ** 32 + 1, 'ELIMIT'],
      ['node_count', 5e8, 'ECOUNTS'],
      ['edge_count', 1e9, 'ECOUNTS'],
    ] as const) {
      const s = tinySnap();
      header(s)[key] = value;
      const bytes = serialize(s);
      const rss0 = process.memoryUsage.rss();
      const t0 = performance.now();
      assert.equal((await refusal(bytes)).code, code, `${key} ${value}`);
      // A stream's size is unknown: where the machine cannot hold what its header promises, the
      // memory budget refuses it (ELIMIT) before any array is read.
      const streamed = code === 'ECOUNTS' ? ['ECOUNTS', 'ELIMIT'] : [code];
      for (const input of [chunks([bytes]), gzipSync(bytes)]) assert.ok(streamed.includes((await refusal(input)).code), `${key} ${value}`);
      assert.ok(performance.now() - t0 < 1000, `${key} ${value}: ${performance.now() - t0} ms`);
      assert.ok(process.memoryUsage.rss() - rss0 < 200 * 2 ** 20, `${key} ${value}: RSS grew ${(process.memoryUsage.rss() - rss0) / 2 ** 20} MB`);
    }
  });

  test('references outside their tables', async () => {
    const cases: Array<[string, (s: Snap) => void, RegExp]> = [
      ['edge past the nodes', (s) => ((s.sections.find(([k]) => k === 'edges')![1] as number[])[2] = 35), /points to nodes index 35, outside the nodes array/],
      ['edge inside a node', (s) => ((s.sections.find(([k]) => k === 'edges')![1] as number[])[2] = 8), /not the start of a node/],
      ['name past the strings', (s) => (nodesOf(s)[1] = 99), /named by string 99, but there are only 8 strings/],
      ['type past the enum', (s) => (nodesOf(s)[0] = 99), /has type 99, outside/],
      ['edge type past the enum', (s) => ((s.sections.find(([k]) => k === 'edges')![1] as number[])[0] = 9), /edge 0 has type 9/],
    ];
    for (const [what, change, message] of cases) {
      const s = tinySnap();
      change(s);
      const e = await refusal(serialize(s));
      assert.equal(e.code, 'ERANGE', what);
      assert.match(e.message, message, what);
    }
  });

  test('numbers backrefs cannot hold: ids above 2^32, hundreds of digits, signs, fractions', async () => {
    for (const [id, code] of [
      ['4294967296', 'ELIMIT'],
      ['9'.repeat(400), 'ELIMIT'],
      ['-1', 'EFORMAT'],
      ['1.5', 'EFORMAT'],
      ['1e3', 'EFORMAT'],
    ] as const) {
      const bytes = serialize(tinySnap()).toString('utf8').replace('[9,1,1,0,1,0,0', `[9,1,${id},0,1,0,0`);
      const e = await refusal(text(bytes));
      assert.equal(e.code, code, id);
      assert.ok(e.message.length < 300, e.message);
    }
  });

  test('sections twice, or in an order the reader cannot use', async () => {
    const bytes = serialize(tinySnap()).toString('utf8');
    assert.match((await refusal(text(bytes.replace('"edges":', '"nodes":[],"edges":')))).message, /"nodes" section appears twice/);
    assert.match((await refusal(text(bytes.replace('{"snapshot":', '{"nodes":[],"snapshot":')))).message, /before the "snapshot" header/);
    assert.match((await refusal(text(bytes.replace(/,\n"strings":\[[^\]]*\]/, '')))).message, /no "strings" array/);
  });

  test('a string array holding something else', async () => {
    for (const v of ['[1]', '["a",]', '["a" "b"]', '{}', '"x"']) {
      const bytes = serialize(tinySnap()).toString('utf8').replace(/"strings":\[[^\]]*\]/, `"strings":${v}`);
      assert.equal((await refusal(text(bytes))).code, 'EFORMAT', v);
    }
  });

  test('parsed model round trip sanity', () => {
    // The helpers above rely on serialize/parseSnap being inverse for V8 layout.
    const s = escaped();
    assert.deepEqual(parseSnap(serialize(s).toString('utf8')), s);
  });
});
