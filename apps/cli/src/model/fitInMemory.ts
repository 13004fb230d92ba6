import type { Matrix, ShardExecutor } from '@mixkit/core';
import { type MixtureSelection, selectMixtureAsync } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { CliError } from '../cliError.js';
import type { FitSettings } from '../options/fitSettings.js';
import { cliWording } from '../output/cliWording.js';
import type { Progress } from '../output/createProgress.js';
import type { Candidate } from './candidate.js';
import { defaultMaxIterations, type GridEntry } from './candidateGrid.js';
import { fitBayes } from './fitBayes.js';
import { fitClusterer } from './fitClusterer.js';
import { fitMclust } from './fitMclust.js';

/** What a fit command fitted: every candidate in table order, and the chosen one. */
export interface FittedGrid {
  readonly candidates: readonly Candidate[];
  readonly chosen: Candidate;
}

/** The iteration settings every EM and k-means fit shares. */
export function iterationSettings(settings: FitSettings) {
  const maxIterations =
    settings.maxIterations ??
    (settings.method.algorithm === 'kmeans'
      ? defaultMaxIterations.kmeans
      : defaultMaxIterations.em);
  return {
    nInit: settings.nInit,
    maxIterations,
    ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
  };
}

/**
 * Fits what the settings ask for to data in memory, reporting iterations to `progress`: the
 * grid of mixtures through `selectMixtureAsync` (which yields to the event loop between
 * iterations, so an interrupt stops it) and picks the model with the lowest criterion;
 * mclust's selection; one k-means or variational model; or one of the single-pass clusterers.
 * Measures are those of the training data. EM, k-means and the variational fit run their passes
 * over rows on `executor` when given, and mclust's selection its grid's cells (the same bits as
 * in this thread).
 */
export async function fitInMemory(
  X: Matrix,
  grid: readonly GridEntry[],
  settings: FitSettings,
  progress: Progress,
  signal?: AbortSignal,
  executor?: ShardExecutor,
): Promise<FittedGrid> {
  const { method } = settings;
  const one = (chosen: Candidate): FittedGrid => ({ candidates: [chosen], chosen });
  switch (method.algorithm) {
    case 'em':
      return method.select === 'mclust'
        ? one(await fitMclust(X, settings, signal, executor))
        : fitGrid(X, grid, settings, progress, signal, executor);
    case 'kmeans':
      return one(await fitKmeans(X, settings, progress, signal, executor));
    case 'bayes':
      return one(await fitBayes(X, settings, method, progress, signal, executor));
    default:
      return one(await fitClusterer(X, settings, method, signal));
  }
}

async function fitKmeans(
  X: Matrix,
  settings: FitSettings,
  progress: Progress,
  signal: AbortSignal | undefined,
  executor: ShardExecutor | undefined,
): Promise<Candidate> {
  const shared = iterationSettings(settings);
  const k = settings.k[0] ?? 1;
  const model = await new KMeans({ nClusters: k, ...shared }).fitAsync(X, {
    onIteration: ({ restart, iteration }) =>
      progress.update(restart * Math.max(1, shared.maxIterations) + iteration),
    random: settings.seed,
    ...(signal === undefined ? {} : { signal }),
    ...(executor === undefined ? {} : { executor }),
  });
  return { algorithm: 'kmeans', k, model };
}

async function fitGrid(
  X: Matrix,
  grid: readonly GridEntry[],
  settings: FitSettings,
  progress: Progress,
  signal: AbortSignal | undefined,
  executor: ShardExecutor | undefined,
): Promise<FittedGrid> {
  const shared = iterationSettings(settings);
  const perFit = settings.nInit * Math.max(1, shared.maxIterations);
  let fitted = 0;
  const onIteration = ({ restart, iteration }: { restart: number; iteration: number }) =>
    progress.update(fitted * perFit + restart * Math.max(1, shared.maxIterations) + iteration);
  const selection = await selectMixtureAsync(X, {
    ...shared,
    criterion: settings.criterion,
    random: settings.seed,
    missing: settings.missing,
    onIteration,
    ...(signal === undefined ? {} : { signal }),
    ...(executor === undefined ? {} : { executor }),
    candidates: grid.map(({ name, family, nClusters }) => ({ name, family, nClusters })),
    // A candidate that cannot be fitted stops the command at once, naming it.
    onCandidate: (row, index) => {
      if (row.failure !== undefined) {
        throw fitFailure(row.nClusters, grid[index]?.covariance, row.failure);
      }
      fitted++;
      progress.update(fitted * perFit);
    },
  });
  const candidates = toCandidates(selection, grid);
  return { candidates, chosen: candidates[selection.bestIndex] as Candidate };
}

/** The selection's rows as candidates; a candidate whose fit failed stops the command. */
function toCandidates(selection: MixtureSelection, grid: readonly GridEntry[]): Candidate[] {
  return selection.table.map((row, i): Candidate => {
    const model = selection.models[i];
    const { covariance } = grid[i] as GridEntry;
    if (row.failure !== undefined || model === undefined)
      throw fitFailure(row.nClusters, covariance, row.failure);
    return { algorithm: 'em', k: row.nClusters, covariance, model, row };
  });
}

/** `--k 4 --covariance tied: the fit failed (...)`, in the CLI's terms. */
export function fitFailure(
  k: number,
  covariance: string | undefined,
  reason: string | undefined,
): CliError {
  const what = covariance === undefined ? '' : ` --covariance ${covariance}`;
  return new CliError(
    `--k ${k}${what}: the fit failed (${cliWording(reason ?? 'unknown reason')})`,
  );
}
