import assert from 'node:assert/strict';
import { test } from 'node:test';
import yargs from 'yargs';
import { command as why } from '../src/cli/commands/why.js';
import { quickParse } from '../src/cli/quick-parse.js';
import { defineCommand } from '../src/cli/yargs.js';

const OPTIONS = why.options as Record<string, { default?: unknown }>;
/** What main() reads from the parsed arguments. */
const KEYS = ['snapshot', ...Object.keys(OPTIONS)];

/** The quick parser's arguments, or undefined when it leaves the line to yargs. */
function quick(argv: string[]): Record<string, unknown> | undefined {
  const q = quickParse(argv, why);
  return q && 'args' in q ? q.args : undefined;
}

async function viaYargs(argv: string[]): Promise<Record<string, unknown> | string> {
  try {
    const args = await defineCommand(yargs(argv), why)
      .exitProcess(false)
      .fail((msg: string, err?: Error) => {
        throw new Error(msg || err?.message);
      })
      .showHelpOnFail(false)
      .parseAsync();
    return args['help'] || args['version'] ? 'help or version' : args;
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
}

const project = (args: Record<string, unknown>) => Object.fromEntries(KEYS.map((k) => [k, args[k]]));

test('the quick parser reads every command line it accepts exactly as yargs does, and leaves the rest to yargs', async () => {
  const accepted: string[][] = [
    [],
    ['app.heapsnapshot', '--type', 'Test', '--depth', '10', '-o', 'out.dot'],
    ['-t', 'A', '-t', 'B', 'snap', '--id', '@12', '--id', '34'],
    ['--type', 'A', 'B'],
    ['--type=Test', '--depth=3', '--max-targets', '2', '--too-many=4'],
    ['snap', '-t', 'Test', '--raw', '--include-weak', '--no-view', '--timings'],
    ['snap', '-t', 'Test', '--node-type', 'closure', 'native', '--ignore', 'Map', '--highlight', 'Test'],
    ['snap', '-t', 'Test', '-f', 'json', '--output', 'graph.json'],
    ['snap', '-t', 'Test', '--format', 'svg', '-d', 'x'],
    ['snap', '--maxTargets', '3', '--tooMany', '5', '--nodeType', 'all', '--includeWeak'],
    ['snap', '-t', 'Test', '--walk', 'bfs', '--max-nodes', '20', '--individual', '--cycles'],
    ['123', '-t', '7'],
    ['snap', '-td'],
  ];
  const leftToYargs: string[][] = [
    ['--help'],
    ['-h'],
    ['--version'],
    ['snap', '--typo', 'X'],
    ['snap', '-t', 'Test', '--format', 'gif'],
    ['snap', '-x'],
  ];
  for (const argv of accepted) {
    const fast = quick(argv);
    assert.ok(fast, `quick parser accepts ${JSON.stringify(argv)}`);
    const slow = await viaYargs(argv);
    assert.equal(typeof slow, 'object', `yargs accepts ${JSON.stringify(argv)}: ${String(slow)}`);
    assert.deepEqual(project(fast), project(slow as Record<string, unknown>), JSON.stringify(argv));
  }
  for (const argv of leftToYargs) {
    assert.equal(quickParse(argv, why), undefined, `left to yargs: ${JSON.stringify(argv)}`);
    assert.equal(typeof (await viaYargs(argv)), 'string', `yargs has something to say about ${JSON.stringify(argv)}`);
  }
  // yargs binds what follows `--` itself.
  assert.equal(quickParse(['--type', 'A', '--', 'file'], why), undefined);
  // Both parsers were handed the same table: neither wrote into its defaults.
  assert.deepEqual([OPTIONS['type']!.default, OPTIONS['ignore']!.default, OPTIONS['node-type']!.default], [[], [], ['object']]);
});

test('a second snapshot is reported by the quick parser, so the message can say what the command takes', () => {
  assert.deepEqual(quickParse(['snap', 'other', '-t', 'Test'], why), { extraPositionals: ['other'] });
});

test('defaults are fresh on every parse', () => {
  const first = quick(['-t', 'A']);
  (first!['ignore'] as string[]).push('mutated');
  assert.deepEqual(quick([])!['ignore'], []);
  assert.deepEqual(quick([])!['type'], []);
});
