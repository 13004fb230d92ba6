// The publishing fields every published package carries, derived from the root package.json so
// that the repository's address is written in one place: `repository` (with the package's
// folder), `homepage` (its page in the API reference), `bugs` and the MIT licence.
// newPackage.mjs writes them; checkPack.mjs checks them on the packed tarball.
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const rootManifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** The documentation site: the playground at its root, the API reference under api/. */
export const siteUrl = rootManifest.homepage;

/** The API reference's page for a module (`@mixkit/em`, `@mixkit/distributions/testing`). */
export function referenceUrl(moduleName) {
  return `${siteUrl}api/modules/${moduleName.replace(/[^A-Za-z0-9-]/g, '_')}.html`;
}

/** The repository's web address (`repository.url` without `git+` and `.git`). */
export const repositoryWebUrl = rootManifest.repository.url
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');

/**
 * `license`, `repository`, `homepage` and `bugs` of the package in `directory` (e.g. packages/em):
 * a library's homepage is its page in the API reference, an app's (the CLI) its README.
 */
export function publishingFields(name, directory) {
  return {
    license: 'MIT',
    repository: { ...rootManifest.repository, directory },
    homepage: directory.startsWith('packages/')
      ? referenceUrl(name)
      : `${repositoryWebUrl}/tree/main/${directory}#readme`,
    bugs: rootManifest.bugs,
  };
}
