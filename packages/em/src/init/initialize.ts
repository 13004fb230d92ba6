import {
  assertUnreachable,
  drainShardProgram,
  type FitWarning,
  InvalidInputError,
  pause,
  type RandomSource,
  rowsElsewhereError,
  type ShardProgram,
} from '@mixkit/core';
import { type MStepSettings, mStep } from '../mstep/mStep.js';
import type { MixtureInit } from '../run/mixtureOptions.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { fetchRows } from '../workspace/remoteData.js';
import { clustererAssignment } from './clustererAssignment.js';
import type { InitialAssignment } from './initialAssignment.js';
import { kmeansAssignment } from './kmeansAssignment.js';
import { kmeansPlusPlusAssignment } from './kmeansPlusPlusAssignment.js';
import { labelsAssignment } from './labelsAssignment.js';
import { randomAssignment } from './randomAssignment.js';
import { randomDataRows, randomFromDataAssignment } from './randomFromDataAssignment.js';
import { responsibilitiesAssignment } from './responsibilitiesAssignment.js';

/** Initial parameters and log mixing weights of one restart. */
export interface InitialState {
  /** Each component's initial parameters. */
  readonly params: unknown[];
  /** The initial log mixing weights. */
  readonly logWeights: Float64Array;
}

/**
 * Initial parameters for one restart: given parameters as they are, otherwise one M-step
 * from the strategy's initial responsibilities (scikit-learn's `_initialize_parameters`).
 * A shard program: a clusterer that seeds EM (k-means) runs on the fit's executor.
 */
export function* initializeProgram(
  workspace: EmWorkspace,
  init: MixtureInit,
  random: RandomSource,
  settings: MStepSettings,
  restart: number,
  warnings: FitWarning[],
): ShardProgram<never, InitialState> {
  if (typeof init === 'object' && init.kind === 'params') return givenParams(workspace, init);
  if (typeof init === 'object' && init.kind === 'adjusted') {
    const start = yield* initializeProgram(
      workspace,
      init.base,
      random,
      settings,
      restart,
      warnings,
    );
    const weights = start.logWeights.map(Math.exp);
    return givenParams(workspace, init.adjust({ params: start.params, weights }));
  }
  const params: unknown[] = new Array(workspace.k);
  const logWeights = new Float64Array(workspace.k);
  yield* accumulateInitial(workspace, yield* assignmentFor(workspace, init, random));
  mStep(workspace, params, logWeights, settings, {
    restart,
    iteration: 0,
    worst: undefined,
    warnings,
  });
  return { params, logWeights };
}

/** `initializeProgram` run in the caller's thread (online and streamed fits). */
export function initialize(
  workspace: EmWorkspace,
  init: MixtureInit,
  random: RandomSource,
  settings: MStepSettings,
  restart: number,
  warnings: FitWarning[],
): InitialState {
  return drainShardProgram(initializeProgram(workspace, init, random, settings, restart, warnings));
}

function* assignmentFor(
  workspace: EmWorkspace,
  init: Exclude<MixtureInit, { kind: 'params' } | { kind: 'adjusted' }>,
  random: RandomSource,
): ShardProgram<never, InitialAssignment> {
  if (workspace.remote !== undefined && init !== 'random-from-data') {
    throw rowsElsewhereError(
      'init',
      typeof init === 'string' ? init : init.kind,
      "use 'random-from-data' or initial parameters ({kind: 'params'})",
    );
  }
  if (typeof init === 'string') {
    switch (init) {
      case 'k-means':
        return yield* kmeansAssignment(workspace, random);
      case 'k-means++':
        return kmeansPlusPlusAssignment(workspace, random);
      case 'random':
        return randomAssignment(workspace.k, random);
      case 'random-from-data':
        if (workspace.rowReader !== undefined) {
          // The same draw; the chosen rows' values come from the workers that hold them.
          const rows = randomDataRows(workspace, random);
          return { kind: 'seeds', seeds: yield* fetchRows(workspace.rowReader, rows, workspace.d) };
        }
        return randomFromDataAssignment(workspace, random);
      default:
        return assertUnreachable(init, 'init');
    }
  }
  switch (init.kind) {
    case 'clusterer':
      return yield* clustererAssignment(workspace, init.clusterer, random);
    case 'labels':
      return labelsAssignment(init.labels, workspace.n, workspace.k);
    case 'responsibilities':
      return responsibilitiesAssignment(init.responsibilities, workspace.n, workspace.k);
    default:
      return assertUnreachable(init, 'init');
  }
}

/**
 * Fills the statistics and totals from an initial assignment. Responsibilities are combined
 * with the prior probabilities (when given: their product, renormalised; a row whose product
 * vanishes takes its prior) and multiplied by the row weights.
 */
function* accumulateInitial(
  workspace: EmWorkspace,
  assignment: InitialAssignment,
): ShardProgram<never, void> {
  const { initX: X, n, k, families, stats, totals, blockTotals, block, blockSize } = workspace;
  const { sampleWeight, logPriors } = workspace;
  totals.fill(0);
  for (let c = 0; c < k; c++) stats[c] = families[c].scale(stats[c], 0);
  if (assignment.kind === 'seeds') {
    const rowWeight = workspace.totalWeight / workspace.positiveRows;
    const weight = new Float64Array([rowWeight]);
    for (let c = 0; c < k; c++) {
      stats[c] = families[c].accumulate(stats[c], assignment.seeds, c, c + 1, weight, 0, 1);
      totals[c] = rowWeight;
    }
    return;
  }
  for (let start = 0; start < n; start += blockSize) {
    // An async fit may yield here: this pass runs in the fit's thread.
    if (start % (16 * blockSize) === 0) yield* pause();
    const end = Math.min(start + blockSize, n);
    assignment.fill(block, start, end);
    for (let i = start; i < end; i++) {
      const base = (i - start) * k;
      if (logPriors !== undefined) applyPriors(block, base, k, logPriors, i * k);
      const w = sampleWeight === undefined ? 1 : sampleWeight[i];
      for (let c = 0; c < k; c++) {
        const value = block[base + c] * w;
        block[base + c] = value;
        blockTotals[c] += value;
      }
    }
    for (let c = 0; c < k; c++) {
      const blockTotal = blockTotals[c];
      blockTotals[c] = 0;
      totals[c] += blockTotal;
      if (blockTotal > 0) stats[c] = families[c].accumulate(stats[c], X, start, end, block, c, k);
    }
  }
}

function applyPriors(
  block: Float64Array,
  base: number,
  k: number,
  logPriors: Float64Array,
  priorBase: number,
): void {
  let initial = 0;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    initial += block[base + c];
    const value = block[base + c] * Math.exp(logPriors[priorBase + c]);
    block[base + c] = value;
    sum += value;
  }
  if (initial === 0) return;
  for (let c = 0; c < k; c++) {
    block[base + c] = sum > 0 ? block[base + c] / sum : Math.exp(logPriors[priorBase + c]);
  }
}

function givenParams(
  workspace: EmWorkspace,
  init: { readonly params: readonly unknown[]; readonly weights?: ArrayLike<number> },
): InitialState {
  const { k, d, families } = workspace;
  if (init.params.length !== k) {
    throw new InvalidInputError(
      { argument: 'init.params', value: init.params.length },
      `expected parameters for each of the ${k} components`,
    );
  }
  init.params.forEach((params, c) => {
    // Another family's parameters are refused by name here, not by a TypeError in a kernel.
    families[c].checkParams?.(params, `init.params[${c}]`);
    const dimension = families[c].dimension(params);
    if (dimension !== d) {
      throw new InvalidInputError(
        { argument: 'init.params', row: c, value: dimension },
        `component ${c} describes ${dimension} columns but the data has ${d}`,
      );
    }
  });
  const logWeights = new Float64Array(k);
  if (init.weights === undefined) {
    logWeights.fill(-Math.log(k));
  } else {
    if (init.weights.length !== k) {
      throw new InvalidInputError(
        { argument: 'init.weights', value: init.weights.length },
        `expected ${k} mixing weights`,
      );
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const w = init.weights[c];
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new InvalidInputError(
          { argument: 'init.weights', row: c, value: w },
          'weights must be finite and > 0',
        );
      }
      sum += w;
    }
    for (let c = 0; c < k; c++) logWeights[c] = Math.log(init.weights[c] / sum);
  }
  return { params: [...init.params], logWeights };
}
