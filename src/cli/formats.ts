import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { CliError } from './errors.js';

export const FORMATS = ['dot', 'svg', 'png', 'pdf', 'json', 'text'] as const;
export type Format = (typeof FORMATS)[number];

/** What `-o NAME.EXT` writes when no --format is given. */
export const EXTENSIONS: Readonly<Record<string, Format>> = {
  '.dot': 'dot',
  '.gv': 'dot',
  '.svg': 'svg',
  '.png': 'png',
  '.pdf': 'pdf',
  '.json': 'json',
  '.txt': 'text',
};

/** Formats that are bytes, not text: never written to a terminal or a pipe by accident. */
const BINARY: ReadonlySet<Format> = new Set(['png', 'pdf']);

export interface FormatRequest {
  /** The -o file, undefined for stdout. */
  output: string | undefined;
  /** --format, when given. */
  format: Format | undefined;
  /** --view: the graph goes to xdot, which reads DOT. */
  view: boolean;
}

/**
 * The format to write, from --format or else the -o extension, checked before the snapshot is
 * read so a run that cannot succeed fails at once. An extension backrefs cannot write, or none,
 * is refused unless --format says what to write: a file named x.pdf or x must not quietly get DOT.
 */
export function chooseFormat({ output, format, view }: FormatRequest): Format {
  const chosen = format ?? (output === undefined ? 'dot' : fromExtension(output));
  if (view && chosen !== 'dot') throw new CliError(`--view opens DOT in xdot: use -o FILE.dot or no -o, not ${chosen}`);
  if (BINARY.has(chosen) && output === undefined) throw new CliError(`${chosen.toUpperCase()} output needs a file: -o FILE.${chosen}`);
  if (chosen === 'pdf' && !hasSystemDot()) {
    throw new CliError('PDF output needs Graphviz\'s dot program, which is not installed (apt-get install graphviz, brew install graphviz); write .svg or .png instead');
  }
  return chosen;
}

function fromExtension(output: string): Format {
  const ext = extname(output).toLowerCase();
  const known = Object.keys(EXTENSIONS).join(', ');
  if (ext === '') throw new CliError(`-o ${output} has no extension to tell the format: name it ${output}.dot (or ${known}), or say --format dot`);
  const format = EXTENSIONS[ext];
  if (format === undefined) throw new CliError(`-o ${output}: backrefs cannot write ${ext} files; it writes ${known} (or say --format)`);
  return format;
}

function hasSystemDot(): boolean {
  // Required here, not imported with the module: child_process costs every run about 6 ms to load.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return spawnSync('dot', ['-V'], { stdio: 'ignore' }).error === undefined;
}
