import type { ClusteringModel } from '../../clusterer.js';
import type { Matrix } from '../../matrix.js';
import { BatteryError, describeOutcome, outcomeOf, partitionDifference } from '../compare.js';
import { assertNoNaN, type BatteryContext } from '../context.js';
import { scaleColumns } from '../data.js';

/** Fitting the separated data recovers its true partition exactly. */
export function checkRecovers(context: BatteryContext): void {
  const { X, labels } = context.separated;
  const model = context.fit(X);
  const difference = partitionDifference(labels, model.predict(X));
  if (difference !== undefined) {
    throw new BatteryError(
      'recovers-separated-clusters',
      `the fit is not the true partition: ${difference}`,
    );
  }
}

/**
 * The separated data with its columns multiplied by `factors`: a typed mixkit error (which
 * should say what to do), or the true partition with no NaN anywhere. Never a quiet wrong
 * partition, such as every row in one cluster.
 */
function checkScaled(check: string, context: BatteryContext, factors: readonly number[]): void {
  const { X, labels } = context.separated;
  const scaled: Matrix = scaleColumns(X, factors);
  const outcome = outcomeOf(() => context.fit(scaled));
  if (outcome.kind === 'mixkit') return;
  if (outcome.kind === 'other') {
    throw new BatteryError(
      check,
      `expected a model or a typed mixkit error, but it ${describeOutcome(outcome)}`,
    );
  }
  const model = outcome.value as ClusteringModel;
  assertNoNaN(check, context, model, scaled);
  const difference = partitionDifference(labels, model.predict(scaled));
  if (difference !== undefined) {
    throw new BatteryError(check, `no error, but not the true partition: ${difference}`);
  }
}

/** Values near 1e300. */
export function checkHugeValues(context: BatteryContext): void {
  checkScaled('huge-values', context, [1e300]);
}

/** Values near 1e-300. */
export function checkTinyValues(context: BatteryContext): void {
  checkScaled('tiny-values', context, [1e-300]);
}

/** Columns at 1e-6 next to columns at 1e6. */
export function checkMixedColumnScales(context: BatteryContext): void {
  checkScaled('mixed-column-scales', context, [1e-6, 1e6]);
}
