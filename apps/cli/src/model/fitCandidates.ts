import type { Matrix } from '@mixkit/core';
import { fitMixture } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { CliError } from '../cliError.js';
import type { FitSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import { buildFamily } from './buildFamily.js';
import type { Candidate } from './candidate.js';
import type { FamilyBlock } from './familyBlocks.js';

/** Default iteration limits of the two algorithms (those of their packages). */
export const defaultMaxIterations = { em: 100, kmeans: 300 } as const;

/** The (k, covariance) pairs a fit command asks for, in the order they are fitted and printed. */
export function candidateGrid(
  settings: FitSettings,
  blocks: readonly FamilyBlock[],
): { k: number; covariance: FitSettings['covariance'][number] | undefined }[] {
  const hasGaussian = settings.algorithm === 'em' && blocks.some((b) => b.kind === 'gaussian');
  const covariances = hasGaussian ? settings.covariance : [undefined];
  return covariances.flatMap((covariance) => settings.k.map((k) => ({ k, covariance })));
}

/**
 * Fits every model of the grid, reporting iterations to `progress`. Measures are computed on
 * the training data: log-likelihood, parameter count, BIC, AIC and ICL for mixtures, inertia for
 * k-means.
 */
export function fitCandidates(
  X: Matrix,
  blocks: readonly FamilyBlock[],
  settings: FitSettings,
  progress: Progress,
): Candidate[] {
  const grid = candidateGrid(settings, blocks);
  const tooMany = grid.find(({ k }) => k > X.rows);
  if (tooMany !== undefined) {
    throw new CliError(
      `--k ${tooMany.k}: more components than the ${X.rows} rows of ${settings.data}`,
    );
  }
  const maxIterations = settings.maxIterations ?? defaultMaxIterations[settings.algorithm];
  const stepsPerFit = settings.nInit * Math.max(1, maxIterations);
  return grid.map(({ k, covariance }, index): Candidate => {
    const onIteration = ({ restart, iteration }: { restart: number; iteration: number }) =>
      progress.update(index * stepsPerFit + restart * Math.max(1, maxIterations) + iteration);
    if (settings.algorithm === 'kmeans') {
      const model = new KMeans({
        nClusters: k,
        nInit: settings.nInit,
        maxIterations,
        ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
      }).fit(X, { onIteration, random: settings.seed });
      progress.update((index + 1) * stepsPerFit);
      return { algorithm: 'kmeans', k, covariance: undefined, model, inertia: model.inertia };
    }
    const model = fitMixture(X, {
      family: buildFamily(blocks, covariance ?? 'full'),
      nClusters: k,
      nInit: settings.nInit,
      maxIterations,
      ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
      random: settings.seed,
      onIteration,
    });
    progress.update((index + 1) * stepsPerFit);
    return {
      algorithm: 'em',
      k,
      covariance,
      model,
      logLikelihood: model.score(X) * X.rows,
      nParameters: model.nParameters(),
      bic: model.bic(X),
      aic: model.aic(X),
      icl: model.icl(X),
    };
  });
}
