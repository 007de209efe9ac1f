import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** A character device made in a scratch folder (never the real /dev). mknod needs root (as CI runs); elsewhere the test is skipped, in CI it must work. */
export function mknod(t: TestContext, path: string, major: number, minor: number): boolean {
  const r = spawnSync('mknod', [path, 'c', String(major), String(minor)], { stdio: 'ignore' });
  if (r.status === 0) return true;
  if (process.env['CI'] && process.getuid?.() === 0) assert.fail('mknod failed as root');
  t.skip('mknod needs root');
  return false;
}
