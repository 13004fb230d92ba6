import { type AnyComponentFamily, assertUnreachable } from '@mixkit/core';
import {
  exponential,
  gamma,
  gaussianFamily,
  gaussianModel,
  logNormal,
  studentTDiag,
  studentTFull,
  vonMisesFisher,
} from '@mixkit/distributions';
import {
  type ComponentKind,
  type CovarianceChoice,
  isCovarianceType,
} from '../state/playgroundState.js';

/**
 * One family per component, for `fitMixture({components})`. Components of the same kind share
 * one family object: the EM runner groups components by family identity, which is what lets a
 * tied covariance, or the Equal terms of an mclust model, be pooled across all Gaussian
 * components (`estimateAll`).
 */
export function buildComponents(
  kinds: readonly ComponentKind[],
  covariance: CovarianceChoice,
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

function makeFamily(kind: ComponentKind, covariance: CovarianceChoice): AnyComponentFamily {
  switch (kind) {
    case 'gaussian':
      return isCovarianceType(covariance) ? gaussianFamily(covariance) : gaussianModel(covariance);
    case 'student-t':
      return studentTFull();
    case 'student-t-diag':
      return studentTDiag();
    case 'von-mises-fisher':
      return vonMisesFisher();
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
