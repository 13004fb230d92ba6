import type { GaussianModelName } from '../../src/index.js';
import { gaussianModel } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';

/**
 * Every parsimonious model through the conformance kit, in 2-D (quadrature) and 3-D (Monte
 * Carlo). The expected counts are mclust's nVarParams split into per-component and shared terms,
 * worked out by hand: d for the mean plus the per-component covariance terms, and the shared
 * covariance terms once.
 */
const counts: Record<
  GaussianModelName,
  { readonly perComponent: (d: number) => number; readonly shared: (d: number) => number }
> = {
  EII: { perComponent: () => 0, shared: () => 1 },
  VII: { perComponent: () => 1, shared: () => 0 },
  EEI: { perComponent: () => 0, shared: (d) => d },
  VEI: { perComponent: () => 1, shared: (d) => d - 1 },
  EVI: { perComponent: (d) => d - 1, shared: () => 1 },
  VVI: { perComponent: (d) => d, shared: () => 0 },
  EEE: { perComponent: () => 0, shared: (d) => (d * (d + 1)) / 2 },
  VEE: { perComponent: () => 1, shared: (d) => d - 1 + (d * (d - 1)) / 2 },
  EVE: { perComponent: (d) => d - 1, shared: (d) => 1 + (d * (d - 1)) / 2 },
  VVE: { perComponent: (d) => d, shared: (d) => (d * (d - 1)) / 2 },
  EEV: { perComponent: (d) => (d * (d - 1)) / 2, shared: (d) => d },
  VEV: { perComponent: (d) => 1 + (d * (d - 1)) / 2, shared: (d) => d - 1 },
  EVV: { perComponent: (d) => (d * (d + 1)) / 2 - 1, shared: () => 1 },
  VVV: { perComponent: (d) => (d * (d + 1)) / 2, shared: () => 0 },
};

function covarianceFor(name: GaussianModelName, d: number): number[][] {
  const spherical = name.endsWith('II');
  const diagonal = name.endsWith('I');
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      if (i === j) return spherical ? 1.5 : 1 + 0.5 * i;
      return diagonal ? 0 : 0.3;
    }),
  );
}

for (const name of Object.keys(counts) as GaussianModelName[]) {
  const { perComponent, shared } = counts[name];
  describeComponentFamily(`gaussianModel('${name}')`, gaussianModel(name), {
    cases: [
      {
        name: '2-D',
        params: {
          kind: `gaussian-${name}`,
          version: 1,
          mean: [0, 1],
          covariance: covarianceFor(name, 2),
        },
        normalization: {
          method: 'quadrature',
          bounds: [
            [-10, 10],
            [-9, 11],
          ],
        },
        nParameters: 2 + perComponent(2),
        nSharedParameters: shared(2),
      },
      {
        name: '3-D (Monte Carlo normalisation)',
        params: {
          kind: `gaussian-${name}`,
          version: 1,
          mean: [5, -5, 5],
          covariance: covarianceFor(name, 3),
        },
        normalization: { method: 'monte-carlo' },
        nParameters: 3 + perComponent(3),
        nSharedParameters: shared(3),
      },
    ],
  });
}
