import type { AnyComponentFamily } from '@mixkit/core';
import { loadFaithful } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull, gaussianSpherical, gaussianTied } from '@mixkit/distributions';
import { fitMixture, type MixtureModel } from '@mixkit/em';
import { num, table, title } from './shared/format.js';
import { isMain } from './shared/isMain.js';

/** The covariance structures compared, as scikit-learn's `covariance_type`. */
export const covarianceTypes = ['full', 'diag', 'spherical', 'tied'] as const;
export type CovarianceType = (typeof covarianceTypes)[number];

const families: Record<CovarianceType, () => AnyComponentFamily> = {
  full: gaussianFull,
  diag: gaussianDiag,
  spherical: gaussianSpherical,
  tied: gaussianTied,
};

export interface FaithfulBicResult {
  /** BIC of every (k, covariance) fit, lower is better. */
  readonly grid: readonly { k: number; covariance: CovarianceType; bic: number }[];
  readonly chosen: {
    readonly k: number;
    readonly covariance: CovarianceType;
    readonly bic: number;
  };
  readonly model: MixtureModel;
  readonly report: string;
}

/**
 * Gaussian mixtures on Old Faithful (272 eruptions: duration in minutes, waiting time to the
 * next eruption in minutes) for k = 1..6 and four covariance structures; the model with the
 * lowest BIC is chosen, as mclust and scikit-learn's BIC example do.
 */
export function run(maxComponents = 6): FaithfulBicResult {
  const { X, featureNames } = loadFaithful();
  const grid: { k: number; covariance: CovarianceType; bic: number; model: MixtureModel }[] = [];
  for (let k = 1; k <= maxComponents; k++) {
    for (const covariance of covarianceTypes) {
      const family = families[covariance]();
      const model = fitMixture(X, { family, nClusters: k, nInit: 10, random: 0 });
      grid.push({ k, covariance, bic: model.bic(X), model });
    }
  }
  const best = grid.reduce((a, b) => (b.bic < a.bic ? b : a));

  const rows = [];
  for (let k = 1; k <= maxComponents; k++) {
    rows.push([
      String(k),
      ...covarianceTypes.map((covariance) => {
        const cell = grid.find((g) => g.k === k && g.covariance === covariance)!;
        return `${cell.bic.toFixed(1)}${cell === best ? ' *' : '  '}`;
      }),
    ]);
  }
  const components = best.model.components.map((component, c) => {
    // Every Gaussian family's parameters carry the component mean.
    const { mean } = component.params as { readonly mean: Float64Array };
    return [String(c), num(component.weight), ...Array.from(mean, (m) => num(m, 4))];
  });
  const report = [
    title('Old Faithful: choosing k and the covariance structure by BIC'),
    `${X.rows} eruptions, columns: ${featureNames.join(', ')}`,
    '',
    'BIC (lower is better, * = chosen):',
    table(['k', ...covarianceTypes], rows),
    '',
    `Chosen: ${best.k} components with ${best.covariance} covariance (BIC ${best.bic.toFixed(1)})`,
    table(['component', 'weight', ...featureNames.map((f) => `mean ${f}`)], components),
  ].join('\n');
  return {
    grid: grid.map(({ k, covariance, bic }) => ({ k, covariance, bic })),
    chosen: { k: best.k, covariance: best.covariance, bic: best.bic },
    model: best.model,
    report,
  };
}

if (isMain(import.meta.url)) console.log(run().report);
