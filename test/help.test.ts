/**
 * `--help` and `--version`: written by backrefs itself from the option tables the parsers are
 * given, and answered without loading a parser or any command's code; and what the default
 * command loads to read a plain file.
 */
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import type { Options } from 'yargs';
import type { CliIO } from '../src/cli/command.js';
import { COMMANDS } from '../src/cli/command-list.js';
import { main } from '../src/cli/main.js';
import { VERSION } from '../src/cli/version.js';
import { modulesLoaded } from './helpers/loaded-modules.js';
import { scenarioSnapshot, tempDir } from './helpers/scenarios.js';

/** main() in this process, its stdout `columns` wide (undefined: not a terminal). */
async function run(argv: readonly string[], columns?: number): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        add(String(chunk));
        done();
      },
    });
  const stdout = Object.assign(sink((s) => (out += s)), columns === undefined ? {} : { columns });
  const io: CliIO = { stdout, stderr: sink((s) => (err += s)), stdin: Readable.from([]), cwd: tempDir() };
  const code = await main(argv, io);
  return { code, out, err };
}

/** Text with every run of spaces and line breaks as one space: what wrapping cannot change. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What an option's row must end with: its type, whether it is required, its choices, its default. */
function notes(o: Options): string {
  const type = o.array ? '[array]' : o.type ? `[${o.type}]` : '';
  const choices = o.choices ? `[choices: ${(o.choices as readonly string[]).map((c) => `"${c}"`).join(', ')}]` : '';
  return [type, o.demandOption ? '[required]' : '', choices, o.default === undefined ? '' : `[default: ${JSON.stringify(o.default)}]`].filter(Boolean).join(' ');
}

test("each command's help shows its usage, summary, positionals, every option of its table (alias, type, choices, default) and its examples", async () => {
  for (const [name, { usage, summary, load }] of Object.entries(COMMANDS)) {
    const { command } = await load();
    assert.equal(command.name, name);
    const { code, out } = await run([name, '--help']);
    assert.equal(code, 0, name);
    const text = flat(out);
    assert.ok(text.startsWith(flat(`backrefs ${name} ${usage} ${summary}`)), `${name}: ${text.slice(0, 200)}`);
    for (const p of command.positionals) assert.ok(text.includes(flat(`${p.name} ${p.describe} [${p.array ? 'array' : 'string'}]`)), `${name}: positional ${p.name}`);
    for (const [option, o] of Object.entries(command.options)) {
      const row = flat(`${typeof o.alias === 'string' ? `-${o.alias}, ` : ''}--${option} ${o.describe} ${notes(o)}`);
      assert.ok(text.includes(row), `${name} --help lacks: ${row}`);
    }
    assert.ok(text.includes('-h, --help Show help [boolean] --version Show version number [boolean]'), name);
    for (const [example, meaning] of command.examples) assert.ok(text.includes(flat(`${example} ${meaning}`)), `${name}: example ${example}`);
    assert.ok(!text.includes('Commands:'), `${name}: only the default help lists the commands`);
  }
});

test('the default help is the why command\'s, with every command (completion too) listed under it', async () => {
  const { code, out } = await run(['--help']);
  assert.equal(code, 0);
  assert.ok(out.startsWith(`backrefs ${COMMANDS['why']!.usage}\n\n`), out.slice(0, 100));
  assert.equal(out.slice(0, out.indexOf('\nCommands:\n')), (await run(['why', '--help'])).out.replace(/^backrefs why /, 'backrefs '), "the why command's help");
  const list = flat(out.slice(out.indexOf('\nCommands:\n')));
  for (const [name, { usage, summary }] of Object.entries(COMMANDS)) assert.ok(list.includes(flat(`backrefs ${name === 'why' ? '' : `${name} `}${usage} ${summary}`)), `lists ${name}`);
  assert.ok(list.includes('backrefs completion print a shell completion script'), 'lists completion');
  assert.ok(list.endsWith('backrefs COMMAND --help shows the options of one command.'));
});

test('help fits the terminal: narrower columns only move where lines break', async () => {
  for (const argv of [['--help'], ['types', '--help'], ['capture', '--help']]) {
    const wide = (await run(argv)).out;
    for (const columns of [50, 80, 200]) {
      const { out } = await run(argv, columns);
      const width = Math.min(columns, 110);
      const long = out.split('\n').filter((line) => line.length > width);
      assert.deepEqual(long, [], `${argv.join(' ')} at ${columns} columns`);
      assert.equal(flat(out), flat(wide), `${argv.join(' ')} at ${columns} columns says the same`);
    }
  }
});

test('--help wins wherever it is on the line, as in yargs; --version next', async () => {
  const usage = (await run(['--help'])).out;
  const types = (await run(['types', '--help'])).out;
  for (const argv of [['--walk', 'nowhere', '--help'], ['snap', '--typo', '-h'], ['--version', '--help'], ['-th']]) {
    const r = await run(argv);
    assert.deepEqual([r.code, r.out, r.err], [0, usage, ''], argv.join(' '));
  }
  assert.equal((await run(['types', '--bogus', '-h'])).out, types);
  for (const argv of [['--version'], ['-t', 'Test', '--version'], ['types', '--version']]) assert.equal((await run(argv)).out, `${VERSION}\n`, argv.join(' '));
});

test('help and version load no parser, no other command and none of the code that reads or draws a snapshot', async () => {
  const cases: [argv: string[], command: string | undefined][] = [[['--help'], 'why'], [['-h'], 'why'], [['--version'], undefined], [['types', '--help'], 'types'], [['why', '-h'], 'why']];
  for (const [argv, command] of cases) {
    const { modules, result } = await modulesLoaded(argv);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 0);
    assert.ok(modules.some((m) => m.endsWith('/dist/src/cli/main.js')), 'the hook saw the CLI load');
    const needless = modules.filter((m) => /\/node_modules\/yargs|\/dist\/src\/(snapshot|graph|analysis|output\/(?!escape\.js))/.test(m));
    assert.deepEqual(needless, [], argv.join(' '));
    const commands = modules.filter((m) => m.includes('/dist/src/cli/commands/')).map((m) => m.replace(/.*\/commands\/(\w+)\.js$/, '$1'));
    assert.deepEqual(commands, command ? [command] : [], argv.join(' '));
  }
});

test('the default command on a plain snapshot loads neither yargs nor what only other inputs and outputs need', async () => {
  const snapshot = await scenarioSnapshot('seed');
  const { modules, result } = await modulesLoaded([snapshot, '--type', 'Test', '-o', 'out.dot'], { cwd: tempDir() });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(modules.some((m) => m.endsWith('/dist/src/graph/why.js')), 'the hook saw the walk load');
  // worker_threads: files above 64 MB; zlib: gzip; child_process: --view and PDF; crypto: nothing any more.
  const needless = modules.filter((m) => /^node:(worker_threads|zlib|child_process|crypto)$|\/node_modules\/yargs\/|parallel-load\.js$/.test(m));
  assert.deepEqual(needless, []);
});
