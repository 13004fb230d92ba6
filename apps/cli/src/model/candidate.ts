import type { MixtureModel } from '@mixkit/em';
import type { KMeansModel } from '@mixkit/kmeans';
import type { CovarianceType } from '../options/fitSettings.js';

/** One fitted model of a grid, with its fit measures. */
export type Candidate =
  | {
      readonly algorithm: 'em';
      readonly k: number;
      /** Covariance of the Gaussian block; undefined when there are no Gaussian columns. */
      readonly covariance: CovarianceType | undefined;
      readonly model: MixtureModel;
      readonly logLikelihood: number;
      readonly nParameters: number;
      readonly bic: number;
      readonly aic: number;
      readonly icl: number;
    }
  | {
      readonly algorithm: 'kmeans';
      readonly k: number;
      readonly covariance: undefined;
      readonly model: KMeansModel;
      readonly inertia: number;
    };
