import {
  type AnyComponentFamily,
  type FamilySpec,
  type FitWarning,
  type Matrix,
  type MatrixInput,
  restartStream,
  type SerializedParams,
  type ShardTask,
  toMatrix,
} from '@mixkit/core';
import { createEmWorkspace, type EmWorkspace } from '../workspace/emWorkspace.js';
import type { EmRestartResult } from './emStep.js';
import type { ResolvedEmSettings } from './resolveEmSettings.js';
import { runRestart } from './runRestart.js';
import { runRestartInThread } from './runRestartInThread.js';

/** The settings a restart runs with, less its random source (each restart gets its own stream). */
export type RestartSettings = Omit<ResolvedEmSettings, 'random' | 'init'> & {
  /** A built-in initialisation (an object init may hold live values that cannot reach a worker). */
  readonly init: 'k-means' | 'k-means++' | 'random' | 'random-from-data';
};

/** What a thread running whole EM restarts rebuilds its workspace from. */
export interface EmRestartSetup {
  /** The data as the caller gave it. */
  readonly X: Matrix;
  /** The distinct families of the mixture, as specs (rebuilt by name in a worker). */
  readonly families: readonly FamilySpec[];
  /** Component c's family: `families[familyOf[c]]` (components sharing a family object share it here). */
  readonly familyOf: readonly number[];
  /** Per-row weights, or undefined. */
  readonly sampleWeight: Float64Array | undefined;
  /** n x k prior probabilities (semi-supervised), or undefined. */
  readonly priorProbabilities: Matrix | undefined;
  /** The EM settings. */
  readonly settings: RestartSettings;
  /** Shard s runs restart `firstRestart + s` (the restarts before it ran in the fit's thread). */
  readonly firstRestart: number;
  /** Shard s's stream: `randomState` of the fit source's `split()` for its restart. */
  readonly randomStates: readonly (readonly number[])[];
}

/** One restart's outcome as it crosses threads: parameters in their JSON form. */
export type EmRestartOutput = Omit<EmRestartResult, 'params' | 'warnings'> & {
  /** The final parameters, `paramsToJSON` of each component's family. */
  readonly params: readonly SerializedParams[];
  /** The restart's warnings. */
  readonly warnings: readonly FitWarning[];
};

/** A thread's state: its own workspace (its own scratch, its rows in kernel memory if wanted). */
export interface EmRestartState {
  readonly workspace: EmWorkspace;
  readonly setup: EmRestartSetup;
  readonly aborted: (() => boolean) | undefined;
}

/**
 * Whole EM restarts as shards (`@mixkit/em:restart`): shard s of a plan of one-row shards
 * runs restart `firstRestart + s`, from its own stream, exactly as `emProgram` runs it in the fit's thread
 * (the same `runRestart`, its passes as one in-thread session of `emPassTask` over the same
 * shards). For small data, whose passes are one shard each and so never reach a worker, while
 * the restarts are independent. The fit's thread adds the outputs to its `RestartSelection`
 * in restart order, so it picks the sequential fit's winner, bit for bit. In a worker, an
 * aborted round stops a restart at its next iteration. Families are rebuilt from their specs,
 * so em stays family-blind.
 */
export const emRestartTask: ShardTask<
  EmRestartSetup,
  undefined,
  EmRestartOutput,
  EmRestartState,
  EmWorkspace
> = {
  name: '@mixkit/em:restart',
  open(setup, context, _shards, local) {
    if (local !== undefined) return { workspace: local, setup, aborted: context.aborted };
    const distinct = setup.families.map((spec) => context.resolveFamily(spec));
    const families = setup.familyOf.map((f) => {
      const family = distinct[f];
      if (family === undefined) throw new RangeError(`no family ${f} in the restart setup`);
      return family;
    });
    const workspace = createEmWorkspace(setup.X, families, {
      sampleWeight: setup.sampleWeight,
      priorProbabilities: setup.priorProbabilities,
      blockSize: setup.settings.blockSize,
      // NaN cells of X stay missing in the worker's workspace, as in the fit's own.
      missing: setup.settings.missing,
    });
    return { workspace, setup, aborted: context.aborted };
  },
  run(state, _input, shard) {
    const { workspace, setup, aborted } = state;
    const restart = setup.firstRestart + shard.index;
    const random = restartStream(setup.randomStates, shard.index);
    const settings: ResolvedEmSettings = { ...setup.settings, random };
    const { params, ...rest } = runRestartInThread(
      workspace,
      (passes) => runRestart(workspace, passes, settings, restart, random),
      aborted,
      'fitMixture',
    );
    return {
      ...rest,
      params: workspace.families.map((family, c) => family.paramsToJSON(params[c])),
    };
  },
};

/** A restart's outcome as the fit's thread keeps it: each family reads back the parameters it wrote. */
export function restartResult<Params>(
  workspace: EmWorkspace,
  output: EmRestartOutput,
): EmRestartResult<Params> {
  return {
    ...output,
    params: workspace.families.map((family, c) => family.paramsFromJSON(output.params[c])),
    warnings: [...output.warnings],
  };
}

/** The setup of `emRestartTask` that describes `workspace` (fitted with the `given` families). */
export function restartSetup(
  workspace: EmWorkspace,
  given: readonly AnyComponentFamily[],
  settings: RestartSettings & Pick<ResolvedEmSettings, 'random'>,
  options: { readonly priorProbabilities?: MatrixInput | undefined },
  randomStates: readonly (readonly number[])[],
  firstRestart: number,
): EmRestartSetup {
  const distinct: AnyComponentFamily[] = [];
  // The families as given: each worker's workspace resolves them for the data (`forData`) as
  // the fit's own did, from the same rows.
  const familyOf = given.map((family) => {
    const known = distinct.indexOf(family);
    if (known >= 0) return known;
    distinct.push(family);
    return distinct.length - 1;
  });
  const { random: _random, ...rest } = settings;
  return {
    X: workspace.X,
    families: distinct.map((family) => family.spec()),
    familyOf,
    sampleWeight: workspace.sampleWeight,
    priorProbabilities:
      options.priorProbabilities === undefined ? undefined : toMatrix(options.priorProbabilities),
    settings: rest,
    firstRestart,
    randomStates,
  };
}
