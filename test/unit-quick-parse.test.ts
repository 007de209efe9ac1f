import assert from 'node:assert/strict';
import { test } from 'node:test';
import yargs from 'yargs';
import { defineOptions, OPTIONS } from '../src/cli/options.js';
import { quickParse } from '../src/cli/quick-parse.js';

/** What main() reads from the parsed arguments. */
const KEYS = ['snapshot', ...Object.keys(OPTIONS)];

async function viaYargs(argv: string[]): Promise<Record<string, unknown> | string> {
  try {
    const args = await defineOptions(yargs(argv))
      .exitProcess(false)
      .fail((msg, err) => {
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
    ['123', '-t', '7'],
    ['snap', '-td'],
  ];
  const leftToYargs: string[][] = [
    ['--help'],
    ['-h'],
    ['--version'],
    ['snap', '--typo', 'X'],
    ['snap', 'other', '-t', 'Test'],
    ['snap', '-t', 'Test', '--format', 'gif'],
    ['snap', '-x'],
  ];
  for (const argv of accepted) {
    const quick = quickParse(argv);
    assert.ok(quick, `quick parser accepts ${JSON.stringify(argv)}`);
    const slow = await viaYargs(argv);
    assert.equal(typeof slow, 'object', `yargs accepts ${JSON.stringify(argv)}: ${String(slow)}`);
    assert.deepEqual(project(quick), project(slow as Record<string, unknown>), JSON.stringify(argv));
  }
  for (const argv of leftToYargs) {
    assert.equal(quickParse(argv), undefined, `left to yargs: ${JSON.stringify(argv)}`);
    assert.equal(typeof (await viaYargs(argv)), 'string', `yargs has something to say about ${JSON.stringify(argv)}`);
  }
  // yargs binds what follows `--` itself.
  assert.equal(quickParse(['--type', 'A', '--', 'file']), undefined);
  // Both parsers were handed the same table: neither wrote into its defaults.
  assert.deepEqual([OPTIONS.type.default, OPTIONS.ignore.default, OPTIONS['node-type'].default], [[], [], ['object']]);
});

test('defaults are fresh on every parse', () => {
  const first = quickParse(['-t', 'A']);
  (first!['ignore'] as string[]).push('mutated');
  assert.deepEqual(quickParse([])!['ignore'], []);
  assert.deepEqual(quickParse([])!['type'], []);
});
