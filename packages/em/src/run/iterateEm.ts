import {
  type AnyComponentFamily,
  type MatrixInput,
  type ParamsOf,
  throwIfAborted,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import { createEmWorkspace } from '../workspace/emWorkspace.js';
import type { EmStep } from './emStep.js';
import type { MixtureFitOptions, MixtureOptions } from './mixtureOptions.js';
import { resolveEmSettings } from './resolveEmSettings.js';
import { resolveFamilies } from './resolveFamilies.js';
import { RestartSelection } from './restartSelection.js';
import { runRestart } from './runRestart.js';

/** Options of `iterateEm` and `fitMixture`: the mixture, the EM settings and the per-fit data options. */
export type FitMixtureOptions<Family extends AnyComponentFamily = AnyComponentFamily> =
  MixtureOptions<Family> & MixtureFitOptions;

/**
 * The whole EM fit as a step generator (ml-kmeans' `kmeansGenerator`, STYLE lesson 4): it
 * validates and allocates once, runs `nInit` restarts (each from its own `split()` of the random
 * source), yields after every iteration of every restart, and returns the fitted
 * `MixtureModel` of the restart with the best final mean log-likelihood. `fitMixture` and
 * `fitMixtureAsync` are this generator drained.
 *
 * Stepping it yourself lets you watch parameters evolve, stop early (`return()`), or
 * interleave other work.
 */
export function* iterateEm<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): Generator<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>, void> {
  throwIfAborted(options.signal, 'fitMixture');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length, options.random);
  const workspace = createEmWorkspace(X, families, {
    sampleWeight: options.sampleWeight,
    priorProbabilities: options.priorProbabilities,
    blockSize: settings.blockSize,
  });
  // The runner handles parameters as opaque values; each one came from its own family's
  // `estimate` (or the caller's init), so they are the families' parameter type.
  type Params = ParamsOf<Family>;
  const selection = new RestartSelection<Params>();
  selection.warnings.push(...workspace.dataWarnings);
  for (let restart = 0; restart < settings.nInit; restart++) {
    selection.add(
      restart,
      yield* runRestart<Params>(workspace, settings, restart, settings.random.split()),
    );
  }
  // The families as the fit ran them (`forData` may have resolved data-relative settings).
  return selection.model(workspace.families, workspace.d);
}
