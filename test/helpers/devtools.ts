import { createReadStream, type ReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'heap-snapshot-toolkit';

/** A snapshot as Chrome DevTools' heap snapshot worker builds it. */
export type DevToolsSnapshot = Awaited<ReturnType<typeof parse>>;

/** Loads a .heapsnapshot (or .heapsnapshot.gz, through gunzip) with DevTools' own code. */
export function loadDevTools(file: string): Promise<DevToolsSnapshot> {
  const raw = createReadStream(file);
  let stream: NodeJS.ReadableStream = raw;
  if (file.endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    stream = raw.pipe(gunzip);
  }
  stream.setEncoding('utf8');
  // parse() reads any Node stream by its 'data' and 'end' events; the gunzip stream is one too.
  return parse(stream as ReadStream);
}

/** DevTools' distance of every node from the roots, by node ordinal (its `nodeDistances`). */
export async function devtoolsDistances(file: string): Promise<Int32Array> {
  return (await loadDevTools(file)).nodeDistances;
}
