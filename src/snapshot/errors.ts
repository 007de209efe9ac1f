/**
 * The one kind of error backrefs reports to users: what is wrong, in which file, and where.
 * The CLI prints `message` as a single line; nothing else about the failure is shown.
 */
export type SnapshotErrorCode =
  | 'ENOENT' // missing file
  | 'EACCES' // unreadable file
  | 'EISDIR' // a directory was given
  | 'EEMPTY' // zero bytes
  | 'EFORMAT' // not JSON / not a heap snapshot / malformed
  | 'ETRUNCATED' // input ended early
  | 'ECOUNTS' // header counts disagree with the arrays
  | 'ERANGE' // a reference points outside its table
  | 'ELIMIT'; // beyond what backrefs can represent

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly code: SnapshotErrorCode,
    /** The file (or `<stdin>`) the problem is in. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** Shown when the input has no path (a stream or a buffer). */
export const STREAM_NAME = '<stream>';
