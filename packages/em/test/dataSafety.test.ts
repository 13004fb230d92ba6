import { createMatrix, createRandom, InvalidInputError, type Matrix } from '@mixkit/core';
import {
  familyFromSpec,
  gaussianDiag,
  gaussianFull,
  gaussianFullParams,
  poisson,
  product,
} from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { fitMixture, fitMixtureStream, MixtureModel, OnlineMixture } from '../src/index.js';
import { chunksOf, modelDifference } from './helpers.js';

// Silent wrong answers of issue 16 that reach the EM runner: stale columns through a reused
// buffer, regularisation that swamps a column, extreme sample weights, another family's
// parameters as a start.

function invalid(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

/** 300 rows: two groups told apart by column 0 only (units of 1e-6); column 1 is noise at 1e6. */
function smallSignal(): { X: Matrix; labels: Int32Array } {
  const random = createRandom(9);
  const X = createMatrix(300, 2);
  const labels = new Int32Array(300);
  for (let i = 0; i < 300; i++) {
    labels[i] = i % 2;
    X.data[2 * i] = ((i % 2) * 8 + random.normal()) * 1e-6;
    X.data[2 * i + 1] = random.normal() * 1e6;
  }
  return { X, labels };
}

function agreement(labels: Int32Array, predicted: Int32Array): number {
  let same = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) same++;
  return Math.max(same, labels.length - same) / labels.length;
}

describe('regularisation relative to each column (regCovar: {relative})', () => {
  const { X, labels } = smallSignal();

  // Both start from the true groups: EM keeps them only when column 0's variance survives.
  const init = { kind: 'labels', labels } as const;

  it('keeps the groups an absolute regCovar of 1e-6 swamps, and the absolute fit says so', () => {
    const absolute = fitMixture(X, { family: gaussianDiag(), nClusters: 2, init });
    const relative = fitMixture(X, {
      family: gaussianDiag({ regCovar: { relative: 1e-6 } }),
      nClusters: 2,
      init,
    });
    expect(agreement(labels, relative.predict(X))).toBe(1);
    expect(agreement(labels, absolute.predict(X))).toBeLessThan(0.9);
    expect(absolute.diagnostics.warnings).toContainEqual(
      expect.objectContaining({ kind: 'regularization-dominates', column: 0, regCovar: 1e-6 }),
    );
    expect(
      relative.diagnostics.warnings.filter((w) => w.kind === 'regularization-dominates'),
    ).toEqual([]);
    // The model saves the amounts it ran with, per column, and loads with them.
    const spec = JSON.parse(JSON.stringify(relative)).families[0];
    expect(spec.options.regCovar).toHaveLength(2);
    expect(spec.options.regCovar[1] / spec.options.regCovar[0]).toBeGreaterThan(1e20);
    const back = MixtureModel.fromJSON(JSON.parse(JSON.stringify(relative)), familyFromSpec);
    expect(back.families[0].spec()).toEqual(relative.families[0].spec());
  });

  it('streamed and online EM resolve it too (on the whole stream, on the first batch)', async () => {
    const family = gaussianDiag({ regCovar: { relative: 1e-6 } });
    const options = { family, nClusters: 2, init, initRows: 300 } as const;
    const inMemory = fitMixture(X, options);
    const streamed = await fitMixtureStream(() => chunksOf(X, [64]), options);
    expect(modelDifference(streamed, inMemory)).toBeLessThan(1e-9);
    const online = new OnlineMixture({
      family,
      nClusters: 2,
      init: { kind: 'params', params: inMemory.params, weights: inMemory.weights },
    });
    for (const chunk of chunksOf(X, [150])) online.partialFit(chunk);
    expect(online.families[0].spec().options).toEqual({
      regCovar: expect.arrayContaining([expect.any(Number), expect.any(Number)]),
    });
    expect(agreement(labels, online.model.predict(X))).toBe(1);
  });
});

describe('sample weights beyond double precision', () => {
  const { X } = smallSignal();
  it.each([
    ['every weight 1e308 (their sum overflows)', 1e308, /divide them/],
    ['every weight 1e-310 (subnormal)', 1e-310, /multiply them/],
  ])(
    '%s: an InvalidInputError naming sampleWeight that says what to do',
    (_what, weight, remedy) => {
      const error = invalid(() =>
        fitMixture(X, {
          family: gaussianFull(),
          nClusters: 2,
          sampleWeight: new Array(X.rows).fill(weight),
        }),
      );
      expect(error.argument).toBe('sampleWeight');
      expect(error.message).toMatch(remedy);
    },
  );
});

describe("another family's parameters as the start", () => {
  it('is an InvalidInputError naming the component and field, not a TypeError', () => {
    const { X } = smallSignal();
    const error = invalid(() =>
      fitMixture(X, {
        family: gaussianDiag(),
        nClusters: 1,
        init: { kind: 'params', params: [gaussianFullParams([0, 0], [1, 0, 0, 1]) as never] },
      }),
    );
    expect(error.argument).toBe('init.params[0].variances');
    expect(error.message).toMatch(/gaussianDiagParams/);
  });
});

describe('a data buffer reused for new rows (out-of-core reading)', () => {
  const family = product([
    { columns: [0], family: gaussianDiag() },
    { columns: [1], family: poisson() },
  ]);
  const random = createRandom(2);
  const rows = 400;
  const data = Float64Array.from({ length: rows * 2 }, (_, t) =>
    t % 2 === 0 ? ((t >> 1) % 2) * 6 + random.normal() : ((t >> 1) % 2) * 9 + 1,
  );
  const X = createMatrix(rows, 2, data);

  it('predict reads what the buffer holds now (it used to reuse the first contents)', () => {
    const model = fitMixture(X, { family, nClusters: 2, random: 3 });
    const buffer = createMatrix(rows, 2, Float64Array.from(data));
    const before = model.predict(buffer);
    // Refill the same buffer with the rows in reverse order.
    for (let i = 0; i < rows; i++)
      buffer.data.set(data.subarray(2 * (rows - 1 - i), 2 * (rows - i)), 2 * i);
    const after = model.predict(buffer);
    expect(Array.from(after)).toEqual(Array.from(before).reverse());
  });

  it('a stream that refills one buffer per chunk fits as one with fresh buffers', async () => {
    const chunkRows = 50;
    const shared = createMatrix(chunkRows, 2);
    function* reused() {
      for (let start = 0; start < rows; start += chunkRows) {
        shared.data.set(data.subarray(2 * start, 2 * (start + chunkRows)));
        yield shared;
      }
    }
    const options = { family, nClusters: 2, random: 3, initRows: rows } as const;
    const fromReused = await fitMixtureStream(reused, options);
    const fromFresh = await fitMixtureStream(() => chunksOf(X, [chunkRows]), options);
    expect(modelDifference(fromReused, fromFresh)).toBe(0);
  });
});
