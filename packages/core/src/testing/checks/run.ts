import { AbortedError } from '../../errors/abortedError.js';
import { createRandom } from '../../random.js';
import { takeRows } from '../../takeRows.js';
import { BatteryError, describeOutcome, outcomeOf, partitionDifference } from '../compare.js';
import { assertNoNaN, type BatteryContext } from '../context.js';
import { permutation } from '../data.js';

/** Shuffling the rows changes the labels only by a permutation. */
export function checkRowOrder(context: BatteryContext): void {
  const { X } = context.separated;
  const order = permutation(X.rows, createRandom(context.seed + 2));
  const original = context.fit(X).predict(X);
  const shuffled = context.fit(takeRows(X, order)).predict(X);
  const difference = partitionDifference(original, shuffled);
  if (difference !== undefined)
    throw new BatteryError('row-order', `after shuffling the rows: ${difference}`);
}

/**
 * An aborted signal, before the fit or from its first `onIteration` (for a clusterer that
 * reports progress), ends it with an AbortedError.
 */
export function checkAbort(context: BatteryContext): void {
  const check = 'abort';
  const { X } = context.overlapping;
  const before = new AbortController();
  before.abort('stop');
  const early = outcomeOf(() => context.fit(X, { signal: before.signal }));
  if (early.kind === 'returned' || !AbortedError.isInstance(early.error)) {
    throw new BatteryError(
      check,
      `a signal aborted before the fit: expected an AbortedError, but it ${describeOutcome(early)}`,
    );
  }
  // A one-pass algorithm has no iterations to abort between.
  if (context.setup.progress === false) return;
  const during = new AbortController();
  let calls = 0;
  const late = outcomeOf(() =>
    context.fit(X, {
      signal: during.signal,
      onIteration: () => {
        calls++;
        during.abort('stop');
      },
    }),
  );
  if (calls === 0) throw new BatteryError(check, 'onIteration was never called');
  if (late.kind === 'returned' || !AbortedError.isInstance(late.error)) {
    throw new BatteryError(
      check,
      `a signal aborted in onIteration: expected an AbortedError, but it ${describeOutcome(late)}`,
    );
  }
}

/** No NaN in the model's JSON, its diagnostics, its labels or (soft) probabilities and scores. */
export function checkNoNaN(context: BatteryContext): void {
  const { X } = context.overlapping;
  assertNoNaN('no-nan', context, context.fit(X), X);
}

/**
 * The objective trace never moves against its direction (beyond rounding: 1e-12 relative),
 * on overlapping data where fits iterate.
 */
export function checkObjectiveMonotone(context: BatteryContext): void {
  const check = 'objective-monotone';
  const direction = context.setup.objective ?? 'none';
  const trace = context.fit(context.overlapping.X).diagnostics.objective;
  if (trace.length < 2)
    throw new BatteryError(check, `a trace of ${trace.length} values shows nothing`);
  const sign = direction === 'maximize' ? 1 : -1;
  for (let t = 1; t < trace.length; t++) {
    const previous = trace[t - 1] ?? Number.NaN;
    const current = trace[t] ?? Number.NaN;
    const slack = 1e-12 * Math.max(1, Math.abs(previous), Math.abs(current));
    if (!(sign * (current - previous) >= -slack)) {
      throw new BatteryError(
        check,
        `the objective (${direction}) went from ${previous} to ${current} at iteration ${t + 1}`,
      );
    }
  }
}
