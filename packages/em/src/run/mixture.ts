import type { AnyComponentFamily, MatrixInput, ParamsOf, SoftClusterer } from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import { fitMixture } from './fitMixture.js';
import { fitMixtureAsync } from './fitMixtureAsync.js';
import type { MixtureFitOptions, MixtureOptions } from './mixtureOptions.js';
import { resolveEmSettings } from './resolveEmSettings.js';
import { resolveFamilies } from './resolveFamilies.js';

/**
 * A mixture clusterer (core's `SoftClusterer`): the options fix the components and EM
 * settings, `fit` runs EM on data (with the seed, weights and signal of that fit). Options are
 * validated here, so mistakes surface at construction.
 */
export class Mixture<Family extends AnyComponentFamily = AnyComponentFamily>
  implements SoftClusterer<MixtureModel<ParamsOf<Family>>>
{
  readonly nClusters: number;
  /** The family of each component. */
  readonly families: readonly Family[];
  private readonly options: MixtureOptions<Family>;

  constructor(options: MixtureOptions<Family>) {
    this.options = options;
    this.families = resolveFamilies(options);
    this.nClusters = this.families.length;
    resolveEmSettings(options, this.nClusters, undefined);
  }

  /**
   * Runs EM on `X` with the constructor's components and settings (and this fit's weights,
   * seed, signal and priors) and returns the fitted model; see `fitMixture`.
   */
  fit(X: MatrixInput, options: MixtureFitOptions = {}): MixtureModel<ParamsOf<Family>> {
    return fitMixture(X, { ...this.options, components: this.families, ...options });
  }

  /** `fit` that yields to the event loop between iterations (see `fitMixtureAsync`). */
  fitAsync(
    X: MatrixInput,
    options: MixtureFitOptions = {},
  ): Promise<MixtureModel<ParamsOf<Family>>> {
    return fitMixtureAsync(X, { ...this.options, components: this.families, ...options });
  }

  /** Fits and returns the labels of the training rows (equal to `fit(X).predict(X)`). */
  fitPredict(X: MatrixInput, options: MixtureFitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }
}
