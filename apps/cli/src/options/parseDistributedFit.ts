import type { CovarianceType } from '@mixkit/distributions';
import { CliError } from '../cliError.js';
import type { DistributedFitSettings } from '../commands/distributedFitCommand.js';
import type { FitSettings } from './fitSettings.js';
import { flagOf } from './optionScope.js';
import { covarianceTypes } from './parseMethodSettings.js';

/** The options a distributed fit adds to `fit` (commander's attribute names). */
export interface RawDistributedOptions {
  readonly redis?: string;
  readonly source?: string[];
  readonly fitId?: string;
  readonly redisPasswordFile?: string;
  readonly tlsCa?: string;
  readonly dataRoot?: string;
  readonly init?: string;
}

/** Options that only mean something with `--redis`. */
const redisOnly = ['source', 'fitId', 'redisPasswordFile', 'tlsCa', 'dataRoot', 'init'] as const;

/** EM's starts a distributed fit takes: k-means (rows read here) or rows drawn on the workers. */
const distributedInits = ['k-means', 'random-from-data'] as const;

/** Options of the local fit that the distributed fit has no use for. */
const localOnly = [
  'nInit',
  'workers',
  'regCovar',
  'proba',
  'label',
  'ignore',
  'labelsOut',
  'json',
  'decimal',
  'na',
  'delimiter',
  'outOfCore',
  'memoryLimit',
  'spillDir',
  'spill',
] as const;

/**
 * Throws a `CliError` when an option of the distributed fit is given without `--redis`: it
 * would otherwise be ignored by the local fit.
 */
export function checkRedisOnlyOptions(given: ReadonlySet<string>): void {
  const stray = redisOnly.find((option) => given.has(option));
  if (stray !== undefined) {
    throw new CliError(
      `${flag(stray)} applies to a distributed fit only; add --redis <url> or leave it out`,
    );
  }
}

/**
 * What `fit --redis` runs, from the validated local settings: one Gaussian mixture by EM with
 * one of scikit-learn's covariance types, or k-means, at one `--k`. Anything the workers do
 * not run (the other algorithms, grids, mclust's models and selection, column blocks) is a
 * `CliError` saying what to do, never a setting silently dropped.
 */
export function parseDistributedFit(
  settings: FitSettings,
  raw: RawDistributedOptions & { readonly redis: string },
  given: ReadonlySet<string>,
): DistributedFitSettings {
  const { method } = settings;
  // The workers read numeric shards with no missing-cell marks: refuse before connecting rather
  // than fail on the first NaN on a worker.
  if (settings.missing === 'marginalize') {
    throw new CliError(
      '--missing marginalize: not available with --redis yet; fit the file locally (without --redis)',
    );
  }
  if (method.algorithm !== 'em' && method.algorithm !== 'kmeans') {
    throw new CliError(
      `--redis: distributed fits run --algo em or kmeans, not --algo ${method.algorithm}; fit it without --redis`,
    );
  }
  if (method.algorithm === 'em' && method.select === 'mclust') {
    throw new CliError(
      "--redis: mclust's selection (--select mclust) runs in memory; fit it without --redis",
    );
  }
  const [k] = settings.k;
  if (k === undefined || settings.k.length !== 1) {
    throw new CliError(
      `--k ${settings.k.join(',')}: a distributed fit takes one --k; fit the grid without --redis`,
    );
  }
  const covariance = method.algorithm === 'em' ? oneCovarianceType(settings) : 'full';
  for (const option of ['gaussian', 't', 'vmf', 'poisson', 'bernoulli', 'counts', 'categorical']) {
    if (given.has(option)) {
      throw new CliError(
        `${flag(option)}: a distributed fit models every numeric column as one Gaussian block; fit column families without --redis`,
      );
    }
  }
  for (const option of localOnly) {
    if (given.has(option)) {
      throw new CliError(
        `${flag(option)} does not apply with --redis: the workers read the files themselves, and the fit runs one start and writes the model only`,
      );
    }
  }
  const init = distributedInit(raw.init, method.algorithm);
  return {
    redis: raw.redis,
    init,
    files: [settings.data, ...(raw.source ?? [])],
    algorithm: method.algorithm,
    k,
    covariance,
    seed: settings.seed,
    maxIterations: settings.maxIterations,
    tolerance: settings.tolerance,
    fitId: raw.fitId,
    modelOut: settings.modelOut,
    ...(raw.redisPasswordFile === undefined ? {} : { redisPasswordFile: raw.redisPasswordFile }),
    ...(raw.tlsCa === undefined ? {} : { tlsCa: raw.tlsCa }),
    ...(raw.dataRoot === undefined ? {} : { dataRoot: raw.dataRoot }),
  };
}

/**
 * `--init`: EM's start. `random-from-data` draws the seed rows as the in-process fit does and
 * reads them on the workers, so the coordinator reads no row; `k-means` (the default, the local
 * fit's start) needs the rows in the coordinator. k-means fits take no `--init`.
 */
function distributedInit(
  init: string | undefined,
  algorithm: 'em' | 'kmeans',
): DistributedFitSettings['init'] {
  if (init === undefined) return 'k-means';
  if (algorithm !== 'em') {
    throw new CliError(`--init ${init}: applies to --algo em; leave it out for k-means`);
  }
  const known = distributedInits.find((name) => name === init);
  if (known === undefined) {
    throw new CliError(`--init ${init}: a distributed fit takes ${distributedInits.join(' or ')}`);
  }
  return known;
}

function oneCovarianceType(settings: FitSettings): CovarianceType {
  const [name] = settings.covariance;
  const type = covarianceTypes.find((candidate) => candidate === name);
  if (type === undefined || settings.covariance.length !== 1) {
    throw new CliError(
      `--covariance ${settings.covariance.join(',')}: a distributed fit takes one of full, diag, spherical or tied`,
    );
  }
  return type;
}

function flag(option: string): string {
  return flagOf(option);
}
