import { InvalidInputError, type Matrix, type ShardExecutor } from '@mixkit/core';
import { gaussianModelNames } from '@mixkit/distributions';
import { type MclustResult, mclustAsync } from '@mixkit/gaussian-mixture';
import { CliError } from '../cliError.js';
import type { FitSettings } from '../options/fitSettings.js';
import type { Candidate } from './candidate.js';

/**
 * `--select mclust`: `mclust(X)` of `@mixkit/gaussian-mixture`, R's `Mclust()`: one
 * model-based hierarchical agglomeration of the rows, then every (k, model) of the grid fitted
 * by EM from its k-group partition and scored by mclust's BIC (higher is better); the grid is
 * mclust's default (k = 1..9, the fourteen models) unless `--k` or `--covariance` narrow it.
 * Above 2000 rows the agglomeration runs on 2000 rows drawn with `--seed`, as mclust's does.
 * The chosen model is a mixture like any other (saved, predicted, reported), with the whole
 * run attached for the report. The grid's cells run on `executor`'s workers when given (the
 * same result, bit for bit), and an interrupt stops the run between cells.
 */
export async function fitMclust(
  X: Matrix,
  settings: FitSettings,
  signal?: AbortSignal,
  executor?: ShardExecutor,
): Promise<Candidate> {
  // --select mclust takes mclust's model names only (checked with the options).
  const modelNames = settings.covariance.flatMap((name) =>
    gaussianModelNames.filter((model) => model === name),
  );
  let result: MclustResult;
  try {
    result = await mclustAsync(X, {
      nClusters: settings.k,
      modelNames,
      // Draws the agglomeration's subset of 2000 rows on larger data.
      random: settings.seed,
      ...(settings.maxIterations === undefined ? {} : { maxIterations: settings.maxIterations }),
      ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
      executor,
      signal,
    });
  } catch (error) {
    if (InvalidInputError.isInstance(error) && error.argument === 'X') {
      throw new CliError(
        `--select mclust: every model of the grid had a singular covariance (mclust's NA); try fewer components (--k) or other models (--covariance)`,
      );
    }
    throw error;
  }
  const { model, best } = result;
  const n = X.rows;
  const logLikelihood = model.score(X) * n;
  return {
    algorithm: 'em',
    k: best.nClusters,
    covariance: best.modelName,
    model,
    row: {
      name: best.modelName,
      nClusters: best.nClusters,
      logLikelihood,
      nParameters: model.nParameters(),
      bic: model.bic(X),
      aic: model.aic(X),
      icl: model.icl(X),
      converged: (best.iterations ?? 0) < (settings.maxIterations ?? 2147483647),
      iterations: best.iterations ?? 0,
    },
    mclust: result,
  };
}
