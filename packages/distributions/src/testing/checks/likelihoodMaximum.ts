import {
  type AnyComponentFamily,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';
import {
  ConformanceError,
  estimateToFixedPoint,
  logDensities,
  weightedLogLikelihood,
} from '../helpers.js';

/** Relative sizes of the parameter perturbations: a large one and a small one. */
const STEPS = [1e-3, 1e-6];

/**
 * Check: the estimate maximises the weighted log-likelihood Σ wᵢ log f(xᵢ; θ) of the data it was
 * estimated from, plus `logPrior(θ)` for a family with a prior (the MAP objective). Each number of the estimate's JSON (`kind` and `version` aside) is moved by
 * ±h·(|v| + 1e-3) for h in {1e-3, 1e-6}; every perturbed document that `paramsFromJSON` accepts
 * must not score higher than the estimate (beyond rounding). Documents it rejects (a covariance
 * made asymmetric, probabilities that no longer sum to 1, a fixed option changed) are skipped.
 *
 * This catches an M-step that is wrong but self-consistent, which every statistics check passes:
 * a weighted mean where the weighted median belongs gains at first order when moved towards the
 * median. An estimate is a stationary point of the likelihood, so a perturbation of relative
 * size h changes it at second order, by −O(h²). A family whose `estimate` depends on the
 * parameters passed to `accumulate` (per-row latent variables, EM within the family) is first
 * iterated to its fixed point, θ ← estimate(accumulate(X, w, θ)), which is the maximum.
 * Estimators that maximise something else by design (a prior without `logPrior`, a floor that
 * binds) list the check in `expectedFailures`.
 */
export function checkLikelihoodMaximum(
  family: AnyComponentFamily,
  X: Matrix,
  weights: Float64Array,
): void {
  const estimate = estimateToFixedPoint(family, X, weights);
  // A MAP estimate maximises the log-likelihood plus the family's log prior (`logPrior`).
  const objective = (params: unknown): number =>
    weightedLogLikelihood(family, params, X, weights) + (family.logPrior?.(params) ?? 0);
  const best = objective(estimate);
  let scale = 0;
  const logP = logDensities(family, estimate, X);
  for (let i = 0; i < X.rows; i++) scale += weights[i] * (Math.abs(logP[i]) + 1);
  const allowed = 1e-9 * scale;
  const json = family.paramsToJSON(estimate);
  for (const { path, value } of numbersIn(json)) {
    for (const h of STEPS) {
      for (const sign of [1, -1]) {
        const moved = withValue(json, path, value + sign * h * (Math.abs(value) + 1e-3));
        let params: unknown;
        try {
          params = family.paramsFromJSON(moved);
        } catch (error) {
          if (InvalidInputError.isInstance(error)) continue;
          throw error;
        }
        const score = objective(params);
        if (score > best + allowed) {
          throw new ConformanceError(
            'likelihood-maximum',
            `moving ${path.join('.')} from ${value} by ${sign > 0 ? '+' : '−'}${h}·(|v| + 1e-3) ` +
              `raises the weighted log-likelihood from ${best} to ${score}: the estimate is not a maximum`,
          );
        }
      }
    }
  }
}

type Path = readonly (string | number)[];

/** Every number in a JSON document with its path, except the `kind`/`version` bookkeeping. */
function numbersIn(value: JsonValue, path: Path = []): { path: Path; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (Array.isArray(value)) {
    return value.flatMap((item: JsonValue, i: number) => numbersIn(item, [...path, i]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'kind' || key === 'version' ? [] : numbersIn(item, [...path, key]),
    );
  }
  return [];
}

/** `node` with the number at `path` (below it) replaced by `value`; the rest shared. */
function replaced(node: JsonValue, path: Path, value: number): JsonValue {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (Array.isArray(node)) {
    return node.map((item: JsonValue, i: number) =>
      i === key ? replaced(item, rest, value) : item,
    );
  }
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([k, item]) => [k, k === key ? replaced(item, rest, value) : item]),
    );
  }
  return node;
}

/** The parameter document with the number at `path` replaced (top-level key first). */
function withValue(json: SerializedParams, path: Path, value: number): SerializedParams {
  const [key, ...rest] = path;
  if (typeof key !== 'string') return json;
  const field = json[key];
  return field === undefined ? json : { ...json, [key]: replaced(field, rest, value) };
}
