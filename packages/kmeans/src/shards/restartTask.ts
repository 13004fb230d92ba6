import {
  AbortedError,
  closeShards,
  type Matrix,
  restartStream,
  runShardProgramSync,
  type ShardTask,
} from '@mixkit/core';
import { seedCenters } from '../init/seedCenters.js';
import { type CenteredRun, openAssignSession } from '../iterateCenters.js';
import { type KMeansData, prepareKmeansData } from '../kmeansData.js';
import type { ResolvedKMeansAlgorithm } from '../kmeansOptions.js';
import { runRestart } from '../runRestart.js';

/** What a thread running whole restarts rebuilds its state from. */
export interface RestartSetup {
  /** The data as the caller gave it (each thread centers it itself, as the fit's thread did). */
  readonly X: Matrix;
  /** Per-row weights, or undefined. */
  readonly weights: Float64Array | undefined;
  /** Clusters. */
  readonly k: number;
  /** Assignment strategy. */
  readonly algorithm: ResolvedKMeansAlgorithm;
  /** A built-in seeder (a custom one is a function, which cannot reach a worker). */
  readonly init: 'k-means++' | 'random';
  /** Iteration cap per restart. */
  readonly maxIterations: number;
  /** Tolerance relative to the data's mean variance, as the caller gave it. */
  readonly tolerance: number;
  /** Shard s runs restart `firstRestart + s` (the restarts before it ran in the fit's thread). */
  readonly firstRestart: number;
  /** Shard s's stream (`randomState` of the fit source's `split()` for its restart). */
  readonly randomStates: readonly (readonly number[])[];
}

/** A thread's state: the prepared data and the setup. */
export interface RestartState {
  readonly data: KMeansData;
  readonly setup: RestartSetup;
  readonly aborted: (() => boolean) | undefined;
}

/**
 * Whole k-means restarts as shards (`@mixkit/kmeans:restart`): shard s of a plan of one-row
 * shards runs restart `firstRestart + s`, seeded from its own stream, exactly as `KMeans` runs it in
 * its own thread (the same `seedCenters` and `runRestart`, its passes in this thread). Used on
 * small data, where each pass is too short to be worth sending to workers but restarts are
 * independent. The fit's thread then picks the winner from the outputs in restart order, so
 * the result is the sequential fit's, bit for bit. In a worker, an aborted round stops the
 * restart at its next iteration.
 */
export const restartTask: ShardTask<
  RestartSetup,
  undefined,
  CenteredRun,
  RestartState,
  KMeansData
> = {
  name: '@mixkit/kmeans:restart',
  open(setup, context, _shards, local) {
    return {
      data: local ?? prepareKmeansData(setup.X, setup.weights),
      setup,
      aborted: context.aborted,
    };
  },
  run(state, _input, shard) {
    const { data, setup, aborted } = state;
    const { X, weights, k, algorithm, init, maxIterations, tolerance } = setup;
    const restart = setup.firstRestart + shard.index;
    const stream = restartStream(setup.randomStates, shard.index);
    const steps = runShardProgramSync(
      (function* () {
        const session = yield* openAssignSession(data, algorithm, k);
        const initial = yield* seedCenters(init, data, X, k, stream, weights);
        // Steps are not reported from here: their units do not matter.
        const run = yield* runRestart(
          data,
          session,
          initial,
          { algorithm, maxIterations, tolerance: tolerance * data.meanVariance, restart },
          (value) => value,
        );
        yield* closeShards(session.handle);
        // The session's labels live on a buffer the next restart of this thread reuses.
        return { ...run, labels: run.labels.slice() };
      })(),
    );
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (aborted?.() === true) throw new AbortedError('KMeans.fit');
    }
  },
};
