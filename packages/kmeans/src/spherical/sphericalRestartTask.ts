import {
  AbortedError,
  type FitWarning,
  type Matrix,
  restartStream,
  runShardProgramSync,
  type ShardTask,
} from '@mixkit/core';
import { type CosineWorkspace, cosineWorkspace } from './cosineWorkspace.js';
import { runSpherical, type SphericalRun, seedConceptVectors } from './sphericalRun.js';

/** What a thread running whole spherical k-means restarts rebuilds its state from. */
export interface SphericalRestartSetup {
  /** The data as the caller gave it (each thread normalises its rows, as the fit's thread did). */
  readonly X: Matrix;
  /** The fit's per-row weights (already scaled by the fit's power of two). */
  readonly weights: Float64Array;
  /** Clusters. */
  readonly k: number;
  /** A built-in seeding (given centres are one restart: nothing to run in parallel). */
  readonly init: 'k-means++' | 'random';
  /** Iteration cap per restart. */
  readonly maxIterations: number;
  /** Convergence tolerance. */
  readonly tolerance: number;
  /** Shard s runs restart `firstRestart + s` (the restarts before it ran in the fit's thread). */
  readonly firstRestart: number;
  /** Shard s's stream (`randomState` of the fit source's `split()` for its restart). */
  readonly randomStates: readonly (readonly number[])[];
}

/** One restart's outcome as it crosses threads: the run's, with its warnings. */
export interface SphericalRestartOutput extends SphericalRun {
  /** Its warnings, in the order the sequential fit reports them. */
  readonly warnings: readonly FitWarning[];
}

/** A thread's state: the normalised rows. */
export interface SphericalRestartState {
  readonly workspace: CosineWorkspace;
  readonly setup: SphericalRestartSetup;
  readonly aborted: (() => boolean) | undefined;
}

/**
 * Whole spherical k-means restarts as shards (`@mixkit/kmeans:spherical-restart`): shard s of
 * a plan of one-row shards runs restart `firstRestart + s` from its own stream, exactly as
 * `SphericalKMeans` runs it in its own thread (the same seeding and run). Its passes always
 * run in the fit's thread, so restarts are its only parallel work. The fit's thread keeps the
 * best from the outputs in restart order: the sequential fit's result, bit for bit. In a
 * worker, an aborted round stops the restart at its next iteration.
 */
export const sphericalRestartTask: ShardTask<
  SphericalRestartSetup,
  undefined,
  SphericalRestartOutput,
  SphericalRestartState,
  CosineWorkspace
> = {
  name: '@mixkit/kmeans:spherical-restart',
  open(setup, context, _shards, local) {
    return {
      workspace: local ?? cosineWorkspace(setup.X, setup.k),
      setup,
      aborted: context.aborted,
    };
  },
  run(state, _input, shard) {
    const { workspace, setup, aborted } = state;
    const restart = setup.firstRestart + shard.index;
    const stream = restartStream(setup.randomStates, shard.index);
    const initial = seedConceptVectors(setup.init, workspace.unit, setup.k, stream, setup.weights);
    const warnings: FitWarning[] = [];
    // Steps are not reported from here: their units do not matter.
    const steps = runShardProgramSync(
      runSpherical(workspace, setup.weights, initial, restart, warnings, setup, (value) => value),
    );
    for (;;) {
      const next = steps.next();
      if (next.done) return { ...next.value, warnings };
      if (aborted?.() === true) throw new AbortedError('SphericalKMeans.fit');
    }
  },
};
