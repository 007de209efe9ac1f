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
    super(printable(`${file}: ${detail}`));
  }
}

/**
 * Messages quote the input now and then (a top-level key, a JSON.parse complaint about the header).
 * Control characters and line separators are written as `\uXXXX`, so that a message stays one
 * line and a hostile file cannot send escape sequences to the user's terminal through it.
 */
function printable(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
