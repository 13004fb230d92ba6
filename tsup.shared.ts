import { defineConfig, type Options } from 'tsup';

/**
 * The build of every library package: ESM + CJS + `.d.ts` from `tsconfig.build.json`, types
 * resolved from the siblings' built `dist/` (not their sources), source maps, and class and
 * function names kept (`keepNames`), so `util.inspect` and stack traces show `KMeansModel` and
 * `InvalidInputError` rather than a minifier's `_KMeansModel`. A package passes its entries.
 */
export function libraryConfig(entry: string[], extra: Options = {}) {
  return defineConfig(libraryOptions(entry, extra));
}

/** `libraryConfig`'s options, for a package whose build has more than one config. */
export function libraryOptions(entry: string[], extra: Options = {}): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { customConditions: [] } },
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: true,
    target: 'es2022',
    keepNames: true,
    ...extra,
  };
}
