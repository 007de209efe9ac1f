import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { SnapshotError } from './errors.js';

/** What `loadSnapshot` reads from: a path, bytes, or a stream of bytes (e.g. `process.stdin`). */
export type SnapshotInput = string | Uint8Array | AsyncIterable<Uint8Array>;

export interface ByteSource {
  /** The name used in messages. */
  readonly name: string;
  /** Bytes of the decoded snapshot, when known before reading (plain files). */
  readonly size: number | undefined;
  /** Bytes on disk, for progress (the compressed size for .gz). */
  readonly diskSize: number | undefined;
  /** The path of a plain (not compressed) file: it can be read at any offset. */
  readonly path?: string;
  /** Yields chunks that are only valid until the next one is requested. */
  chunks(onRead?: (diskBytes: number) => void): AsyncIterable<Buffer>;
}

/** Bytes read at a time: big enough that per-read costs vanish, small enough to stay in cache. */
export const CHUNK = 4 * 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

export async function openSource(input: SnapshotInput, name?: string): Promise<ByteSource> {
  if (typeof input === 'string') return openFile(input, name ?? input);
  const label = name ?? (input instanceof Uint8Array ? '<buffer>' : '<stream>');
  if (input instanceof Uint8Array) {
    const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (isGzip(buf)) return streamSource(label, [buf], buf.length);
    return {
      name: label,
      size: buf.length,
      diskSize: buf.length,
      async *chunks(onRead) {
        for (let i = 0; i < buf.length; i += CHUNK) {
          onRead?.(Math.min(buf.length, i + CHUNK));
          yield buf.subarray(i, i + CHUNK);
        }
      },
    };
  }
  return streamSource(label, input, undefined);
}

/** A file, read from `path` and called `name` in messages. */
async function openFile(path: string, name: string): Promise<ByteSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new SnapshotError('EISDIR', name, 'is a directory, not a heap snapshot file');
    // A pipe, FIFO or terminal (`<(zcat x.gz)`, /dev/stdin) cannot be read at an offset: read it
    // once, front to back, as the stream it is.
    if (!st.isFile()) return streamSource(name, lazyStream(path), undefined);
    size = st.size;
  } catch (e) {
    throw fileError(e, name);
  }
  const handle = await open(path, 'r').catch((e: unknown) => {
    throw fileError(e, name);
  });
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0).finally(() => handle.close());
  if (bytesRead === 2 && isGzip(head)) return streamSource(name, createReadStream(path, { highWaterMark: CHUNK }), undefined, size);
  return {
    name,
    path,
    size,
    diskSize: size,
    async *chunks(onRead) {
      const handle = await open(path, 'r').catch((e: unknown) => {
        throw fileError(e, name);
      });
      // One buffer, reused for every read: the file is never held whole.
      const buf = Buffer.allocUnsafe(CHUNK);
      let total = 0;
      try {
        for (;;) {
          const { bytesRead: n } = await handle.read(buf, 0, CHUNK, null);
          if (n === 0) break;
          total += n;
          onRead?.(total);
          yield buf.subarray(0, n);
        }
      } catch (e) {
        throw fileError(e, name);
      } finally {
        await handle.close();
      }
    },
  };
}

async function gunzipped(bytes: AsyncIterable<Uint8Array>): Promise<AsyncIterable<Buffer>> {
  const [{ Readable }, { createGunzip }] = await Promise.all([import('node:stream'), import('node:zlib')]);
  return Readable.from(bytes).pipe(createGunzip());
}

/** A stream, gunzipped when it starts with the gzip magic bytes. */
function streamSource(name: string, input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, size: number | undefined, diskSize = size): ByteSource {
  return {
    name,
    size: undefined,
    diskSize,
    async *chunks(onRead) {
      let compressedBytes = 0;
      const counted = (async function* () {
        for await (const chunk of input) {
          compressedBytes += chunk.length;
          yield chunk;
        }
      })();
      const it = counted[Symbol.asyncIterator]();
      // Gather at least the two magic bytes before deciding on gzip: a stream may deliver them in
      // separate chunks (or start with empty ones), and a split magic must not read as plain JSON.
      let head = Buffer.alloc(0);
      while (head.length < GZIP_MAGIC.length) {
        const r = await it.next();
        if (r.done) break;
        head = Buffer.concat([head, r.value]);
      }
      if (head.length === 0) return;
      const rest = (async function* () {
        yield head;
        for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
      })();
      // zlib and stream are loaded for compressed input only: a plain file's load is a few ms shorter.
      const bytes: AsyncIterable<Buffer> = isGzip(head) ? await gunzipped(rest) : (rest as AsyncIterable<Buffer>);
      try {
        for await (const chunk of bytes) {
          onRead?.(compressedBytes);
          yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        }
      } catch (e) {
        if (e instanceof SnapshotError) throw e;
        const err = e as NodeJS.ErrnoException;
        if (err.code?.startsWith('Z_')) throw new SnapshotError('EFORMAT', name, `not a valid gzip file (${err.message})`);
        throw fileError(e, name);
      }
    },
  };
}

/** Opened when first read: opening a FIFO waits for its writer, and a failure belongs to the read. */
function lazyStream(path: string): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: CHUNK })[Symbol.asyncIterator](),
  };
}

function isGzip(b: Uint8Array): boolean {
  return b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1];
}

export function fileError(e: unknown, path: string): unknown {
  if (e instanceof SnapshotError) return e;
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return new SnapshotError('ENOENT', path, 'no such file');
    case 'EACCES':
    case 'EPERM':
      return new SnapshotError('EACCES', path, 'permission denied (cannot read the file)');
    case 'EISDIR':
      return new SnapshotError('EISDIR', path, 'is a directory, not a heap snapshot file');
    default:
      return err.code ? new SnapshotError('EFORMAT', path, `cannot read: ${err.message}`) : e;
  }
}
