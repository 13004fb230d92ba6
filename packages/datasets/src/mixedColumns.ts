import { assertInteger, createMatrix, InvalidInputError, type RandomSource } from '@mixkit/core';
import { probabilityMatrix } from './internal/probabilityMatrix.js';
import { sampleBeta, sampleDirichlet } from './internal/sampleDirichlet.js';
import type { MixedColumn, MixedColumnParameters } from './mixedColumnTypes.js';

/**
 * Resolves one `makeMixedTypes` column spec to its per-component parameters: given values are
 * validated (length k, in the family's domain), missing ones drawn from `random`.
 */
export function mixedColumnParameters(
  spec: MixedColumn,
  k: number,
  argument: string,
  random: RandomSource,
): MixedColumnParameters {
  switch (spec?.type) {
    case 'gaussian':
      return {
        type: 'gaussian',
        means: perComponent(spec.means, k, `${argument}.means`, 'real', () =>
          uniform(-5, 5, random),
        ),
        stds: perComponent(spec.stds, k, `${argument}.stds`, 'positive', () =>
          uniform(0.5, 1.5, random),
        ),
      };
    case 'poisson':
      return {
        type: 'poisson',
        rates: perComponent(spec.rates, k, `${argument}.rates`, 'positive', () =>
          Math.exp(uniform(0, Math.log(30), random)),
        ),
      };
    case 'categorical': {
      const levels = spec.levels;
      assertInteger(levels, `${argument}.levels`, 2);
      if (spec.probabilities !== undefined) {
        return {
          type: 'categorical',
          levels,
          probabilities: probabilityMatrix(
            spec.probabilities,
            `${argument}.probabilities`,
            { rows: k, cols: levels },
            true,
          ),
        };
      }
      const probabilities = createMatrix(k, levels);
      for (let c = 0; c < k; c++)
        sampleDirichlet(1, levels, random, probabilities.data, c * levels);
      return { type: 'categorical', levels, probabilities };
    }
    case 'gamma':
      return {
        type: 'gamma',
        shapes: perComponent(spec.shapes, k, `${argument}.shapes`, 'positive', () =>
          uniform(1, 10, random),
        ),
        rates: perComponent(spec.rates, k, `${argument}.rates`, 'positive', () =>
          uniform(0.5, 2, random),
        ),
      };
    case 'bernoulli':
      return {
        type: 'bernoulli',
        probabilities: perComponent(
          spec.probabilities,
          k,
          `${argument}.probabilities`,
          'probability',
          () => sampleBeta(0.5, 0.5, random),
        ),
      };
    default:
      throw new InvalidInputError(
        { argument: `${argument}.type`, value: (spec as { type?: unknown } | undefined)?.type },
        "expected 'gaussian', 'poisson', 'categorical', 'gamma' or 'bernoulli'",
      );
  }
}

function uniform(low: number, high: number, random: RandomSource): number {
  return low + (high - low) * random.uniform();
}

/** Where the values of a per-component parameter live. */
type Domain = 'real' | 'positive' | 'probability';

const domainText: Record<Domain, string> = {
  real: 'a finite number',
  positive: 'a finite number > 0',
  probability: 'a probability in [0, 1]',
};

function inDomain(v: number, domain: Domain): boolean {
  switch (domain) {
    case 'real':
      return Number.isFinite(v);
    case 'positive':
      return Number.isFinite(v) && v > 0;
    case 'probability':
      return v >= 0 && v <= 1;
  }
}

/** The k given values (checked to lie in `domain`) as a Float64Array, or k values from `draw`. */
function perComponent(
  given: readonly number[] | undefined,
  k: number,
  argument: string,
  domain: Domain,
  draw: () => number,
): Float64Array {
  if (given === undefined) {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) out[c] = draw();
    return out;
  }
  if (given.length !== k) {
    throw new InvalidInputError(
      { argument, value: given.length },
      `expected one value per component (${k})`,
    );
  }
  const out = Float64Array.from(given);
  for (let c = 0; c < k; c++) {
    if (!inDomain(out[c], domain)) {
      throw new InvalidInputError(
        { argument, row: c, value: out[c] },
        `expected ${domainText[domain]}`,
      );
    }
  }
  return out;
}
