// Every documented entry point of every library package under packages/, read from the package
// manifests: each subpath of `exports` (except ./package.json) through its `@mixkit/source`
// condition. A package added later is picked up by the next build with no edit here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is tooling/api-docs/src/packageEntryPoints.mjs). */
export const repoRoot = resolve(new URL('../../..', import.meta.url).pathname);

/**
 * @returns {{ name: string, dir: string, private: boolean, entries: { module: string, file: string }[] }[]}
 */
export function libraryPackages() {
  const packagesDir = join(repoRoot, 'packages');
  const found = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const entries = [];
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (subpath === './package.json') continue;
      const source =
        typeof target === 'object' && target !== null ? target['@mixkit/source'] : undefined;
      if (typeof source !== 'string') {
        throw new Error(`${manifestPath}: export '${subpath}' has no @mixkit/source condition`);
      }
      entries.push({
        module:
          subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`,
        file: join(packagesDir, folder, source),
      });
    }
    found.push({
      name: manifest.name,
      dir: join(packagesDir, folder),
      private: Boolean(manifest.private),
      entries,
    });
  }
  return found;
}
