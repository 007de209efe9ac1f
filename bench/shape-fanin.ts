/**
 * Child process of generate-shapes: a few `Hub` objects each held by 10^5-10^6 edges. One is the
 * `hub` property of COUNT `Leaf` objects, one the value of COUNT/4 entries of a Map, one every
 * element of an array of COUNT/4; the leaves also sit in a big Set. `node shape-fanin.js OUT COUNT`.
 */
import { buildAndWrite } from './shape-write.js';

class Hub {
  constructor(readonly name: string) {}
}
class Leaf {
  constructor(
    readonly index: number,
    readonly hub: Hub,
  ) {}
}

buildAndWrite('shape-fanin', (count) => {
  const byProperty = new Hub('held by properties');
  const byMap = new Hub('held by a Map');
  const byArray = new Hub('held by an array');
  const leaves: Leaf[] = [];
  for (let i = 0; i < count; i++) leaves.push(new Leaf(i, byProperty));
  const map = new Map<number, Hub>();
  for (let i = 0; i < count / 4; i++) map.set(i, byMap);
  const array = new Array<Hub>(Math.floor(count / 4)).fill(byArray);
  const set = new Set<Leaf>();
  for (let i = 0; i < count; i += 2) set.add(leaves[i]!);
  return { leaves, map, array, set };
});
