import type { AnyComponentFamily } from '@mixkit/core';
import { assertUnreachable } from '@mixkit/core';
import {
  bernoulli,
  categorical,
  gaussianFamily,
  multinomial,
  poisson,
} from '@mixkit/distributions';
import type { CovarianceType } from '../options/fitSettings.js';
import type { FamilyBlock } from './familyBlocks.js';

/** The shipped family that models one block of columns. */
export function blockFamily(block: FamilyBlock, covariance: CovarianceType): AnyComponentFamily {
  switch (block.kind) {
    case 'gaussian':
      return gaussianFamily(covariance);
    case 'poisson':
      return poisson();
    case 'bernoulli':
      return bernoulli();
    case 'counts':
      return multinomial();
    case 'categorical':
      return categorical({ levels: block.columns.map((column) => column.levels?.length ?? 1) });
    default:
      return assertUnreachable(block.kind, 'kind');
  }
}
