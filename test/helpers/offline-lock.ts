import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  [key: string]: unknown;
}
interface Lock {
  packages: Record<string, LockEntry>;
}
interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * A package-lock.json for a project whose one dependency is the packed backrefs tarball, with the
 * versions of backrefs' own lockfile. `npm ci` keeps tarballs in its cache but not the registry's
 * version lists, so `npm install --offline backrefs.tgz` cannot resolve `yargs@^18`; with this
 * lock, `npm ci --offline` installs from the cache alone, and installs the versions the tests ran on.
 */
export function offlineLock(repo: string, project: Manifest, tarball: string): object {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as Lock;
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Manifest;
  const { packages } = lock;
  const picked: Record<string, LockEntry> = {};
  const wanted = (e: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }) => Object.keys({ ...e.dependencies, ...e.optionalDependencies });
  const todo: [from: string, name: string][] = wanted(manifest).map((name) => ['', name]);
  while (todo.length > 0) {
    const [from, name] = todo.pop()!;
    const path = resolveInLock(packages, from, name);
    if (path === undefined) throw new Error(`${name} (needed by ${from || 'backrefs'}) is not in package-lock.json`);
    if (picked[path]) continue;
    const { dev: _dev, ...entry } = packages[path]!;
    picked[path] = entry;
    for (const dep of wanted(entry)) todo.push([path, dep]);
  }
  const { name: _name, version, dependencies, optionalDependencies, peerDependencies, peerDependenciesMeta, bin, engines, license } = manifest;
  return {
    name: project.name,
    version: project.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: project.name, version: project.version, dependencies: project.dependencies },
      'node_modules/backrefs': { version, resolved: `file:${tarball}`, license, dependencies, optionalDependencies, peerDependencies, peerDependenciesMeta, bin, engines },
      ...picked,
    },
  };
}

/** Node's lookup, in lockfile paths: `from/node_modules/name`, then each folder above. */
function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let at = from;
  for (;;) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (at === '') return undefined;
    const up = at.lastIndexOf('/node_modules/');
    at = up < 0 ? '' : at.slice(0, up);
  }
}
