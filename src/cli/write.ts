import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors.js';
import { OutputError, outputError, writeOutputFile } from './output-file.js';
import { describeWriteError } from './write-errors.js';

/** The streams writeOutput needs: where stdout goes, and the folder relative names start from. */
export interface OutputIO {
  stdout: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  cwd: string;
}

/**
 * Names of the process's own stdout and stderr. They are written through the streams: opening them
 * by name fails when the descriptor is a socket (ENXIO; Node's child processes get socket pairs),
 * and truncating them would cut what the caller's shell already wrote.
 */
const STDOUT_NAMES = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`]);
const STDERR_NAMES = new Set(['/dev/stderr', '/dev/fd/2', '/proc/self/fd/2', `/proc/${process.pid}/fd/2`]);

/**
 * Where a command's "written to FILE" line goes: stderr when FILE is the process's own stdout by
 * name (`-o /dev/stdout`), so that the line does not end up inside what was written.
 */
export function summaryStream(io: OutputIO, output: string): NodeJS.WritableStream {
  return STDOUT_NAMES.has(resolve(io.cwd, output)) && io.stderr ? io.stderr : io.stdout;
}

/**
 * What a command writes: text, bytes, or text in chunks made as they are written (a million-node
 * graph's DOT, JSON or text, never one string: see src/output/chunks.ts).
 */
export type OutputData = string | Uint8Array | Iterable<string>;

/** What writeOutput takes: also bytes read as they are written (a file's read stream: --save copies a snapshot of any size). */
export type WriteData = OutputData | AsyncIterable<Uint8Array>;

/**
 * Writes the command's result to `output` (a path as typed, resolved against io.cwd), or to stdout
 * when it is undefined or `-`. Regular files are replaced atomically; devices, FIFOs and
 * /dev/stdout are written in place, as a shell's `>` would; a directory is refused. A reader that
 * goes away (EPIPE) ends the write quietly, as Unix tools do; any other failure is one CliError line.
 */
export async function writeOutput(io: OutputIO, output: string | undefined, data: WriteData): Promise<void> {
  if (output === undefined || output === '-') return writeStream(io.stdout, data, 'standard output');
  const path = resolve(io.cwd, output);
  if (STDOUT_NAMES.has(path)) return writeStream(io.stdout, data, 'standard output');
  if (STDERR_NAMES.has(path) && io.stderr) return writeStream(io.stderr, data, 'standard error');
  return writeFileAs(path, output, data);
}

/** Replaces the file at `path` whole, or leaves it as it was (kept for callers outside writeOutput). */
export async function writeAtomic(path: string, data: OutputData): Promise<void> {
  return writeOutput({ stdout: process.stdout, cwd: process.cwd() }, path, data);
}

async function writeFileAs(path: string, shown: string, data: WriteData): Promise<void> {
  try {
    await writeOutputFile(path, shown, (handle) =>
      writeFile(handle, data).catch((e: NodeJS.ErrnoException) => {
        // A FIFO's reader that went away ends the write quietly, as with stdout.
        if (e.code !== 'EPIPE') throw outputError(shown, e);
      }),
    );
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message);
    throw e;
  }
}

async function writeStream(stream: NodeJS.WritableStream, data: WriteData, name: string): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) return void (await writeOnce(stream, data, name));
  // Chunk by chunk, each waited for: a slow reader holds the writer back instead of the chunks
  // piling up in memory, and one that went away stops the writing.
  if (Symbol.asyncIterator in data) {
    for await (const chunk of data) if (!(await writeOnce(stream, chunk, name))) return;
  } else {
    for (const chunk of data) if (!(await writeOnce(stream, chunk, name))) return;
  }
}

/**
 * One write to a stream, waited for; false when the reader went away (nothing more is worth
 * writing). The listener stays on: a stream that has failed once may report again later (a pipe
 * closed under a pending write), and an 'error' event with no listener would end the process with
 * a stack trace.
 */
async function writeOnce(stream: NodeJS.WritableStream, data: string | Uint8Array, name: string): Promise<boolean> {
  quietErrors(stream);
  const failed = (stream as { backrefsFailed?: NodeJS.ErrnoException }).backrefsFailed;
  if (failed) return checkStreamError(failed, name);
  const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
    try {
      stream.write(data, (e) => done(e ?? undefined));
    } catch (e) {
      done(e as NodeJS.ErrnoException);
    }
  });
  return error ? checkStreamError(error, name) : true;
}

function checkStreamError(e: NodeJS.ErrnoException, name: string): false {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return false;
  throw new CliError(`cannot write to ${name}: ${describeWriteError(e)}`);
}

function quietErrors(stream: NodeJS.WritableStream): void {
  const s = stream as NodeJS.WritableStream & { backrefsQuiet?: boolean; backrefsFailed?: NodeJS.ErrnoException };
  if (s.backrefsQuiet) return;
  s.backrefsQuiet = true;
  s.on('error', (e: NodeJS.ErrnoException) => {
    s.backrefsFailed ??= e;
  });
}

/** True when writing `output` would overwrite the snapshot being read. */
export function sameFile(input: string, output: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(input) === real(output);
}
