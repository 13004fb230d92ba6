import { InvalidInputError } from '@mixkit/core';
import { timesPowerOfTwo } from './powerOfTwo.js';

/**
 * A total computed on scaled data and weights (`prepareKmeansProgram`), in the units of
 * the data and weights as given: `value · 2^power`. When that overflows (data near 1e300 has a
 * true inertia near 1e600, which no double holds), throws an `InvalidInputError` that says how
 * to fit anyway: k-means partitions do not change when X or the weights are divided by a
 * constant. `scaledX` says whether the data (rather than only the weights) was scaled.
 */
export function inUnits(value: number, power: number, what: string, scaledX: boolean): number {
  const result = timesPowerOfTwo(value, power);
  if (Number.isFinite(result) || !Number.isFinite(value)) return result;
  const magnitude = Math.round(Math.log10(value) + power * Math.LOG10E * Math.LN2);
  const argument = scaledX ? 'X' : 'sampleWeight';
  const remedy = scaledX
    ? 'divide X by a constant such as 1e150 before fitting'
    : 'divide sampleWeight by a constant such as 1e300 before fitting';
  throw new InvalidInputError(
    { argument },
    `the ${what} is about 1e${magnitude}, beyond the largest double (1.8e308): ${remedy} (the clustering does not change)`,
  );
}
