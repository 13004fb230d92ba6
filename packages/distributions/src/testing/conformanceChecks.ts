import { type AnyComponentFamily, type ComponentFamily, createRandom } from '@mixkit/core';
import { checkCheckParams } from './checks/checkParams.js';
import { checkEmptyStats, checkParameterCount } from './checks/counting.js';
import { checkForDataRanges } from './checks/forDataRanges.js';
import { checkKernelMemory } from './checks/kernelMemory.js';
import { checkLikelihoodMaximum } from './checks/likelihoodMaximum.js';
import { checkMapEstimate } from './checks/mapEstimate.js';
import {
  checkMissingDensity,
  checkMissingEmStep,
  checkMissingRefused,
  checkMissingStatistics,
  checkMissingValidate,
} from './checks/missingCells.js';
import { checkNormalization } from './checks/normalization.js';
import { checkSampleOutput, checkStridedOutput } from './checks/output.js';
import { checkPlainParams } from './checks/plainParams.js';
import { checkRecovery } from './checks/recovery.js';
import { checkJsonRoundTrip, checkSpecRoundTrip } from './checks/serialization.js';
import {
  checkDuplicateWeights,
  checkMerge,
  checkScale,
  checkStridedWeights,
  checkWeightScaleInvariance,
  checkZeroWeights,
  statisticsFixture,
} from './checks/statistics.js';
import {
  checkValidateDimension,
  checkValidateNonFinite,
  checkValidateSupport,
} from './checks/validation.js';
import { sampleMatrix } from './helpers.js';
import type {
  CheckName,
  ConformanceCase,
  ConformanceCheck,
  ConformanceOptions,
  ConformanceTolerances,
} from './types.js';

const DEFAULT_TOLERANCES: ConformanceTolerances = { statistics: 1e-9, recoveryKl: 0.01 };

const TITLES: Record<CheckName, string> = {
  normalization: 'the density sums or integrates to 1',
  recovery: 'estimate recovers the parameters from a large sample (small KL divergence)',
  merge: 'merge(acc(A), acc(B)) equals acc(A ∪ B) and is commutative',
  'duplicate-weights': 'a row of weight 2 equals the row duplicated',
  'zero-weights': 'rows of weight 0 have no effect',
  'weight-scale-invariance': 'estimate is invariant when all weights are scaled',
  scale: 'scale(stats, c) equals accumulating with weights multiplied by c',
  'strided-weights': 'accumulate reads rows [start, end) and weights only at offset + i·stride',
  'strided-output':
    'logDensity writes only out[offset + i·stride], same values as a contiguous call',
  'sample-output': 'sample writes only rows [outRow, outRow + n), repeatably, inside the support',
  'json-round-trip': 'params survive JSON bit-exactly (identical log-densities)',
  'spec-round-trip': 'the family rebuilt from spec() through the registry behaves identically',
  'validate-non-finite': 'validate rejects NaN and ±Infinity at their row and column',
  'validate-support': 'validate rejects out-of-support values; logDensity gives -Infinity there',
  'validate-dimension': 'validate rejects data with the wrong number of columns',
  'parameter-count': 'nParameters / nSharedParameters match the hand-computed counts',
  'empty-stats': 'estimate on empty statistics throws DegenerateComponentError("empty")',
  'kernel-memory': 'data in kernel memory (WebAssembly SIMD) gives bit-identical results',
  'check-params':
    "checkParams accepts the family's own parameters and names the argument for others",
  'map-estimate':
    'a family with a prior: estimate maximises the weighted log-likelihood plus logPrior',
  'likelihood-maximum':
    'perturbing the estimate never raises the weighted log-likelihood of its data (an M-step maximises)',
  'missing-refused':
    'without a missingCells treatment, validate refuses missing cells (UnsupportedMissingCellsError)',
  'missing-validate':
    'validate accepts NaN only in rows missingRows marks; logDensity of holed rows is never NaN',
  'missing-density':
    'a row with missing cells has the marginal density of its observed cells (0 when all are missing)',
  'missing-statistics':
    'statistics of data with missing cells stay linear and mergeable (and are the E-step expectation)',
  'for-data-ranges':
    "where forDataRanges answers from the column ranges, it agrees with forData's answer",
  'plain-params':
    'plainParams: the parameters are plain data, and their structured clone gives the same bits',
  'missing-em-step':
    'an M-step from data with missing cells never lowers the observed-cell log-likelihood',
};

/**
 * The conformance checks of a family as a list of runnable checks, independent of any test
 * framework (`describeComponentFamily` registers them with vitest). Each `run` throws an Error
 * explaining the violation.
 */
export function conformanceChecks<P, S>(
  typedFamily: ComponentFamily<P, S>,
  options: ConformanceOptions,
): ConformanceCheck[] {
  const family: AnyComponentFamily = typedFamily;
  const tolerances = { ...DEFAULT_TOLERANCES, ...options.tolerances };
  const seed = options.seed ?? 1;
  const n = Math.max(options.sampleSize ?? 64, 16);
  const checks: ConformanceCheck[] = [];
  for (const testCase of options.cases) {
    const add = (check: CheckName, run: () => void): void => {
      checks.push({ caseName: testCase.name, check, title: TITLES[check], run });
    };
    // Built lazily, so a family that cannot even read its case parameters fails each check
    // with that error rather than breaking test collection.
    let memo: ReturnType<typeof fixture> | undefined;
    const get = (): ReturnType<typeof fixture> => {
      memo ??= fixture(family, testCase, n, seed, tolerances.statistics);
      return memo;
    };
    add('normalization', () =>
      checkNormalization(family, get().params, testCase.normalization, seed),
    );
    add('recovery', () =>
      checkRecovery(
        family,
        get().params,
        options.recoverySampleSize ?? 20_000,
        tolerances.recoveryKl,
        seed,
      ),
    );
    add('merge', () => checkMerge(get().stats));
    add('duplicate-weights', () => checkDuplicateWeights(get().stats));
    add('zero-weights', () => checkZeroWeights(get().stats, get().extra));
    add('weight-scale-invariance', () => checkWeightScaleInvariance(get().stats));
    add('scale', () => checkScale(get().stats));
    add('strided-weights', () => checkStridedWeights(get().stats));
    add('strided-output', () => checkStridedOutput(family, get().params, get().stats.X));
    add('sample-output', () => checkSampleOutput(family, get().params, seed));
    add('json-round-trip', () =>
      checkJsonRoundTrip(family, get().params, get().stats.X, get().stats.weights),
    );
    if (family.plainParams === true) {
      add('plain-params', () =>
        checkPlainParams(family, get().params, get().stats.X, get().stats.weights),
      );
    }
    add('spec-round-trip', () =>
      checkSpecRoundTrip(
        family,
        get().params,
        get().stats.X,
        get().stats.weights,
        options.registry,
      ),
    );
    add('validate-non-finite', () => checkValidateNonFinite(family, get().stats.X));
    if (testCase.invalidEntries !== undefined && testCase.invalidEntries.length > 0) {
      const invalid = testCase.invalidEntries;
      add('validate-support', () =>
        checkValidateSupport(family, get().params, get().stats.X, invalid),
      );
    }
    add('validate-dimension', () =>
      checkValidateDimension(family, get().stats.X, options.fixedDimension ?? false),
    );
    add('parameter-count', () =>
      checkParameterCount(
        family,
        get().params,
        testCase.nParameters,
        testCase.nSharedParameters ?? 0,
      ),
    );
    add('empty-stats', () => checkEmptyStats(family, family.dimension(get().params)));
    add('kernel-memory', () =>
      checkKernelMemory(family, get().params, get().stats.X, get().stats.weights),
    );
    if (family.forDataRanges !== undefined) {
      add('for-data-ranges', () => checkForDataRanges(family, get().stats.X));
    }
    if (family.checkParams !== undefined) {
      add('check-params', () => checkCheckParams(family, get().params));
    }
    if (family.logPrior !== undefined) {
      add('map-estimate', () =>
        checkMapEstimate(family, get().stats.X, get().stats.weights, createRandom(seed + 1)),
      );
    }
    add('likelihood-maximum', () =>
      checkLikelihoodMaximum(family, get().stats.X, get().stats.weights),
    );
    if (family.missingCells === undefined) {
      add('missing-refused', () => checkMissingRefused(family, get().stats.X));
      continue;
    }
    add('missing-validate', () => checkMissingValidate(family, get().params, get().stats.X));
    add('missing-density', () =>
      checkMissingDensity(family, get().params, get().stats.X, testCase.normalization),
    );
    add('missing-statistics', () => checkMissingStatistics(get().stats, testCase.normalization));
    add('missing-em-step', () => checkMissingEmStep(get().stats));
  }
  return checks;
}

function fixture(
  family: AnyComponentFamily,
  testCase: ConformanceCase,
  n: number,
  seed: number,
  tolerance: number,
) {
  const params = family.paramsFromJSON(testCase.params);
  const random = createRandom(seed);
  const stats = statisticsFixture(family, params, n, random, tolerance);
  const extra = sampleMatrix(family, params, Math.ceil(n / 4), random);
  return { params, stats, extra };
}
