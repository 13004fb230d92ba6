import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createRandom,
  InvalidInputError,
  type Matrix,
  sampleWithoutReplacement,
} from '@mixkit/core';
import type { GaussianModelName } from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { mclust } from '../src/mclust/mclust.js';

/** `scripts/mclustSubsetFixture.R`: Mclust(X, G = 1:6, initialization = list(subset)). */
interface SubsetFixture {
  readonly mclustVersion: string;
  readonly subset: readonly number[];
  readonly G: readonly number[];
  readonly table: Readonly<Record<string, Readonly<Record<GaussianModelName, number | null>>>>;
  readonly modelName: GaussianModelName;
  readonly bestG: number;
  readonly bic: number;
  readonly loglik: number;
}

const folder = fileURLToPath(new URL('../src/__fixtures__/mclust/', import.meta.url));
const fixture = JSON.parse(readFileSync(`${folder}subset.json`, 'utf8')) as SubsetFixture;
const lines = readFileSync(`${folder}subset.csv`, 'utf8').trim().split('\n').slice(1);
const X: Matrix = {
  rows: lines.length,
  cols: 3,
  data: Float64Array.from(lines.flatMap((line) => line.split(',').map(Number))),
};

describe("mclust() with the agglomeration on a subset of the rows, vs Mclust()'s", () => {
  const result = mclust(X, { subset: fixture.subset, nClusters: fixture.G });

  it(`chooses mclust's model (${fixture.modelName}, ${fixture.bestG}) with its BIC and log-likelihood`, () => {
    expect(result.best.modelName).toBe(fixture.modelName);
    expect(result.best.nClusters).toBe(fixture.bestG);
    expect(Math.abs((result.best.bic ?? Number.NaN) - fixture.bic)).toBeLessThan(
      1e-8 * Math.abs(fixture.bic),
    );
    expect(Math.abs(result.model.score(X) * X.rows - fixture.loglik)).toBeLessThan(
      1e-8 * Math.abs(fixture.loglik),
    );
  });

  it('gives the whole BIC table to 1e-8 (NA where mclust has NA)', () => {
    expect(result.candidates).toHaveLength(6 * 14);
    for (const candidate of result.candidates) {
      const expected = fixture.table[String(candidate.nClusters)]?.[candidate.modelName];
      const where = `${candidate.modelName},${candidate.nClusters}`;
      if (expected === null || expected === undefined) {
        expect(candidate.bic, where).toBeUndefined();
      } else {
        expect(Math.abs((candidate.bic ?? Number.NaN) - expected), where).toBeLessThan(
          1e-8 * Math.abs(expected),
        );
      }
    }
  });
});

describe('the default subset', () => {
  const options = { nClusters: [2, 3], modelNames: ['VVV', 'EII'] as const, subsetSize: 500 };
  const print = (result: ReturnType<typeof mclust>) =>
    JSON.stringify({ table: result.candidates, model: result.model.toJSON() });

  it('above subsetSize rows: that many rows drawn from `random` (seed 0 by default)', () => {
    const drawn = sampleWithoutReplacement(X.rows, 500, createRandom(0));
    expect(print(mclust(X, options))).toBe(print(mclust(X, { ...options, subset: drawn })));
    const seeded = sampleWithoutReplacement(X.rows, 500, createRandom(9));
    expect(print(mclust(X, { ...options, random: 9 }))).toBe(
      print(mclust(X, { ...options, subset: seeded })),
    );
    expect(print(mclust(X, { ...options, random: 9 }))).not.toBe(print(mclust(X, options)));
  });

  it("up to subsetSize rows the agglomeration sees every row, as with subset: 'all'", () => {
    const first = { rows: 400, cols: 3, data: X.data.subarray(0, 1200) };
    expect(print(mclust(first, options))).toBe(print(mclust(first, { ...options, subset: 'all' })));
    // Naming every row is mclust's subset path (one M-step, then EM from its E-step): the same
    // model up to EM's tolerance, one iteration apart.
    const named = mclust(first, { ...options, subset: Array.from({ length: 400 }, (_, i) => i) });
    const plain = mclust(first, options);
    expect(named.best).toMatchObject({ modelName: plain.best.modelName, nClusters: 3 });
    expect(Math.abs((named.best.bic ?? 0) - (plain.best.bic ?? 1))).toBeLessThan(
      1e-3 * Math.abs(plain.best.bic ?? 1),
    );
  });

  it('refuses a bad subset with a typed error naming the entry', () => {
    for (const [subset, message] of [
      [[0, 5, 5], /subset\[2\].*listed twice/],
      [[0, X.rows], /subset\[1\].*not a row of X/],
      [[0, 1.5], /subset\[1\]/],
      [[], /subset.*no rows/],
      [[0, 1], /nClusters.*more than the 2 rows of the initialisation's subset/],
    ] as const) {
      expect(() => mclust(X, { ...options, subset })).toThrow(message);
      try {
        mclust(X, { ...options, subset });
      } catch (error) {
        expect(InvalidInputError.isInstance(error)).toBe(true);
      }
    }
  });
});
