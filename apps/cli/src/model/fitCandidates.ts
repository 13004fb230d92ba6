import type { Matrix } from '@mixkit/core';
import { type MixtureSelection, selectMixture } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { CliError } from '../cliError.js';
import type { CovarianceType, FitSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import { buildFamily } from './buildFamily.js';
import type { Candidate } from './candidate.js';
import type { FamilyBlock } from './familyBlocks.js';

/** Default iteration limits of the two algorithms (those of their packages). */
export const defaultMaxIterations = { em: 100, kmeans: 300 } as const;

/** What a fit command fitted: every candidate in table order, and the chosen one. */
export interface FittedGrid {
  readonly candidates: readonly Candidate[];
  readonly chosen: Candidate;
}

/** The covariance types to try: those asked for when there are Gaussian columns, else none. */
function covariancesOf(
  settings: FitSettings,
  blocks: readonly FamilyBlock[],
): readonly (CovarianceType | undefined)[] {
  const hasGaussian = blocks.some((b) => b.kind === 'gaussian');
  return settings.algorithm === 'em' && hasGaussian ? settings.covariance : [undefined];
}

/** How many models the command fits (for the progress bar's total). */
export function candidateCount(settings: FitSettings, blocks: readonly FamilyBlock[]): number {
  return covariancesOf(settings, blocks).length * settings.k.length;
}

/**
 * Fits what the settings ask for, reporting iterations to `progress`: one k-means model, or a
 * grid of mixtures (covariance types × numbers of components) through `selectMixture`, which
 * also picks the model with the lowest criterion. Measures are those of the training data.
 */
export function fitCandidates(
  X: Matrix,
  blocks: readonly FamilyBlock[],
  settings: FitSettings,
  progress: Progress,
): FittedGrid {
  const tooMany = settings.k.find((k) => k > X.rows);
  if (tooMany !== undefined) {
    throw new CliError(
      `--k ${tooMany}: more components than the ${X.rows} rows of ${settings.data}`,
    );
  }
  const maxIterations = settings.maxIterations ?? defaultMaxIterations[settings.algorithm];
  const stepsPerFit = settings.nInit * Math.max(1, maxIterations);
  let fitted = 0;
  const onIteration = ({ restart, iteration }: { restart: number; iteration: number }) =>
    progress.update(fitted * stepsPerFit + restart * Math.max(1, maxIterations) + iteration);
  const shared = {
    nInit: settings.nInit,
    maxIterations,
    ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
  };
  if (settings.algorithm === 'kmeans') {
    const k = settings.k[0] ?? 1;
    const model = new KMeans({ nClusters: k, ...shared }).fit(X, {
      onIteration,
      random: settings.seed,
    });
    const chosen: Candidate = { algorithm: 'kmeans', k, covariance: undefined, model };
    return { candidates: [chosen], chosen };
  }
  const covariances = covariancesOf(settings, blocks);
  const selection = selectMixture(X, {
    ...shared,
    criterion: settings.criterion,
    random: settings.seed,
    onIteration,
    candidates: covariances.flatMap((covariance) =>
      settings.k.map((k) => ({
        name: covariance ?? 'none',
        family: buildFamily(blocks, covariance ?? 'full'),
        nClusters: k,
      })),
    ),
    onCandidate: () => {
      fitted++;
      progress.update(fitted * stepsPerFit);
    },
  });
  const candidates = toCandidates(selection, covariances, settings);
  return { candidates, chosen: candidates[selection.bestIndex] as Candidate };
}

/** The selection's rows as candidates; a candidate whose fit failed stops the command. */
function toCandidates(
  selection: MixtureSelection,
  covariances: readonly (CovarianceType | undefined)[],
  settings: FitSettings,
): Candidate[] {
  return selection.table.map((row, i): Candidate => {
    const model = selection.models[i];
    const covariance = covariances[Math.floor(i / settings.k.length)];
    if (row.failure !== undefined || model === undefined) {
      const what = covariance === undefined ? '' : ` --covariance ${covariance}`;
      throw new CliError(`--k ${row.nClusters}${what}: the fit failed (${row.failure})`);
    }
    return { algorithm: 'em', k: row.nClusters, covariance, model, row };
  });
}
