import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { diff as devtoolsDiff, parse as devtoolsParse } from 'heap-snapshot-toolkit';
import { checkIds, growth, newOfClass, newSince, summarize } from '../src/analysis/diff.js';
import { IdSet } from '../src/analysis/id-set.js';
import { allocatedBetween, findLeaks, pathText } from '../src/analysis/leaks.js';
import { groupByName, typeStats } from '../src/analysis/type-stats.js';
import { classCounts, findByType } from '../src/graph/select.js';
import { growthTable, typesTable } from '../src/output/tables.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { series } from './helpers/series.js';

describe('type counts', () => {
  it('count every node once, and agree with the per-class counts select uses', async () => {
    const { target } = await series('growing-cache.cjs');
    const snap = await loadSnapshot(target);
    const stats = typeStats(snap);
    assert.equal(
      stats.reduce((s, c) => s + c.count, 0),
      snap.nodeCount,
    );
    let selfTotal = 0;
    for (let o = 0; o < snap.nodeCount; o++) selfTotal += snap.selfSize(o);
    assert.equal(
      stats.reduce((s, c) => s + c.selfSize, 0),
      selfTotal,
    );
    const cache = stats.find((s) => s.name === 'CacheEntry')!;
    assert.equal(cache.count, 3000);
    assert.equal(cache.count, findByType(snap, 'CacheEntry').length);
    assert.equal(classCounts(snap).get('CacheEntry'), 3000);
    // The closure `CacheEntry` (the class itself) shares the name string but is another group.
    const groups = groupByName(snap);
    const named = [...Array(groups.length).keys()].filter((g) => snap.strings.get(groups.name[g]!) === 'CacheEntry');
    assert.ok(named.length >= 2, 'instances and the class function are separate groups');
    // Sorted by count; the table aligns its columns.
    for (let i = 1; i < stats.length; i++) assert.ok(stats[i - 1]!.count >= stats[i]!.count);
    const table = typesTable(stats.slice(0, 5)).trimEnd().split('\n');
    assert.equal(new Set(table.map((l) => l.length)).size, 1);
  });
});

describe('growth and new objects between two snapshots of one process', () => {
  it('show the 3000 cache entries the scenario added, as DevTools does', async () => {
    const { base, target } = await series('growing-cache.cjs');
    const before = summarize(await loadSnapshot(base));
    const after = await loadSnapshot(target);
    const rows = growth(before, after);
    const cache = rows.find((r) => r.name === 'CacheEntry')!;
    assert.deepEqual([cache.count, cache.delta], [3000, 3000]);
    assert.ok(cache.sizeDelta > 3000 * 16);
    assert.match(growthTable([cache]), /^CacheEntry {2}3000 {2}\+3000 {2}\+\d/);
    assert.equal(newOfClass(before, after, 'CacheEntry').length, 3000);
    const all = findByType(after, 'CacheEntry');
    assert.equal(newSince(before, after, all).length, 3000);
    assert.deepEqual(checkIds(before, after), { comparable: true, shared: checkIds(before, after).shared, mismatched: 0 });
    assert.ok(checkIds(before, after).shared >= 20);

    // DevTools' own diff (heap-snapshot-toolkit) on the same files: same added count, same size.
    const [a, b] = [await devtoolsParse(createReadStream(base)), await devtoolsParse(createReadStream(target))];
    const theirs = Object.values(await devtoolsDiff(a, b)).find((d) => d.name === 'CacheEntry');
    assert.equal(theirs.addedCount, 3000);
    assert.equal(theirs.countDelta, cache.delta);
    assert.equal(theirs.sizeDelta, cache.sizeDelta);
    const strings = Object.values(await devtoolsDiff(a, b)).find((d) => d.name === '(string)');
    assert.equal(strings.countDelta, rows.find((r) => r.name === '(string)')!.delta);
  });

  it('say so when the snapshots come from two processes', async () => {
    const one = await series('growing-cache.cjs');
    const two = await series('growing-cache.cjs', 'growing-cache-again');
    const check = checkIds(summarize(await loadSnapshot(one.base)), await loadSnapshot(two.target));
    assert.equal(check.comparable, false);
    assert.match(check.warning!, /not snapshots of one process/);
  });

  it('notice snapshots given in the wrong order', async () => {
    const { base, target } = await series('growing-cache.cjs');
    const check = checkIds(summarize(await loadSnapshot(target)), await loadSnapshot(base));
    assert.equal(check.comparable, true);
    assert.match(check.warning!, /right order/);
  });
});

describe('three-snapshot leaks', () => {
  it('find the 2000 cache entries still alive, not the 1000 deleted nor the garbage', async () => {
    const { base, target, final } = await series('growing-cache.cjs');
    const allocated = allocatedBetween(summarize(await loadSnapshot(base)), await loadSnapshot(target));
    const report = findLeaks(allocated, await loadSnapshot(final));
    assert.equal(report.byClass.find((c) => c.name === 'CacheEntry')?.count, 2000);
    assert.equal(report.byClass.find((c) => c.name === 'Scratch'), undefined);
    const top = report.byPath[0]!;
    assert.equal(top.className, 'CacheEntry');
    assert.ok(top.traces >= 1990, `${top.traces} entries by one path`);
    // Each entry holds its `value` object: counted with it, on the same trace.
    assert.ok(top.count >= 2 * top.traces);
    assert.match(pathText(top), /Map --table--> \(array\) --\[\]--> CacheEntry$/);
  });

  it('find the listeners left subscribed and the contexts their closures capture', async () => {
    const { base, target, final } = await series('listener-leak.cjs');
    const allocated = allocatedBetween(summarize(await loadSnapshot(base)), await loadSnapshot(target));
    const snap = await loadSnapshot(final);
    const report = findLeaks(allocated, snap);
    assert.equal(report.byClass.find((c) => c.name === 'RequestContext')?.count, 400);
    const top = report.byPath[0]!;
    // The emitter's listener array for 'config' was made after the baseline (a second listener
    // turns the one function into an array): it is the first leaked object on the path, and the
    // 400 listeners, their scopes, contexts and bodies hang below it, one trace.
    assert.equal(top.className, 'Array');
    assert.equal(top.traces, 1);
    assert.equal(top.count, report.count);
    assert.equal(report.byClass.find((c) => c.name === '(closure)')?.count, 400);
    assert.match(pathText(top), /--bus--> EventEmitter --_events--> Object --config--> Array$/);
    // Growth over the same two snapshots: 400 contexts more, and nothing of the cleaned-up requests.
    const rows = growth(summarize(await loadSnapshot(base)), snap);
    assert.equal(rows.find((r) => r.name === 'RequestContext')?.delta, 400);
  });
});

describe('IdSet', () => {
  it('answers like a Set, for ids in the bitmap and past it, packed and unpacked', () => {
    const ids = [1, 3, 5, 99, 2 ** 31 + 6, 4_000_000_002, 70_001];
    const set = IdSet.from(ids);
    for (const s of [set, IdSet.fromPacked(set.toPacked())]) {
      for (const id of ids) assert.equal(s.has(id), true, `${id}`);
      for (const id of [0, 2, 7, 98, 2 ** 31 + 4, 4_000_000_000, 70_003]) assert.equal(s.has(id), false, `${id}`);
      assert.equal(s.size, ids.length);
      assert.equal(s.maxHeapId, 70_001);
    }
  });
});
