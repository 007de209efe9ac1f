/** A fenced code block of a Markdown file, with where it is and whether it opted out of running. */
export interface CodeBlock {
  readonly file: string;
  readonly lang: string;
  /** 1-based line of the first line of code (after the opening fence). */
  readonly line: number;
  /** The code, dedented by the fence's own indentation (a block inside a list item). */
  readonly code: string;
  /** `<!-- not run -->` on the last non-blank line before the fence. */
  readonly notRun: boolean;
  /** The prose just before the fence (its paragraph), e.g. the link to the file it shows. */
  readonly before: string;
}

/** The fenced blocks of a Markdown text, and its prose with the blocks blanked out (line numbers kept). */
export function parseMarkdown(file: string, text: string): { blocks: CodeBlock[]; prose: string[] } {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const prose = [...lines];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```\s*([\w-]*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++;
    const code = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
    let p = i - 1;
    while (p >= 0 && lines[p]!.trim() === '') p--;
    let start = p;
    while (start > 0 && lines[start - 1]!.trim() !== '' && !/^\s*```/.test(lines[start - 1]!)) start--;
    blocks.push({
      file,
      lang: open[2]!,
      line: i + 2,
      code: code.join('\n'),
      notRun: p >= 0 && /^\s*<!--\s*not run\s*-->\s*$/.test(lines[p]!),
      before: p >= 0 ? lines.slice(start, p + 1).join('\n') : '',
    });
    for (let k = i; k <= end && k < lines.length; k++) prose[k] = '';
    i = end;
  }
  return { blocks, prose };
}
