import {
  checkDeterministic,
  checkDeterministicFreshModule,
  checkDeterministicOtherProcess,
  checkJsonRoundTrip,
} from './checks/determinism.js';
import {
  checkOneRow,
  checkRejectsEmpty,
  checkRejectsFractionalClusters,
  checkRejectsInfinity,
  checkRejectsNaN,
  checkRejectsTooManyClusters,
  checkRejectsWrongWidth,
  checkRejectsZeroClusters,
} from './checks/inputs.js';
import { checkAbort, checkNoNaN, checkObjectiveMonotone, checkRowOrder } from './checks/run.js';
import {
  checkHugeValues,
  checkMixedColumnScales,
  checkRecovers,
  checkTinyValues,
} from './checks/scale.js';
import {
  checkExtremeWeights,
  checkRejectsBadWeights,
  checkWeightEqualsRepetition,
} from './checks/weights.js';
import { BatteryContext } from './context.js';
import type { ClustererCheck, ClustererCheckName, ClustererSetup } from './types.js';

/** Every check of the battery, in the order it runs, with what it asserts. */
export const clustererCheckTitles: Readonly<Record<ClustererCheckName, string>> = {
  'recovers-separated-clusters': 'recovers well-separated clusters exactly',
  'rejects-nan': 'NaN in X is an InvalidInputError naming X, the row and the column',
  'rejects-infinity': '±Infinity in X is an InvalidInputError naming X, the row and the column',
  'rejects-empty': 'X with no rows is an InvalidInputError naming X',
  'one-row': 'one row, one cluster: label 0 and no NaN, or a typed error',
  'rejects-zero-clusters': 'nClusters 0 is an InvalidInputError naming nClusters',
  'rejects-too-many-clusters':
    'nClusters above the row count is an InvalidInputError naming nClusters',
  'rejects-fractional-clusters': 'nClusters 2.5 is an InvalidInputError naming nClusters',
  'rejects-wrong-width':
    'another width at predict (and soft outputs) is an InvalidInputError naming X',
  'rejects-bad-weights':
    'negative, NaN, all-zero or missing weights are InvalidInputErrors naming sampleWeight',
  'extreme-weights': 'all weights 1e-310 or 1e308: the unweighted partition, or a typed error',
  'huge-values': 'values near 1e300: the true partition, or a typed error',
  'tiny-values': 'values near 1e-300: the true partition, or a typed error',
  'mixed-column-scales': 'columns at 1e-6 next to 1e6: the true partition, or a typed error',
  deterministic: 'the same seed gives the same bits',
  'deterministic-fresh-module': 'a fresh instance of the module gives the same bits',
  'deterministic-other-process': 'another process gives the same bits',
  'json-round-trip': 'fromJSON(toJSON()) gives the same model, bit for bit',
  'weight-equals-repetition': 'weight 3 on a row equals the row repeated 3 times',
  'row-order': 'shuffling the rows changes the labels only by a permutation',
  abort: 'an aborted signal ends the fit with an AbortedError',
  'no-nan': 'no NaN in the model, its diagnostics, labels, probabilities or scores',
  'objective-monotone': 'the objective trace never moves against its direction',
};

type Run = (context: BatteryContext) => void | Promise<void>;

const runs: Readonly<Record<ClustererCheckName, Run>> = {
  'recovers-separated-clusters': checkRecovers,
  'rejects-nan': checkRejectsNaN,
  'rejects-infinity': checkRejectsInfinity,
  'rejects-empty': checkRejectsEmpty,
  'one-row': checkOneRow,
  'rejects-zero-clusters': checkRejectsZeroClusters,
  'rejects-too-many-clusters': checkRejectsTooManyClusters,
  'rejects-fractional-clusters': checkRejectsFractionalClusters,
  'rejects-wrong-width': checkRejectsWrongWidth,
  'rejects-bad-weights': checkRejectsBadWeights,
  'extreme-weights': checkExtremeWeights,
  'huge-values': checkHugeValues,
  'tiny-values': checkTinyValues,
  'mixed-column-scales': checkMixedColumnScales,
  deterministic: checkDeterministic,
  'deterministic-fresh-module': checkDeterministicFreshModule,
  'deterministic-other-process': checkDeterministicOtherProcess,
  'json-round-trip': checkJsonRoundTrip,
  'weight-equals-repetition': checkWeightEqualsRepetition,
  'row-order': checkRowOrder,
  abort: checkAbort,
  'no-nan': checkNoNaN,
  'objective-monotone': checkObjectiveMonotone,
};

/** The checks that ask for a number of clusters. */
const countChecks: readonly ClustererCheckName[] = [
  'rejects-zero-clusters',
  'rejects-too-many-clusters',
  'rejects-fractional-clusters',
];

/** Whether a check applies to the setup (see `clustererChecks`). */
function applies(check: ClustererCheckName, setup: ClustererSetup): boolean {
  if (check === 'objective-monotone') return (setup.objective ?? 'none') !== 'none';
  if (check === 'weight-equals-repetition') return setup.sampleWeight ?? true;
  if (countChecks.includes(check)) return !(setup.findsClusters ?? false);
  return true;
}

/**
 * The battery's checks for one clusterer as runnable checks, independent of any test framework
 * (`describeClusterer` registers them with vitest). Left out: `objective-monotone` when the
 * setup's objective direction is `'none'`, `weight-equals-repetition` for a clusterer without
 * sample weights, the `nClusters` checks for one that finds the clusters itself.
 * `resetModules` runs before `setup.reload`.
 */
export function clustererChecks(
  setup: ClustererSetup,
  resetModules: () => void = () => {},
): ClustererCheck[] {
  const context = new BatteryContext(setup, resetModules);
  const names = Object.keys(runs) as ClustererCheckName[];
  return names
    .filter((check) => applies(check, setup))
    .map((check) => ({
      check,
      title: clustererCheckTitles[check],
      run: () => runs[check](context),
    }));
}
