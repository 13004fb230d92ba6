import {
  type AnyComponentFamily,
  closeShards,
  isPreparedData,
  isRemoteRows,
  type MatrixInput,
  mapShards,
  now,
  openShards,
  type ParamsOf,
  parallelRestartStates,
  planShards,
  type RemoteRows,
  type RestartPlacement,
  restartStream,
  runShardProgramSync,
  type ShardPlan,
  type ShardProgram,
  sendRestartsNow,
  throwIfAborted,
} from '@mixkit/core';
import { emPassTask, passSetup } from '../estep/emPassTask.js';
import type { MixtureModel } from '../model/mixtureModel.js';
import {
  createEmWorkspace,
  type EmWorkspace,
  releaseOwnedMemory,
} from '../workspace/emWorkspace.js';
import { placedBeforeChecks } from '../workspace/kernelArrays.js';
import { openRemoteData, type RemoteData } from '../workspace/remoteData.js';
import { emRestartTask, restartResult, restartSetup } from './emRestartTask.js';
import { emShardRows } from './emShardRows.js';
import type { EmStep } from './emStep.js';
import type { MixtureFitOptions, MixtureOptions } from './mixtureOptions.js';
import { type ResolvedEmSettings, resolveEmSettings } from './resolveEmSettings.js';
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
 * (`emShardRows`), whichever executor drives it, so the result does not depend on it. With
 * `placement` other than `'sequential'` (an async fit on workers that nobody watches step by
 * step uses `'auto'`), small data and several seeded restarts with a built-in initialisation run
 * restart 0 here and the others as `emRestartTask`, one restart per shard, instead of one after
 * the other (see `parallelRestartStates`): same winner, same bits.
 */
export function* emProgram<Family extends AnyComponentFamily>(
  X: MatrixInput | RemoteRows,
  options: FitMixtureOptions<Family>,
  placement: RestartPlacement = 'sequential',
): ShardProgram<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>> {
  const prepared = isRemoteRows(X)
    ? yield* prepareRemoteEmFit(X, options)
    : prepareEmFit(X, options);
  return yield* preparedEmProgram(prepared, options, placement);
}

/** What an EM fit checks and allocates before its first restart. */
export interface PreparedEmFit<Family extends AnyComponentFamily = AnyComponentFamily> {
  /** Component c's family, as given (before `forData`). */
  readonly families: Family[];
  /** The settings, checked, with defaults. */
  readonly settings: ResolvedEmSettings;
  /** The fit's workspace (data checked, buffers allocated). */
  readonly workspace: EmWorkspace;
  /** The shards of its passes. */
  readonly plan: ShardPlan;
  /** Rows kept by the executor's workers (`RemoteRows`): the sessions that read them. */
  readonly remote?: RemoteData;
}

/** The first part of `emProgram`: checks the options and data, allocates the workspace. */
export function prepareEmFit<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): PreparedEmFit<Family> {
  throwIfAborted(options.signal, 'fitMixture');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length, options.random);
  // Passes run in this thread unless the executor has workers.
  const inThread = (options.executor?.workers ?? 0) === 0;
  const { blockSize } = settings;
  const { executor } = options;
  const data = placedBeforeChecks(
    X,
    families,
    settings.missing,
    inThread,
    blockSize,
    (n, d) => emShardRows({ n, d, k: families.length, blockSize }),
    executor?.borrowBuffer?.bind(executor),
  );
  const workspace = createEmWorkspace(data, families, {
    sampleWeight: options.sampleWeight,
    priorProbabilities: options.priorProbabilities,
    blockSize: settings.blockSize,
    missing: settings.missing,
  });
  // The fit's own copy in kernel memory (not prepared data it was given) goes back to the
  // thread when the fit ends.
  if (data !== X && isPreparedData(data)) {
    const { buffer } = data.data;
    if (data.inKernelMemory) workspace.owned = data.data;
    else if (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) {
      workspace.ownedShared = buffer;
    }
  }
  return { families, settings, workspace, plan: planShards(workspace.n, emShardRows(workspace)) };
}

/**
 * `prepareEmFit` for rows kept by the executor's workers: their statistics and seeds come from
 * shard tasks (`openRemoteData`), and this process reads no row.
 */
function* prepareRemoteEmFit<Family extends AnyComponentFamily>(
  X: RemoteRows,
  options: FitMixtureOptions<Family>,
): ShardProgram<never, PreparedEmFit<Family>> {
  throwIfAborted(options.signal, 'fitMixture');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length, options.random);
  const remote = yield* openRemoteData(X, families, {
    sampleWeight: options.sampleWeight,
    priorProbabilities: options.priorProbabilities,
    blockSize: settings.blockSize,
    missing: options.missing,
  });
  const { workspace } = remote;
  workspace.rowReader = remote.rows;
  const plan = planShards(workspace.n, emShardRows(workspace));
  return { families, settings, workspace, plan, remote };
}

/** The rest of `emProgram`, from a `prepareEmFit`: the restarts and the best one's model. */
export function* preparedEmProgram<Family extends AnyComponentFamily>(
  prepared: PreparedEmFit<Family>,
  options: FitMixtureOptions<Family>,
  placement: RestartPlacement,
): ShardProgram<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>> {
  const { families, settings, workspace, plan, remote } = prepared;
  // The runner handles parameters as opaque values; each one came from its own family's
  // `estimate` (or the caller's init), so they are the families' parameter type.
  type Params = ParamsOf<Family>;
  const selection = new RestartSelection<Params>();
  const { init } = settings;
  // Whole restarts elsewhere read the rows in this process: not with remote rows.
  const states =
    placement !== 'sequential' && typeof init === 'string' && remote === undefined
      ? parallelRestartStates(settings.random, settings.nInit, plan.count)
      : undefined;
  const passes = yield* openShards(
    emPassTask,
    passSetup(workspace),
    plan,
    workspace,
    remote !== undefined,
  );
  selection.warnings.push(...workspace.dataWarnings);
  const started = now();
  let restart = 0;
  for (; restart < settings.nInit; restart++) {
    // 'auto': restart 0 runs here, timed; the others go to the workers when worth it.
    if (
      states !== undefined &&
      sendRestartsNow(placement, restart, now() - started, settings.nInit)
    ) {
      break;
    }
    const stream = states === undefined ? settings.random.split() : restartStream(states, restart);
    selection.add(restart, yield* runRestart<Params>(workspace, passes, settings, restart, stream));
  }
  yield* closeShards(passes);
  if (remote !== undefined) yield* closeShards(remote.rows);
  if (restart < settings.nInit && states !== undefined && typeof init === 'string') {
    const restarts = yield* openShards(
      emRestartTask,
      restartSetup(
        workspace,
        families,
        { ...settings, init },
        options,
        states.slice(restart),
        restart,
      ),
      planShards(settings.nInit - restart, 1),
      workspace,
    );
    const outputs = yield* mapShards(restarts, undefined);
    yield* closeShards(restarts);
    for (const [s, output] of outputs.entries()) {
      selection.add(restart + s, restartResult<Params>(workspace, output));
    }
  }
  // The families as the fit ran them (`forData` may have resolved data-relative settings).
  const model = selection.model(workspace.families, workspace.d, settings.missing);
  releaseOwnedMemory(workspace);
  // Every session of the fit is closed: no worker reads the shared copy any more.
  const { ownedShared } = workspace;
  if (ownedShared !== undefined) options.executor?.giveBackBuffer?.(ownedShared);
  return model;
}

export { emShardRows };
