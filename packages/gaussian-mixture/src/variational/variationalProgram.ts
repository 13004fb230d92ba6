import {
  closeShards,
  type FitOptions,
  InvalidInputError,
  type MatrixInput,
  mapShards,
  now,
  openShards,
  parallelRestartStates,
  planShards,
  type RestartPlacement,
  restartStream,
  type ShardProgram,
  sendRestartsNow,
  throwIfAborted,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import {
  type CovarianceType,
  type GaussianParamsByType,
  gaussianFamily,
} from '@mixkit/distributions';
import {
  createEmWorkspace,
  type EmStep,
  emPass,
  emPassTask,
  emShardRows,
  type MixtureInit,
  passSetup,
  placedBeforeChecks,
} from '@mixkit/em';
import type { GaussianInit, LabelsInit } from '../gaussianMixture.js';
import { BayesianGaussianMixtureModel } from './bayesianGaussianMixtureModel.js';
import { dataMoments } from './dataMoments.js';
import {
  expectations,
  runVariationalRestart,
  type VariationalRestartResult,
} from './runVariationalRestart.js';
import {
  resolveVariationalPrior,
  type VariationalPriorOptions,
  type WeightPrior,
} from './variationalPrior.js';
import {
  variationalRestartResult,
  variationalRestartTask,
  variationalSettings,
} from './variationalRestartTask.js';

/** A `BayesianGaussianMixture`'s checked settings, as the program reads them. */
export interface VariationalMixtureSpec<T extends CovarianceType> {
  readonly nClusters: number;
  readonly covarianceType: T;
  readonly weightPrior: WeightPrior;
  readonly options: VariationalPriorOptions & {
    readonly regCovar?: number;
    readonly tolerance?: number;
    readonly maxIterations?: number;
    readonly nInit?: number;
    readonly init?: GaussianInit | LabelsInit;
  };
}

const what = 'BayesianGaussianMixture.fit';

/**
 * The variational fit as a shard program, written once for every executor (as em's
 * `emProgram`): `iterate` drives it in the caller's thread, `fitAsync` on `options.executor`.
 * Every pass over rows is em's pass task over fixed shards (`emShardRows`: the data's shape
 * alone sets them), merged in shard order, so a seeded fit gives the same bits with any number
 * of workers. With `placement` other than `'sequential'`, small data (passes of one shard) and
 * several seeded restarts with a built-in start run restart 0 here and, when worth it, the
 * others as `variationalRestartTask`, one per shard; the winner is compared in restart order,
 * so it is the sequential fit's. Ends with one scoring pass under the winning posterior for the
 * expected rows per component (`counts`).
 */
export function* variationalProgram<T extends CovarianceType>(
  spec: VariationalMixtureSpec<T>,
  X: MatrixInput,
  options: FitOptions,
  placement: RestartPlacement = 'sequential',
): ShardProgram<EmStep<GaussianParamsByType[T]>, BayesianGaussianMixtureModel<T>> {
  throwIfAborted(options.signal, what);
  const { nClusters: k, covarianceType, weightPrior, options: o } = spec;
  const regCovar = o.regCovar ?? 1e-6;
  const families = new Array(k).fill(gaussianFamily(covarianceType, { regCovar }));
  // Placed and checked in one pass, as em's fits do (in kernel memory for passes in this thread,
  // in shared memory for passes on workers); the same bits as on X.
  const blockSize = 1024;
  const data = toMatrix(
    placedBeforeChecks(
      X,
      families,
      'error',
      (options.executor?.workers ?? 0) === 0,
      blockSize,
      (n, d) => emShardRows({ n, d, k, blockSize }),
    ),
  );
  const workspace = createEmWorkspace(data, families, {
    sampleWeight: options.sampleWeight,
    blockSize,
  });
  const init: MixtureInit = o.init ?? 'k-means';
  const fixed = {
    prior: resolveVariationalPrior(data, k, covarianceType, o, () => dataMoments(workspace)),
    weightPrior,
    regCovar,
    maxIterations: o.maxIterations ?? 100,
    tolerance: o.tolerance ?? 1e-3,
  };
  const settings = variationalSettings(covarianceType, { ...fixed, init });
  const nInit = o.nInit ?? 1;
  const random = toRandom(options.random);
  const plan = planShards(workspace.n, emShardRows(workspace));
  const states =
    placement !== 'sequential' && typeof init === 'string'
      ? parallelRestartStates(random, nInit, plan.count)
      : undefined;
  const passes = yield* openShards(emPassTask, passSetup(workspace), plan, workspace);
  let best: VariationalRestartResult<T> | undefined;
  const keep = (result: VariationalRestartResult<T>): void => {
    if (best === undefined || result.lowerBound > best.lowerBound) best = result;
  };
  const started = now();
  let restart = 0;
  for (; restart < nInit; restart++) {
    // 'auto': restart 0 runs here, timed; the others go to the workers when worth it.
    if (states !== undefined && sendRestartsNow(placement, restart, now() - started, nInit)) break;
    const stream = states === undefined ? random.split() : restartStream(states, restart);
    keep(yield* runVariationalRestart(workspace, passes, settings, restart, stream));
  }
  if (restart < nInit && states !== undefined && typeof init === 'string') {
    const restarts = yield* openShards(
      variationalRestartTask,
      {
        X: workspace.X,
        sampleWeight: workspace.sampleWeight,
        nClusters: k,
        covarianceType,
        ...fixed,
        init,
        firstRestart: restart,
        randomStates: states.slice(restart),
      },
      planShards(nInit - restart, 1),
      workspace,
    );
    const outputs = yield* mapShards(restarts, undefined);
    yield* closeShards(restarts);
    for (const output of outputs) {
      keep(variationalRestartResult(covarianceType, weightPrior, output));
    }
  }
  if (best === undefined) throw new InvalidInputError({ argument: 'nInit' }, 'no restart ran');
  // Σᵢ wᵢ rᵢₖ under the winning posterior: a scoring pass whose mask accumulates no statistics
  // but keeps the responsibility totals.
  const expected = expectations(best.posterior, workspace.d);
  yield* emPass(
    workspace,
    passes,
    expected.params,
    expected.logWeights,
    new Uint8Array(k),
    false,
    'soft',
  );
  const counts = Float64Array.from(workspace.totals);
  yield* closeShards(passes);
  return new BayesianGaussianMixtureModel(
    covarianceType,
    weightPrior,
    best.posterior,
    counts,
    best,
  );
}
