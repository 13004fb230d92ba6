import type { FitDiagnostics, Matrix, SerializedParams, ShardTask } from '@mixkit/core';
import type {
  GaussianModelName,
  GaussianModelOptions,
  GaussianModelParams,
} from '@mixkit/distributions';
import type { MixtureModel } from '@mixkit/em';
import { type MclustEmControl, mclustEm } from './mclustEm.js';

/** One cell of mclust's grid: a model fitted from the hierarchical partition into G groups. */
export interface MclustCell {
  /** The covariance model. */
  readonly modelName: GaussianModelName;
  /** Index of the cell's G in `MclustCellSetup.labels`. */
  readonly group: number;
}

/** What a thread fitting cells of mclust's grid rebuilds its fits from (cloneable). */
export interface MclustCellSetup {
  /** The data (rows in fit order). */
  readonly X: Matrix;
  /** The hierarchical partition for each G of the grid, in the grid's order (of `subset`'s rows). */
  readonly labels: readonly Int32Array[];
  /** The rows the partitions are of (mclust's `initialization$subset`); undefined: all rows. */
  readonly subset: Int32Array | undefined;
  /** Shard s fits `cells[s]` (an order that evens out the workers' shares, see `mclustProgram`). */
  readonly cells: readonly MclustCell[];
  /** mclust's outer EM control. */
  readonly control: MclustEmControl;
  /** mclust's inner M-step control. */
  readonly modelOptions: GaussianModelOptions;
}

/** A fitted mixture's parts as they cross threads (the families are rebuilt from the cell). */
export interface MclustCellModel {
  /** Each component's parameters, in their JSON form. */
  readonly params: readonly SerializedParams[];
  /** The log mixing weights. */
  readonly logWeights: Float64Array;
  /** The fit's diagnostics. */
  readonly diagnostics: FitDiagnostics;
}

/** One cell's fit; `null` where mclust reports NA (a singular covariance). */
export type MclustCellOutput = {
  /** ℓ of the returned parameters, summed over rows. */
  readonly logLikelihood: number;
  /** M-steps run. */
  readonly iterations: number;
  /** Whether mclust's stopping rule was met. */
  readonly converged: boolean;
  /** The fitted mixture from a worker; absent in the fit's own thread, which keeps it live. */
  readonly model: MclustCellModel | undefined;
} | null;

/** The fit's own thread's live models, by shard (so nothing is rebuilt when no worker ran). */
export interface MclustCellLocal {
  /** `models[s]`: shard s's fitted mixture, once it ran in this thread. */
  readonly models: (MixtureModel<GaussianModelParams> | undefined)[];
}

/** A thread's state: the setup, its live models (in the fit's thread) and the abort flag. */
export interface MclustCellState {
  /** The session's setup. */
  readonly setup: MclustCellSetup;
  /** The fit's own thread's live models; undefined in a worker. */
  readonly local: MclustCellLocal | undefined;
  /** The worker's abort flag for the current round; undefined in the fit's own thread. */
  readonly aborted: (() => boolean) | undefined;
}

/**
 * The cells of mclust's grid as shards (`@mixkit/gaussian-mixture:mclust-cell`): shard s runs
 * `mclustEm` for one (model, G) from that G's hierarchical partition, exactly as `mclust()` runs
 * it in the fit's thread (mclust's EM has no random source), so every cell's log-likelihood and
 * parameters are the same bits wherever it ran. The cells are independent fits, so a grid of
 * 14 models x 9 G spreads over the workers whatever the size of the data. In a worker an
 * aborted round stops the cell at its next iteration.
 */
export const mclustCellTask: ShardTask<
  MclustCellSetup,
  undefined,
  MclustCellOutput,
  MclustCellState,
  MclustCellLocal
> = {
  name: '@mixkit/gaussian-mixture:mclust-cell',
  open(setup, context, _shards, local) {
    return { setup, local, aborted: context.aborted };
  },
  run(state, _input, shard) {
    const { setup, local, aborted } = state;
    const cell = setup.cells[shard.index];
    const labels = cell === undefined ? undefined : setup.labels[cell.group];
    if (cell === undefined || labels === undefined) {
      throw new RangeError(`no mclust cell for shard ${shard.index}`);
    }
    const fit = mclustEm(setup.X, cell.modelName, labels, setup.control, setup.modelOptions, {
      subset: setup.subset,
      aborted,
    });
    if (fit === undefined) return null;
    const { model, logLikelihood, iterations, converged } = fit;
    if (local !== undefined) {
      local.models[shard.index] = model;
      return { logLikelihood, iterations, converged, model: undefined };
    }
    const [family] = model.families;
    return {
      logLikelihood,
      iterations,
      converged,
      model: {
        params: model.params.map((params) => family.paramsToJSON(params)),
        logWeights: model.logWeights,
        diagnostics: model.diagnostics,
      },
    };
  },
};
