import {
  type AnyComponentFamily,
  closeShards,
  type MatrixInput,
  openShards,
  type ParamsOf,
  planShards,
  runShardProgramSync,
  type ShardProgram,
  shardRowsFor,
  throwIfAborted,
} from '@mixkit/core';
import { emPassTask, passSetup } from '../estep/emPassTask.js';
import type { MixtureModel } from '../model/mixtureModel.js';
import { createEmWorkspace, type EmWorkspace } from '../workspace/emWorkspace.js';
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
 * `MixtureModel` of the restart with the best final mean log-likelihood. `fitMixture` is this
 * generator drained; `fitMixtureAsync` drives the same program (`emProgram`) on an executor.
 *
 * Stepping it yourself lets you watch parameters evolve, stop early (`return()`), or
 * interleave other work.
 */
export function* iterateEm<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): Generator<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>, void> {
  return yield* runShardProgramSync(emProgram(X, options));
}

/**
 * The EM fit as a shard program: the passes over rows run as `emPassTask` over fixed shards
 * (`emShardRows`), whichever executor drives it, so the result does not depend on it.
 */
export function* emProgram<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): ShardProgram<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>> {
  throwIfAborted(options.signal, 'fitMixture');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length, options.random);
  const workspace = createEmWorkspace(X, families, {
    sampleWeight: options.sampleWeight,
    priorProbabilities: options.priorProbabilities,
    blockSize: settings.blockSize,
    missing: settings.missing,
  });
  const passes = yield* openShards(
    emPassTask,
    passSetup(workspace),
    planShards(workspace.n, emShardRows(workspace)),
    workspace,
  );
  // The runner handles parameters as opaque values; each one came from its own family's
  // `estimate` (or the caller's init), so they are the families' parameter type.
  type Params = ParamsOf<Family>;
  const selection = new RestartSelection<Params>();
  selection.warnings.push(...workspace.dataWarnings);
  for (let restart = 0; restart < settings.nInit; restart++) {
    selection.add(
      restart,
      yield* runRestart<Params>(workspace, passes, settings, restart, settings.random.split()),
    );
  }
  yield* closeShards(passes);
  // The families as the fit ran them (`forData` may have resolved data-relative settings).
  return selection.model(workspace.families, workspace.d, settings.missing);
}

/**
 * Rows per shard of an EM pass: about (d + 4) work per row and component, in whole blocks. It
 * depends on the data's shape only, never on the executor, so results do not either.
 */
export function emShardRows(workspace: Pick<EmWorkspace, 'n' | 'k' | 'd' | 'blockSize'>): number {
  return shardRowsFor(4 * workspace.k * (workspace.d + 4), workspace.blockSize, workspace.n);
}
