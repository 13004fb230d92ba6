import { gaussianDiag } from '@mixkit/distributions';
import type { fitMixture } from '@mixkit/em';

/**
 * A fit whose component 7 starts as a copy of component 0 with a weight e^-690 times smaller:
 * on every row it is more than 50 below component 0, so its responsibilities are exactly 0 in
 * the first pass, it comes back empty and the M-step re-seeds it from the worst-explained row.
 */
export const emptiedComponentFit = {
  family: gaussianDiag(),
  nClusters: 8,
  maxIterations: 3,
  tolerance: 0,
  random: 6,
  init: {
    kind: 'adjusted',
    base: 'random-from-data',
    adjust: ({ params, weights }) => ({
      params: params.map((p, c) => (c === 7 ? params[0] : p)),
      weights: Array.from(weights, (w, c) => (c === 7 ? 1e-300 : w)),
    }),
  },
} satisfies Parameters<typeof fitMixture>[1];
