import { execFile } from 'node:child_process';
import type { JsonValue, Matrix } from '@mixkit/core';
import { build } from 'esbuild';

/** What `fitInChildProcess` runs. */
export interface ChildFit {
  /**
   * TypeScript source of a module exporting `create(nClusters)`, the clusterer to fit, with
   * imports resolved from `resolveDir` (e.g. `import { KMeans } from './src/index.ts'`).
   */
  readonly source: string;
  /** Directory the source's relative and package imports resolve from (a package's root). */
  readonly resolveDir: string;
  readonly X: Matrix;
  readonly nClusters: number;
  readonly seed: number;
}

/**
 * Fits a clusterer in a new `node` process and returns its model's `toJSON()`, for the
 * battery's cross-process determinism check. The module and everything it imports are bundled
 * from their TypeScript sources with esbuild (through the `@mixkit/source` export condition,
 * the code the tests run), the data travels as JSON (which writes every double exactly), and
 * the child prints the model's JSON on stdout.
 */
export async function fitInChildProcess(fit: ChildFit): Promise<JsonValue> {
  const entry = [
    fit.source,
    `const X = { rows: ${fit.X.rows}, cols: ${fit.X.cols}, data: Float64Array.from(${JSON.stringify(Array.from(fit.X.data))}) };`,
    `process.stdout.write(JSON.stringify(create(${fit.nClusters}).fit(X, { random: ${fit.seed} }).toJSON()));`,
  ].join('\n');
  const bundle = await build({
    stdin: { contents: entry, resolveDir: fit.resolveDir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    conditions: ['@mixkit/source'],
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module'],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    );
    child.stdin?.end(code);
  });
  return JSON.parse(stdout) as JsonValue;
}
