import { resolve } from 'node:path';
import { text, wholeNumber } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { CliError } from '../errors.js';

/** A snapshot of a running Node.js process, through its inspector. */
export const command: Command = {
  name: 'capture',
  positionals: [],
  options: {
    pid: { type: 'number', alias: 'p', describe: 'the process id of a Node.js process of yours', demandOption: true },
    output: { type: 'string', alias: 'o', describe: 'where the snapshot goes (written whole or not at all)', demandOption: true },
    port: { type: 'number', default: 9229, describe: "the process's inspector port, when /proc cannot tell" },
    timeout: { type: 'number', default: 5000, describe: 'ms to wait for the inspector to open' },
  },
  examples: [['backrefs capture --pid 4242 -o app.heapsnapshot', 'then: backrefs app.heapsnapshot --type Session']],
  run,
};

async function run(args: Readonly<Record<string, unknown>>, io: CliIO): Promise<void> {
  const pid = wholeNumber(args, 'pid');
  const output = text(args, 'output');
  if (pid === undefined) throw new CliError('capture needs --pid PID');
  if (output === undefined || output === '-') throw new CliError('capture needs -o FILE.heapsnapshot');
  const [{ captureByPid, CaptureError }, { summaryStream }] = await Promise.all([import('../../live/capture-pid.js'), import('../write.js')]);
  try {
    const r = await captureByPid(pid, resolve(io.cwd, output), {
      port: wholeNumber(args, 'port') ?? 9229,
      timeoutMs: wholeNumber(args, 'timeout') ?? 5000,
      // The wait can be seconds for a big heap: say why Ctrl-C did not end it at once.
      onInterrupt: () => io.stderr.write(`backrefs: interrupted: closing the inspector of process ${pid} first (once more leaves it open)\n`),
    });
    if (r.wasOpen) io.stderr.write(`note: process ${pid} already had an inspector open (${r.inspector}): used it and left it open\n`);
    summaryStream(io, output).write(`Snapshot of process ${pid} written to ${output} (${r.bytes} bytes)\n`);
  } catch (e) {
    if (e instanceof CaptureError) throw new CliError(e.message);
    throw e;
  }
}
