import {
  type AnyComponentFamily,
  type FamilySpec,
  isRemoteRows,
  type Matrix,
  type RemoteRows,
  rowsElsewhereError,
  type SerializedParams,
  type Shard,
  type ShardTask,
} from '@mixkit/core';
import { releaseKernelArrays } from '@mixkit/linalg';
import { type EmWorkspace, placeInKernelMemory, withMarks } from '../workspace/emWorkspace.js';
import { kernelArrays } from '../workspace/kernelArrays.js';
import { EStepScratch } from './eStepScratch.js';
import { normalizeBlock } from './normalizeBlock.js';
import { selectWorstRows, type WorstRows } from './worstRows.js';

/** What every thread running EM passes rebuilds its state from: the fit's data and families. */
export interface EmPassSetup {
  /**
   * The whole data set (rows in fit order), or only its shape when the rows live with the
   * executor's workers (a distributed executor's workers read their shards themselves).
   */
  readonly X: Matrix | RemoteRows;
  /** One spec per component, in mixture order. */
  readonly families: readonly FamilySpec[];
  /** Per-row weights, or undefined when all rows weigh 1. */
  readonly sampleWeight: Float64Array | undefined;
  /** n x k log prior probabilities, or undefined. */
  readonly logPriors: Float64Array | undefined;
  /**
   * This thread's scratch for each row's mixture log-likelihood (at the row's index), from
   * which a pass that asks for worst rows picks its shard's; never sent back.
   */
  readonly rowScores: Float64Array;
  /** Rows per block of a pass (the block x k buffer stays in cache). */
  readonly blockSize: number;
}

/** One pass's parameters. */
export interface EmPassInput {
  /** Each component's parameters, in mixture order. */
  readonly params: readonly unknown[];
  /** Log mixing weights. */
  readonly logWeights: Float64Array;
  /** Component c accumulates statistics when `accumulate[c]` is 1; undefined: only score. */
  readonly accumulate: Uint8Array | undefined;
  /** Classification EM's hard E-step instead of the soft one. */
  readonly hard: boolean;
  /**
   * How many of its worst-explained rows (positive weight, lowest mixture log-likelihood) each
   * shard sends back for re-seeding (`worstRowsWanted(k)` on accumulating passes); 0: none.
   */
  readonly worstRows: number;
  /**
   * Whether those rows' values come along (`WorstRows.values`): a fit whose rows live with the
   * executor's workers re-seeds from them.
   */
  readonly worstValues: boolean;
}

/**
 * `EmPassInput` as posted to a worker: each component's parameters as they are when its family
 * has `plainParams` (a structured clone is an equal copy), else in their JSON form.
 */
export type EmPassWire = Omit<EmPassInput, 'params'> & {
  readonly params: readonly (SerializedParams | PlainParams)[];
};

/** Parameters of a family with `plainParams`, posted as they are. */
export interface PlainParams {
  /** The parameters themselves. */
  readonly plain: unknown;
}

/** What one shard gives back. */
export interface EmPassOutput {
  /** Weighted sum of the shard's rows' log-likelihoods. */
  readonly objective: number;
  /** Per-component responsibility totals of the shard (when accumulating). */
  readonly totals: Float64Array | undefined;
  /** Per-component statistics of the shard, null for components that do not accumulate. */
  readonly stats: readonly unknown[] | undefined;
  /**
   * The shard's `worstRows` worst-explained rows (indices within the shard) when the input asks
   * for them: O(k) values, never one per row.
   */
  readonly worst: WorstRows | undefined;
}

/** One thread's EM pass state: its families, its rows (maybe in kernel memory), its scratch. */
export interface EmPassState {
  readonly families: readonly AnyComponentFamily[];
  /** The rows this thread reads: row `i` of the fit is row `i - first` here. */
  readonly X: Matrix;
  readonly first: number;
  readonly k: number;
  readonly block: Float64Array;
  readonly blockTotals: Float64Array;
  readonly scratch: EStepScratch;
  readonly setup: EmPassSetup;
  /**
   * A worker's copy of its rows in kernel memory, given back to the worker's thread when the
   * session closes (`releaseKernelArrays`): the next session there copies into mapped pages.
   */
  readonly owned?: Float64Array | undefined;
}

/**
 * The EM iteration's pass over one shard of rows (`@mixkit/em:pass`): block by block, every
 * component's `logDensity` into column c of the block, the in-place E-step
 * (`normalizeBlock`), then every accumulating component's `accumulate` from the same block,
 * skipped for a component with no responsibility in the block. Each shard starts from empty
 * statistics; `emPass` merges the shards' statistics in shard order, so the result does not
 * depend on which thread ran which shard.
 */
export const emPassTask: ShardTask<
  EmPassSetup,
  EmPassInput,
  EmPassOutput,
  EmPassState,
  EmWorkspace,
  EmPassWire
> = {
  name: '@mixkit/em:pass',
  open(setup, context, shards, workspace) {
    const k = setup.families.length;
    if (workspace !== undefined) {
      if (workspace.remote !== undefined) {
        throw rowsElsewhereError('executor', undefined, 'use an executor whose workers hold them');
      }
      // The fit's own thread: its workspace holds everything (the data moves to kernel memory
      // now when a family prefers it).
      placeInKernelMemory(workspace);
      return {
        families: workspace.families,
        X: workspace.X,
        first: 0,
        k,
        block: workspace.block,
        blockTotals: new Float64Array(k),
        scratch: workspace.scratch,
        setup,
      };
    }
    const { X, blockSize } = setup;
    if (isRemoteRows(X)) {
      throw rowsElsewhereError('executor', undefined, 'use an executor whose workers hold them');
    }
    const families = setup.families.map((spec) => context.resolveFamily(spec));
    const d = X.cols;
    const first = shards[0]?.start ?? 0;
    const last = shards[shards.length - 1]?.end ?? first;
    const blockLength = Math.min(blockSize, Math.max(1, last - first)) * k;
    // A worker copies its own rows into kernel memory once per session when a family prefers it.
    const kernel = kernelArrays(families, (last - first) * d, blockLength);
    kernel?.data.set(X.data.subarray(first * d, last * d));
    const marks = X.missingRows?.subarray(first, last);
    return {
      families,
      X:
        kernel === undefined
          ? X
          : withMarks({ rows: last - first, cols: d, data: kernel.data }, marks),
      first: kernel === undefined ? 0 : first,
      k,
      block: kernel?.block ?? new Float64Array(blockLength),
      blockTotals: new Float64Array(k),
      scratch: new EStepScratch(),
      setup,
      owned: kernel?.data,
    };
  },
  run: runShard,
  close(state) {
    // In the fit's own thread the memory is the workspace's, given back when the fit ends.
    // A worker holds it for its next session (it lives only as long as its pool keeps it).
    if (state.owned !== undefined) releaseKernelArrays(state.owned, { hold: true });
  },
  encode(input, workspace) {
    return {
      ...input,
      params: input.params.map((params, c) => {
        const family = workspace.families[c];
        return family.plainParams === true ? { plain: params } : family.paramsToJSON(params);
      }),
    };
  },
  decode(wire, state) {
    return {
      ...wire,
      // A JSON document always has its `kind`; parameters posted as they are never do.
      params: wire.params.map((posted, c) =>
        'kind' in posted ? state.families[c].paramsFromJSON(posted) : posted.plain,
      ),
    };
  },
};

function runShard(state: EmPassState, input: EmPassInput, shard: Shard): EmPassOutput {
  const { families, X, first, k, block, blockTotals, scratch, setup } = state;
  const { params, logWeights, accumulate } = input;
  const d = X.cols;
  const { blockSize } = setup;
  const stats =
    accumulate === undefined
      ? undefined
      : families.map((family, c) => (accumulate[c] === 1 ? family.createStats(d) : null));
  const totals = accumulate === undefined ? undefined : new Float64Array(k);
  const extras = {
    logPriors: setup.logPriors,
    sampleWeight: setup.sampleWeight,
    totals: accumulate === undefined ? undefined : blockTotals,
    // Each thread writes its shard's scores to its own part of its scratch, then keeps a few.
    rowScores: input.worstRows > 0 ? setup.rowScores : undefined,
    // The scoring pass (no accumulation: the final E-step) drops negligible terms too, as the
    // iterations' passes do: they move a row's log-likelihood by less than k·2e-22 (see
    // `negligibleResponsibility`; each is below half an ulp of the row's sum, which holds a
    // term of 1), and the pass then costs about one `exp` per row instead of k (at 1M x 16,
    // k = 16, the exact final E-step cost as much as a whole iteration).
    skipNegligible: true,
    // Nothing reads the scoring pass's responsibilities: only the log-likelihoods (same bits).
    scoreOnly: accumulate === undefined,
    hard: input.hard,
  };
  let objective = 0;
  for (let start = shard.start; start < shard.end; start += blockSize) {
    const end = Math.min(start + blockSize, shard.end);
    const from = start - first;
    const to = end - first;
    for (let c = 0; c < k; c++) families[c].logDensity(params[c], X, from, to, block, c, k);
    objective += normalizeBlock(block, end - start, k, logWeights, start, scratch, extras);
    if (stats === undefined || totals === undefined || accumulate === undefined) continue;
    for (let c = 0; c < k; c++) {
      // A component with no responsibility in this block has nothing to add: skip the call.
      const blockTotal = blockTotals[c];
      blockTotals[c] = 0;
      totals[c] += blockTotal;
      if (accumulate[c] === 1 && blockTotal > 0) {
        // The E-step's parameters go along, for every family alike: a family with per-row
        // latent variables (Student-t) forms its expectations from them, the others ignore them.
        stats[c] = families[c].accumulate(stats[c], X, from, to, block, c, k, params[c]);
      }
    }
  }
  const worst =
    input.worstRows > 0
      ? selectWorstRows(
          setup.rowScores,
          shard.start,
          shard.end,
          setup.sampleWeight,
          input.worstRows,
        )
      : undefined;
  if (worst === undefined || !input.worstValues) return { objective, totals, stats, worst };
  const values = new Float64Array(worst.rows.length * d);
  for (let j = 0; j < worst.rows.length; j++) {
    const row = shard.start + worst.rows[j] - first;
    values.set(X.data.subarray(row * d, (row + 1) * d), j * d);
  }
  return { objective, totals, stats, worst: { ...worst, values } };
}

/** The pass setup that describes `workspace` (its data, families, weights, priors, scores). */
export function passSetup(workspace: EmWorkspace): EmPassSetup {
  return {
    X: workspace.remote ?? workspace.X,
    families: workspace.families.map((family) => family.spec()),
    sampleWeight: workspace.sampleWeight,
    logPriors: workspace.logPriors,
    rowScores: workspace.rowScores,
    blockSize: workspace.blockSize,
  };
}
