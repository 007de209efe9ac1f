/**
 * About how many characters each chunk holds: enough that writes are few, and few enough that the
 * pieces gathered die young (at a megabyte they outlived the young generation and the major
 * collections they caused, each through the whole graph in the heap, took most of the time).
 */
export const CHUNK = 1 << 16;

/**
 * Text gathered a piece at a time and taken in chunks of about CHUNK characters, so that a big
 * output (DOT, JSON or text of a million-node graph) is streamed and never one string: V8 refuses
 * strings past 2^29 characters, and one of hundreds of megabytes is slow to build and to write.
 */
export class Chunks {
  /** Pieces since the last take, joined when taken: one flat string, not a rope of thousands. */
  private parts: string[] = [];
  private size = 0;

  add(piece: string): void {
    this.parts.push(piece);
    this.size += piece.length;
  }

  /** The text since the last take, once there is a chunk's worth; otherwise undefined. */
  take(): string | undefined {
    return this.size < CHUNK ? undefined : this.rest();
  }

  /** All the text since the last take. */
  rest(): string {
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return chunk;
  }
}

/** Chunks joined, for a caller that wants one string (and a graph small enough for one). */
export function whole(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}
