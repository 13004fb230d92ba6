import type { ComponentFamily, SerializedParams } from '@mixkit/core';
import { type NumberConstraint, ParamsReader } from './paramsReader.js';

/** Entries > 0 (rates, variances, shapes). */
export const POSITIVE: NumberConstraint = { min: 0, exclusiveMin: true };

/**
 * `paramsToJSON` and `paramsFromJSON` for parameters written as a few number arrays with one
 * entry per column, `{kind, version: 1, <field>: [...], ...}`. `fields` maps each array, in
 * document order, to the constraint its entries must meet; the first sets the length the others
 * must have. `build` receives the arrays in that order and rebuilds the caches with the code
 * `estimate` uses, so the round trip is bit-exact.
 */
export function vectorParamsJson<F extends string, P extends { readonly [K in F]: Float64Array }>(
  kind: string,
  fields: Readonly<Record<F, NumberConstraint>>,
  build: (...columns: Float64Array[]) => P,
): Pick<ComponentFamily<P, unknown>, 'paramsToJSON' | 'paramsFromJSON'> {
  const names = Object.keys(fields) as F[];
  return {
    paramsToJSON(params): SerializedParams {
      const json: Record<string, string | number | number[]> = { kind, version: 1 };
      for (const name of names) json[name] = Array.from(params[name]);
      return json as SerializedParams;
    },
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, kind);
      const columns: Float64Array[] = [];
      for (const name of names) {
        columns.push(reader.numbers(name, columns[0]?.length, fields[name]));
      }
      return build(...columns);
    },
  };
}
