import { resolve } from 'node:path';
import type { RetainerGraph } from '../graph/types.js';
import { flag, text, texts } from './args.js';
import type { CliIO } from './command.js';
import { encodeGraph, layoutProblem } from './encode.js';
import { CliError } from './errors.js';
import { chooseFormat, type Format } from './formats.js';
import { displayProblem, viewDot, viewTemporaryDot } from './view.js';
import { summaryStream, writeOutput } from './write.js';

/** Where and how a drawing command writes its graph, checked before the snapshot is read. */
export interface DrawingTarget {
  readonly snapshotPath: string | undefined;
  /** -o as given; `-` and none both mean stdout */
  readonly output: string | undefined;
  readonly toFile: boolean;
  readonly format: Format;
  readonly view: boolean;
}

/** -o, --format and --view of a command that draws a graph: refused before minutes of reading, where they cannot work. */
export function drawingTarget(args: Readonly<Record<string, unknown>>): DrawingTarget {
  const output = text(args, 'output');
  const toFile = output !== undefined && output !== '-';
  const snapshotPath = text(args, 'snapshot');
  const view = flag(args, 'view');
  const format = chooseFormat({ output: toFile ? output : undefined, format: text(args, 'format') as Format | undefined, view });
  // With -o the file is still worth writing; without, nothing could come of the run.
  const noDisplay = view && !toFile ? displayProblem() : undefined;
  if (noDisplay) throw new CliError(`${noDisplay}; write the graph with -o FILE.dot instead`);
  return { snapshotPath, output, toFile, format, view };
}

/**
 * Encodes the graph (refusing a layout that would take minutes), writes it or opens it in xdot,
 * and only then says what was found: a failure is then the only line.
 */
export async function deliverGraph(
  graph: RetainerGraph,
  target: DrawingTarget,
  o: { args: Readonly<Record<string, unknown>>; io: CliIO; summary: string; note: (line: string) => void; clock: (phase: string) => void },
): Promise<void> {
  const { io, summary, note } = o;
  const { format, toFile, output, view } = target;
  const tooBig = format === 'svg' || format === 'png' || format === 'pdf' ? layoutProblem(graph) : undefined;
  if (tooBig) throw new CliError(`${summary}; ${tooBig} to lay out as ${format.toUpperCase()} in reasonable time: write -o FILE.dot or .json, or draw fewer (--max-nodes, --depth, --max-targets)`);
  const highlight = new Set(texts(o.args, 'highlight'));
  const data = await encodeGraph(graph, format, { highlight: (n) => highlight.has(n.className), color: !toFile && (io.stdout as NodeJS.WriteStream).isTTY === true });
  o.clock(format);
  // Every box drawn, objgraph's "more" boxes included (the other views count those inside a box); the legend is not counted.
  const count = graph.nodes.length + (graph.walk === 'why' || graph.walk === 'refs' ? 0 : graph.more.length);
  if (toFile) {
    await writeOutput(io, resolve(io.cwd, output!), data);
    note(summary);
    // Written to stdout by name (`-o /dev/stdout`): the message must not end up inside the graph.
    summaryStream(io, output!).write(`Graph written to ${output} (${count} nodes)\n`);
    if (view) await viewDot(resolve(io.cwd, output!));
  } else if (view) {
    const file = await viewTemporaryDot(data);
    note(`${summary}\nGraph opened in xdot (${count} nodes); its DOT file stays in ${file}`);
  } else {
    await writeOutput(io, undefined, data);
    note(summary);
  }
}
