import type { AnyComponentFamily, MatrixInput, SoftClusterer } from '@mixkit/core';
import { fitMixture } from './fitMixture.js';
import { fitMixtureAsync } from './fitMixtureAsync.js';
import type { MixtureModel } from './mixtureModel.js';
import type { MixtureFitOptions, MixtureOptions } from './mixtureOptions.js';
import { resolveEmSettings } from './resolveEmSettings.js';
import { resolveFamilies } from './resolveFamilies.js';

/**
 * A mixture clusterer (core's `SoftClusterer`): the options fix the components and EM
 * settings, `fit` runs EM on data. Options are validated here, so mistakes surface at
 * construction. `fit(X, {random})` overrides the constructor's random source.
 */
export class Mixture implements SoftClusterer<MixtureModel> {
  readonly nClusters: number;
  readonly families: readonly AnyComponentFamily[];

  constructor(private readonly options: MixtureOptions) {
    this.families = resolveFamilies(options);
    this.nClusters = this.families.length;
    resolveEmSettings(options, this.nClusters);
  }

  fit(X: MatrixInput, options: MixtureFitOptions = {}): MixtureModel {
    return fitMixture(X, this.merged(options));
  }

  /** `fit` that yields to the event loop between iterations (see `fitMixtureAsync`). */
  fitAsync(X: MatrixInput, options: MixtureFitOptions = {}): Promise<MixtureModel> {
    return fitMixtureAsync(X, this.merged(options));
  }

  /** Fits and returns the labels of the training rows (equal to `fit(X).predict(X)`). */
  fitPredict(X: MatrixInput, options: MixtureFitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }

  private merged(options: MixtureFitOptions) {
    return {
      ...this.options,
      components: this.families,
      ...options,
      random: options.random ?? this.options.random,
    };
  }
}
