import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Folders the tests need, found from this module's place: test/helpers/*.ts compile to dist/test/helpers/,
 * so the repository root is three levels up whichever folder `npm test` was started from.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../../bin/backrefs.js', import.meta.url));

/**
 * The shared folder (fixtures, reference scripts) sits beside the main checkout; a worktree one
 * level deeper (wt/NAME) finds it further up, so look upward from the repository's parent.
 */
export const SHARED = findShared();
export const SHARED_FIXTURES = join(SHARED, 'fixtures') + '/';

function findShared(): string {
  for (let dir = dirname(REPO_ROOT); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', 'fixtures'))) return join(dir, 'shared');
    if (dirname(dir) === dir) return join(dirname(REPO_ROOT), 'shared');
  }
}
