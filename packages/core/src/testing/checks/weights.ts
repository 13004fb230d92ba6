import type { ClusteringModel } from '../../clusterer.js';
import { takeRows } from '../../takeRows.js';
import {
  BatteryError,
  describeOutcome,
  expectInvalidInput,
  outcomeOf,
  partitionDifference,
} from '../compare.js';
import { assertNoNaN, type BatteryContext, softModel } from '../context.js';

/**
 * Negative, NaN, all-zero and wrongly sized weights are InvalidInputErrors naming sampleWeight
 * (and the row, for a bad entry). A clusterer without weights rejects any.
 */
export function checkRejectsBadWeights(context: BatteryContext): void {
  const { X } = context.separated;
  const n = X.rows;
  const check = 'rejects-bad-weights';
  const fitWith = (weights: number[]) => () => context.fit(X, { sampleWeight: weights });
  if (!context.weighted) {
    expectInvalidInput(
      check,
      'weights for a clusterer without them',
      fitWith(new Array(n).fill(1)),
      'sampleWeight',
    );
    return;
  }
  const ones = (): number[] => new Array(n).fill(1);
  const negative = ones();
  negative[3] = -1;
  expectInvalidInput(check, 'weight -1 at row 3', fitWith(negative), 'sampleWeight', { row: 3 });
  const nan = ones();
  nan[1] = Number.NaN;
  expectInvalidInput(check, 'weight NaN at row 1', fitWith(nan), 'sampleWeight', { row: 1 });
  expectInvalidInput(check, 'all weights 0', fitWith(new Array(n).fill(0)), 'sampleWeight');
  expectInvalidInput(
    check,
    `${n - 1} weights for ${n} rows`,
    fitWith(new Array(n - 1).fill(1)),
    'sampleWeight',
  );
}

/**
 * Every weight 1e-310 (subnormal), or every weight 1e308 (their sum overflows): a typed error,
 * or the partition of the unweighted fit with no NaN anywhere.
 */
export function checkExtremeWeights(context: BatteryContext): void {
  const { X } = context.separated;
  const check = 'extreme-weights';
  if (!context.weighted) {
    expectInvalidInput(
      check,
      'weights for a clusterer without them',
      () => context.fit(X, { sampleWeight: new Array(X.rows).fill(1e308) }),
      'sampleWeight',
    );
    return;
  }
  const reference = context.fit(X).predict(X);
  for (const value of [1e-310, 1e308]) {
    const outcome = outcomeOf(() =>
      context.fit(X, { sampleWeight: new Array(X.rows).fill(value) }),
    );
    if (outcome.kind === 'mixkit') continue;
    if (outcome.kind === 'other') {
      throw new BatteryError(check, `every weight ${value}: it ${describeOutcome(outcome)}`);
    }
    const model = outcome.value as ClusteringModel;
    assertNoNaN(check, context, model, X);
    const difference = partitionDifference(reference, model.predict(X));
    if (difference !== undefined) {
      throw new BatteryError(
        check,
        `every weight ${value} changed the partition of the unweighted fit: ${difference}`,
      );
    }
  }
}

/** The final objective of a fit (its best restart's). */
function finalObjective(model: ClusteringModel): number {
  const { restartObjectives, bestRestart } = model.diagnostics;
  return restartObjectives[bestRestart] ?? Number.NaN;
}

/**
 * Weight 3 on every fifth row equals those rows repeated three times: with one cluster (where
 * the optimum does not depend on the start) the final objectives agree to 1e-9 and, for soft
 * models, so do the per-row log-likelihoods; with the data's clusters the partitions agree.
 * (A clusterer that finds the clusters itself is judged on the partitions only.)
 */
export function checkWeightEqualsRepetition(context: BatteryContext): void {
  const check = 'weight-equals-repetition';
  if (!context.weighted) {
    throw new BatteryError(
      check,
      'the clusterer takes no sampleWeight, so weights cannot stand for repetition',
    );
  }
  const { X } = context.separated;
  const weights = Array.from({ length: X.rows }, (_, i) => (i % 5 === 0 ? 3 : 1));
  const order: number[] = [];
  weights.forEach((w, i) => {
    for (let r = 0; r < w; r++) order.push(i);
  });
  const repeated = takeRows(X, order);
  for (const k of [1, context.nClusters]) {
    const weighted = context.fit(X, { sampleWeight: weights }, k);
    const copies = context.fit(repeated, {}, k);
    const difference = partitionDifference(weighted.predict(X), copies.predict(X));
    if (difference !== undefined) {
      throw new BatteryError(check, `${k} clusters: the partitions differ: ${difference}`);
    }
    if (k !== 1 || context.findsClusters) continue;
    const a = finalObjective(weighted);
    const b = finalObjective(copies);
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) {
      throw new BatteryError(
        check,
        `one cluster: final objective ${a} with weights, ${b} with copies`,
      );
    }
    if (!context.soft) continue;
    const left = softModel(check, weighted).scoreSamples(X);
    const right = softModel(check, copies).scoreSamples(X);
    for (let i = 0; i < left.length; i++) {
      const x = left[i] ?? 0;
      const y = right[i] ?? 0;
      if (!(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)))) {
        throw new BatteryError(
          check,
          `one cluster: scoreSamples[${i}] ${x} with weights, ${y} with copies`,
        );
      }
    }
  }
}
