// The API reference of every library package, from its types and doc comments. `typedoc`
// (this workspace's build) fails on any warning: a broken {@link}, an exported symbol without a
// doc comment, or a public type that the reference does not include.
import { libraryPackages, repoRoot } from './src/packageEntryPoints.mjs';

const packages = libraryPackages();
const entries = packages.flatMap((pkg) => pkg.entries);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'mixkit API reference',
  entryPoints: entries.map((entry) => entry.file),
  entryPointStrategy: 'resolve',
  tsconfig: './tsconfig.docs.json',
  plugin: ['./src/packageModules.mjs'],
  out: './dist',
  readme: 'none',
  // Each package is type-checked by its own `typecheck` task, under its own flags.
  skipErrorChecking: true,
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableGit: true,
  sourceLinkTemplate: undefined,
  disableSources: true,
  githubPages: false,
  validation: {
    notExported: true,
    invalidLink: true,
    rewrittenLink: true,
    notDocumented: true,
    unusedMergeModuleWith: true,
  },
  // Every library package must document its exports (the default is only the package in the
  // working directory's package.json, i.e. this tooling workspace).
  packagesRequiringDocumentation: packages.map((pkg) => pkg.name),
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  basePath: repoRoot,
};
