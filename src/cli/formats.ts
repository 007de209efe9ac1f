import { extname } from 'node:path';
import { CliError } from './errors.js';

export const FORMATS = ['dot', 'svg', 'png', 'json', 'text'] as const;
export type Format = (typeof FORMATS)[number];

const EXTENSIONS: Record<string, Format> = { '.dot': 'dot', '.gv': 'dot', '.svg': 'svg', '.png': 'png', '.json': 'json', '.txt': 'text' };

/** The format asked for: --format, else the -o extension, else `fallback`. */
export function formatOf(output: string | undefined, format: string | undefined, fallback: Format): Format {
  if (format !== undefined) return format as Format;
  if (output === undefined) return fallback;
  const found = EXTENSIONS[extname(output).toLowerCase()];
  if (found) return found;
  throw new CliError(`cannot tell the format of -o ${output} from its extension: use ${Object.keys(EXTENSIONS).join(', ')}, or say --format`);
}
