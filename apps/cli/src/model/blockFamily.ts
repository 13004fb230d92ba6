import type { AnyComponentFamily } from '@mixkit/core';
import { assertUnreachable } from '@mixkit/core';
import {
  bernoulli,
  categorical,
  covarianceTypes,
  gaussianFamily,
  gaussianModel,
  gaussianModelNames,
  multinomial,
  poisson,
  studentTDiag,
  studentTFull,
  vonMisesFisher,
} from '@mixkit/distributions';
import { CliError } from '../cliError.js';
import type { CovarianceName } from '../options/fitSettings.js';
import type { FamilyBlock } from './familyBlocks.js';

/** Options that shape the families of the blocks. */
export interface FamilyOptions {
  /**
   * Covariance of the Gaussian block: a scikit-learn type, or one of mclust's models (fitted
   * without regularisation, as mclust fits them); of the Student-t block: full or diag.
   */
  readonly covariance: CovarianceName;
  /** `regCovar` of the Gaussian and Student-t families (their default when undefined). */
  readonly regCovar: number | undefined;
}

/** The shipped family that models one block of columns. */
export function blockFamily(block: FamilyBlock, options: FamilyOptions): AnyComponentFamily {
  const regularization = options.regCovar === undefined ? {} : { regCovar: options.regCovar };
  switch (block.kind) {
    case 'gaussian': {
      const model = gaussianModelNames.find((name) => name === options.covariance);
      if (model !== undefined) return gaussianModel(model);
      const type = covarianceTypes.find((t) => t === options.covariance) ?? 'full';
      return gaussianFamily(type, regularization);
    }
    case 't':
      if (options.covariance === 'full') return studentTFull(regularization);
      if (options.covariance === 'diag') return studentTDiag(regularization);
      throw new CliError(
        `--covariance ${options.covariance}: the Student t columns (--t) take full or diag`,
      );
    case 'vmf':
      return vonMisesFisher();
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
