import type { ClusteringModel } from '../../clusterer.js';
import { createMatrix } from '../../matrix.js';
import { takeRows } from '../../takeRows.js';
import { BatteryError, describeOutcome, expectInvalidInput, outcomeOf } from '../compare.js';
import { assertNoNaN, type BatteryContext, softModel } from '../context.js';
import { withValue, withWidth } from '../data.js';

/** NaN in the data is an InvalidInputError naming X, the row and the column. */
export function checkRejectsNaN(context: BatteryContext): void {
  const { X } = context.separated;
  const column = X.cols - 1;
  expectInvalidInput(
    'rejects-nan',
    'NaN at row 2',
    () => context.fit(withValue(X, 2, column, Number.NaN)),
    'X',
    { row: 2, column },
  );
}

/** ±Infinity in the data is an InvalidInputError naming X, the row and the column. */
export function checkRejectsInfinity(context: BatteryContext): void {
  const { X } = context.separated;
  const last = X.cols - 1;
  expectInvalidInput(
    'rejects-infinity',
    '+Infinity at row 3',
    () => context.fit(withValue(X, 3, 0, Number.POSITIVE_INFINITY)),
    'X',
    { row: 3, column: 0 },
  );
  expectInvalidInput(
    'rejects-infinity',
    '-Infinity at row 4',
    () => context.fit(withValue(X, 4, last, Number.NEGATIVE_INFINITY)),
    'X',
    { row: 4, column: last },
  );
}

/** Data with no rows is an InvalidInputError naming X. */
export function checkRejectsEmpty(context: BatteryContext): void {
  const empty = createMatrix(0, context.separated.X.cols);
  expectInvalidInput('rejects-empty', '0 rows', () => context.fit(empty, {}, 1), 'X');
}

/** One row with one cluster: a model that labels it 0 (no NaN anywhere), or a typed error. */
export function checkOneRow(context: BatteryContext): void {
  const one = takeRows(context.separated.X, [0]);
  const outcome = outcomeOf(() => context.fit(one, {}, 1));
  if (outcome.kind === 'mixkit') return;
  if (outcome.kind === 'other') {
    throw new BatteryError(
      'one-row',
      `expected a model or a typed mixkit error, but it ${describeOutcome(outcome)}`,
    );
  }
  const model = outcome.value as ClusteringModel;
  assertNoNaN('one-row', context, model, one);
  const label = model.predict(one)[0];
  // A clusterer that finds the clusters may call a lone row noise (-1).
  if (label !== 0 && !(context.findsClusters && label === -1)) {
    throw new BatteryError('one-row', `the one row got label ${label}`);
  }
}

/** nClusters 0 is an InvalidInputError naming nClusters (at construction or at fit). */
export function checkRejectsZeroClusters(context: BatteryContext): void {
  expectInvalidInput(
    'rejects-zero-clusters',
    'nClusters 0',
    () => context.fit(context.separated.X, {}, 0),
    'nClusters',
  );
}

/** More clusters than rows is an InvalidInputError naming nClusters. */
export function checkRejectsTooManyClusters(context: BatteryContext): void {
  const X = takeRows(context.separated.X, [0, 1, 2, 3]);
  expectInvalidInput(
    'rejects-too-many-clusters',
    'nClusters 5 on 4 rows',
    () => context.fit(X, {}, 5),
    'nClusters',
  );
}

/** A fractional nClusters is an InvalidInputError naming nClusters. */
export function checkRejectsFractionalClusters(context: BatteryContext): void {
  expectInvalidInput(
    'rejects-fractional-clusters',
    'nClusters 2.5',
    () => context.fit(context.separated.X, {}, 2.5),
    'nClusters',
  );
}

/**
 * Data of another width at predict (and, for soft models, predictProba, scoreSamples and score)
 * is an InvalidInputError naming X.
 */
export function checkRejectsWrongWidth(context: BatteryContext): void {
  const { X } = context.separated;
  const model = context.fit(X);
  const widths = X.cols > 1 ? [X.cols + 1, X.cols - 1] : [X.cols + 1];
  for (const width of widths) {
    const other = withWidth(X, width);
    const what = `${width} columns for a model of ${X.cols}`;
    expectInvalidInput('rejects-wrong-width', `predict, ${what}`, () => model.predict(other), 'X');
    if (!context.soft) continue;
    const soft = softModel('rejects-wrong-width', model);
    expectInvalidInput(
      'rejects-wrong-width',
      `predictProba, ${what}`,
      () => soft.predictProba(other),
      'X',
    );
    expectInvalidInput(
      'rejects-wrong-width',
      `scoreSamples, ${what}`,
      () => soft.scoreSamples(other),
      'X',
    );
    expectInvalidInput('rejects-wrong-width', `score, ${what}`, () => soft.score(other), 'X');
  }
}
