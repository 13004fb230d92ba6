import { matchClusters } from '@mixkit/metrics';

/**
 * For each true component, the fitted component that best matches it (Hungarian matching on the
 * label contingency table, via `@mixkit/metrics`' `matchClusters`), so fitted parameters can be
 * printed beside the true ones. -1 when nothing matched.
 */
export function matchComponents(
  trueLabels: ArrayLike<number>,
  fittedLabels: ArrayLike<number>,
  k: number,
): number[] {
  const { mapping } = matchClusters(trueLabels, fittedLabels);
  const fittedOf = new Array<number>(k).fill(-1);
  for (const [fitted, truth] of mapping) fittedOf[truth] = fitted;
  return fittedOf;
}
