#!/usr/bin/env node
import { completion, isCompletion } from '../dist/src/cli/completion.js';
import { cli } from '../dist/src/cli/main.js';

// Completion goes to yargs before main's quick parser, which would read `completion` as a snapshot.
const argv = process.argv.slice(2);
if (isCompletion(argv)) process.exitCode = await completion(argv);
else await cli();
