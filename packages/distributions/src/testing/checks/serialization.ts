import type { AnyComponentFamily, Matrix, SerializedParams } from '@mixkit/core';
import { type FamilyRegistry, familyFromSpec } from '../../registry.js';
import { accumulateAll, ConformanceError, catchInvalidInput, logDensities } from '../helpers.js';

function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sameLogDensities(check: string, what: string, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) {
      throw new ConformanceError(check, `${what}: row ${i} has log-density ${a[i]} vs ${b[i]}`);
    }
  }
}

/**
 * Check 4: paramsToJSON → JSON text → paramsFromJSON gives bit-identical log-densities and the
 * same document again, for the case's parameters and for parameters estimated from data; a
 * document of another kind is rejected with InvalidInputError.
 */
export function checkJsonRoundTrip(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
): void {
  const estimated = family.estimate(accumulateAll(family, X, weights));
  for (const [label, original] of [
    ['case parameters', params],
    ['estimated parameters', estimated],
  ] as const) {
    const json = family.paramsToJSON(original);
    if (json.kind !== family.kind || !Number.isInteger(json.version)) {
      throw new ConformanceError(
        'json-round-trip',
        `${label}: JSON has kind ${json.kind}, version ${json.version}`,
      );
    }
    const text = JSON.stringify(json);
    const restored = family.paramsFromJSON(JSON.parse(text) as SerializedParams);
    if (JSON.stringify(family.paramsToJSON(restored)) !== text) {
      throw new ConformanceError('json-round-trip', `${label}: re-serialised JSON differs`);
    }
    sameLogDensities(
      'json-round-trip',
      label,
      logDensities(family, restored, X),
      logDensities(family, original, X),
    );
  }
  const wrongKind = { ...family.paramsToJSON(params), kind: `not-${family.kind}` };
  const outcome = catchInvalidInput(() => family.paramsFromJSON(wrongKind));
  if (typeof outcome === 'string') {
    throw new ConformanceError('json-round-trip', `paramsFromJSON with a wrong kind ${outcome}`);
  }
}

/**
 * Check: the family rebuilt from its JSON-serialised `spec()` through the registry has the same
 * kind and spec, reads the same parameters and estimates the same parameters.
 */
export function checkSpecRoundTrip(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
  registry: FamilyRegistry | undefined,
): void {
  const spec = throughJson(family.spec());
  const rebuilt = familyFromSpec(spec, registry);
  if (rebuilt.kind !== family.kind) {
    throw new ConformanceError(
      'spec-round-trip',
      `rebuilt kind ${rebuilt.kind}, not ${family.kind}`,
    );
  }
  if (JSON.stringify(rebuilt.spec()) !== JSON.stringify(spec)) {
    throw new ConformanceError('spec-round-trip', 'the rebuilt family has a different spec');
  }
  const read = rebuilt.paramsFromJSON(throughJson(family.paramsToJSON(params)));
  sameLogDensities(
    'spec-round-trip',
    'case parameters',
    logDensities(rebuilt, read, X),
    logDensities(family, params, X),
  );
  const mine = family.estimate(accumulateAll(family, X, weights));
  const theirs = rebuilt.estimate(accumulateAll(rebuilt, X, weights));
  sameLogDensities(
    'spec-round-trip',
    'estimates',
    logDensities(rebuilt, theirs, X),
    logDensities(family, mine, X),
  );
}
