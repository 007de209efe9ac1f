import { fileURLToPath } from 'node:url';

/**
 * Folders the tests need, found from this module's place: test/helpers/*.ts compile to dist/test/helpers/,
 * so the repository root is three levels up whichever folder `npm test` was started from.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../../bin/backrefs.js', import.meta.url));
/** ../shared/fixtures beside the checkout; BACKREFS_SHARED_FIXTURES points elsewhere (a worktree one level deeper). */
export const SHARED_FIXTURES = process.env['BACKREFS_SHARED_FIXTURES'] ?? fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));
