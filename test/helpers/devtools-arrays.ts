/** DevTools' JSHeapSnapshot with the arrays and calls the retained-size tests read (devtools.ts has the plain loader). */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'heap-snapshot-toolkit';

/** The parts of DevTools' JSHeapSnapshot the tests read (its typings do not list them). */
export interface DevToolsSnapshot {
  nodeCount: number;
  nodeFieldCount: number;
  nodeSelfSizeOffset: number;
  nodes: { getValue(i: number): number } | Uint32Array;
  dominatorsTree: Uint32Array;
  retainedSizes: Float64Array;
  createNode(nodeIndex: number): { nodeIndex: number; className(): string; classKeyInternal(): string | number };
  buildAggregates(filter?: unknown): Map<string | number, { name: string; count: number; self: number; maxRet: number }>;
  calculateClassesRetainedSize(aggregates: Map<string | number, unknown>, filter?: unknown): void;
  createNamedFilter(name: string): (node: { nodeIndex: number }) => boolean;
  getAggregatesByClassKey(sorted: boolean, key: string): Record<string, { name: string; count: number; self: number; maxRet: number }>;
}

/** Chrome DevTools' reading of a file (gunzipped when .gz) or of JSON text, with heap-snapshot-toolkit. */
export async function devtools(input: string | { json: string }): Promise<DevToolsSnapshot> {
  let stream: Readable;
  if (typeof input !== 'string') stream = Readable.from([input.json]);
  else {
    stream = createReadStream(input);
    if (input.endsWith('.gz')) stream = stream.pipe(createGunzip());
    stream.setEncoding('utf8');
  }
  return (await parse(stream as unknown as Parameters<typeof parse>[0])) as unknown as DevToolsSnapshot;
}
