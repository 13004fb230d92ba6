import { type AnyComponentFamily, assertUnreachable } from '@mixkit/core';
import { exponential, gamma, gaussianFamily, logNormal } from '@mixkit/distributions';
import type { ComponentKind, CovarianceType } from '../state/playgroundState.js';

/**
 * One family per component, for `fitMixture({components})`. Components of the same kind share
 * one family object: the EM runner groups components by family identity, which is what lets a
 * tied covariance be pooled across all Gaussian components (`estimateAll`).
 */
export function buildComponents(
  kinds: readonly ComponentKind[],
  covariance: CovarianceType,
): AnyComponentFamily[] {
  const made = new Map<ComponentKind, AnyComponentFamily>();
  return kinds.map((kind) => {
    let family = made.get(kind);
    if (!family) {
      family = makeFamily(kind, covariance);
      made.set(kind, family);
    }
    return family;
  });
}

function makeFamily(kind: ComponentKind, covariance: CovarianceType): AnyComponentFamily {
  switch (kind) {
    case 'gaussian':
      return gaussianFamily(covariance);
    case 'gamma':
      return gamma();
    case 'lognormal':
      return logNormal();
    case 'exponential':
      return exponential();
    default:
      return assertUnreachable(kind, 'component kind');
  }
}
