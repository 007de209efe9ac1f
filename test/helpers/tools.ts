import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** True when `command` starts (any exit code): running it also catches a binary on PATH that cannot start. */
export function hasCommand(command: string, args: readonly string[] = ['--version']): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return r.error === undefined;
}

/**
 * Locally a missing system tool skips the test, so a developer without apt packages can still run
 * `npm test`; in CI (`CI` set) it fails, so a broken image cannot turn the check into a silent skip.
 * Returns false when the caller must stop.
 */
export function requireTool(t: TestContext, available: boolean, what: string): boolean {
  if (available) return true;
  if (process.env['CI']) assert.fail(`${what} is not installed, and CI must run this test (.ci/run installs it)`);
  t.skip(`${what} is not installed`);
  return false;
}
