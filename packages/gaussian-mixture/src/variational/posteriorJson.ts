import {
  InvalidInputError,
  JsonReader,
  type JsonValue,
  numbersToJson,
  type SerializedParams,
} from '@mixkit/core';
import { type CovarianceType, covarianceTypes, gaussianFamily } from '@mixkit/distributions';
import type { VariationalPosterior } from './variationalPosterior.js';
import type { WeightPrior } from './variationalPrior.js';

/** A variational posterior as plain JSON (the `posterior` field of a saved model). */
export function posteriorToJson<T extends CovarianceType>(
  covarianceType: T,
  posterior: VariationalPosterior<T>,
): JsonValue {
  const family = gaussianFamily(covarianceType);
  return {
    counts: numbersToJson(posterior.counts),
    concentration: numbersToJson(posterior.concentration),
    concentrationRest:
      posterior.concentrationRest === undefined ? null : numbersToJson(posterior.concentrationRest),
    meanPrecision: numbersToJson(posterior.meanPrecision),
    degreesOfFreedom: numbersToJson(posterior.degreesOfFreedom),
    params: posterior.params.map((params) => family.paramsToJSON(params)),
  };
}

/**
 * Reads `posteriorToJson` output back exactly (the families' own `paramsFromJSON` for the
 * point parameters); an `InvalidInputError` names the malformed field.
 */
export function posteriorFromJson<T extends CovarianceType>(
  covarianceType: T,
  weightPrior: WeightPrior,
  json: JsonValue | undefined,
  what: string,
): VariationalPosterior<T> {
  const reader = new JsonReader(json, what);
  const params = reader.raw('params');
  if (!Array.isArray(params) || params.length === 0) {
    throw new InvalidInputError(
      { argument: `${what}.params`, value: params },
      'expected a non-empty array',
    );
  }
  const k = params.length;
  const family = gaussianFamily(covarianceType);
  const rest = reader.raw('concentrationRest');
  const concentrationRest =
    weightPrior === 'dirichlet-process' ? reader.numbers('concentrationRest', k) : undefined;
  if (weightPrior === 'dirichlet-distribution' && rest !== null) {
    throw new InvalidInputError(
      { argument: `${what}.concentrationRest`, value: rest },
      'expected null for a Dirichlet-distribution prior',
    );
  }
  return {
    counts: reader.numbers('counts', k),
    concentration: reader.numbers('concentration', k),
    concentrationRest,
    meanPrecision: reader.numbers('meanPrecision', k),
    degreesOfFreedom: reader.numbers('degreesOfFreedom', k),
    params: params.map((entry, c) => family.paramsFromJSON(serialized(entry, `${what}.params`, c))),
  };
}

/** A component's parameters as a family reads them: an object naming its kind and version. */
function serialized(entry: JsonValue, argument: string, row: number): SerializedParams {
  if (
    entry === null ||
    typeof entry !== 'object' ||
    Array.isArray(entry) ||
    !('kind' in entry) ||
    typeof entry.kind !== 'string' ||
    !('version' in entry) ||
    typeof entry.version !== 'number'
  ) {
    throw new InvalidInputError({ argument, row }, 'expected parameters with a kind and a version');
  }
  return { ...entry, kind: entry.kind, version: entry.version };
}

/** The covariance type of a saved model, checked. */
export function readCovarianceType(value: string, argument: string): CovarianceType {
  const type = covarianceTypes.find((t) => t === value);
  if (type === undefined) {
    throw new InvalidInputError(
      { argument, value },
      "expected 'full', 'diag', 'spherical' or 'tied'",
    );
  }
  return type;
}

/** The weight prior of a saved model, checked. */
export function readWeightPrior(value: string, argument: string): WeightPrior {
  if (value !== 'dirichlet-process' && value !== 'dirichlet-distribution') {
    throw new InvalidInputError(
      { argument, value },
      "expected 'dirichlet-process' or 'dirichlet-distribution'",
    );
  }
  return value;
}
