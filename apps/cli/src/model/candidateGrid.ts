import type { AnyComponentFamily } from '@mixkit/core';
import type { CovarianceName, FitSettings } from '../options/fitSettings.js';
import { buildFamily } from './buildFamily.js';
import type { FamilyBlock } from './familyBlocks.js';

/** Default iteration limits of EM and k-means (those of their packages). */
export const defaultMaxIterations = { em: 100, kmeans: 300 } as const;

/** One mixture to fit: its family, number of components and the covariance it stands for. */
export interface GridEntry {
  readonly name: string;
  readonly family: AnyComponentFamily;
  readonly nClusters: number;
  /** Covariance of the Gaussian / Student-t block; undefined when there is neither. */
  readonly covariance: CovarianceName | undefined;
}

/**
 * The mixtures a fit command tries, covariance by covariance, k ascending: the covariances
 * (scikit-learn's four types or mclust's fourteen models) apply when there are Gaussian or
 * Student-t columns. Building every family here, before
 * any data is read twice, turns an impossible combination (a Student t with a tied covariance)
 * into an error before any work.
 */
export function candidateGrid(settings: FitSettings, blocks: readonly FamilyBlock[]): GridEntry[] {
  const shaped = blocks.some((block) => block.kind === 'gaussian' || block.kind === 't');
  const covariances: readonly (CovarianceName | undefined)[] = shaped
    ? settings.covariance
    : [undefined];
  return covariances.flatMap((covariance) => {
    const family = buildFamily(blocks, {
      covariance: covariance ?? 'full',
      regCovar: settings.regCovar,
    });
    return settings.k.map((nClusters) => ({
      name: covariance ?? 'none',
      family,
      nClusters,
      covariance,
    }));
  });
}
