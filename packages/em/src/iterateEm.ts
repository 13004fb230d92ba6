import { type MatrixInput, throwIfAborted } from '@mixkit/core';
import { createEmWorkspace } from './emWorkspace.js';
import type { MixtureModel } from './mixtureModel.js';
import type { MixtureFitOptions, MixtureOptions } from './mixtureOptions.js';
import { resolveEmSettings } from './resolveEmSettings.js';
import { resolveFamilies } from './resolveFamilies.js';
import { RestartSelection } from './restartSelection.js';
import { type EmStep, runRestart } from './runRestart.js';

/** Options of `iterateEm` and `fitMixture`: the mixture, the EM settings and the per-fit data options. */
export type FitMixtureOptions = MixtureOptions & MixtureFitOptions;

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
export function* iterateEm(
  X: MatrixInput,
  options: FitMixtureOptions,
): Generator<EmStep, MixtureModel, void> {
  throwIfAborted(options.signal, 'fitMixture');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length);
  const workspace = createEmWorkspace(X, families, {
    sampleWeight: options.sampleWeight,
    priorProbabilities: options.priorProbabilities,
    blockSize: settings.blockSize,
  });
  const selection = new RestartSelection();
  for (let restart = 0; restart < settings.nInit; restart++) {
    selection.add(
      restart,
      yield* runRestart(workspace, settings, restart, settings.random.split()),
    );
  }
  return selection.model(families, workspace.d);
}
