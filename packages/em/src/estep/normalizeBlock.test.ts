import { createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { EStepScratch } from './eStepScratch.js';
import { negligibleResponsibility, normalizeBlock } from './normalizeBlock.js';

/** Responsibilities and log-likelihoods the textbook way, one row at a time. */
function naive(logDensities: number[][], logWeights: number[]) {
  return logDensities.map((row) => {
    const joint = row.map((v, c) => v + logWeights[c]);
    const max = Math.max(...joint);
    const logLikelihood = max + Math.log(joint.reduce((s, v) => s + Math.exp(v - max), 0));
    return { logLikelihood, responsibilities: joint.map((v) => Math.exp(v - logLikelihood)) };
  });
}

describe('normalizeBlock', () => {
  const random = createRandom(7);
  const rows = 9;
  const k = 4;
  const logDensities = Array.from({ length: rows }, () =>
    Array.from({ length: k }, () => -30 * random.uniform()),
  );
  const logWeights = [0.1, 0.2, 0.3, 0.4].map(Math.log);

  it('writes responsibilities and returns the summed log-likelihood of a log-space E-step', () => {
    const block = Float64Array.from(logDensities.flat());
    const rowScores = new Float64Array(rows + 5);
    const total = normalizeBlock(
      block,
      rows,
      k,
      Float64Array.from(logWeights),
      5,
      new EStepScratch(),
      { rowScores },
    );
    const expected = naive(logDensities, logWeights);
    expected.forEach((row, r) => {
      expect(rowScores[5 + r]).toBeCloseTo(row.logLikelihood, 13);
      row.responsibilities.forEach((p, c) => {
        expect(block[r * k + c]).toBeCloseTo(p, 14);
      });
    });
    expect(total).toBeCloseTo(
      expected.reduce((s, row) => s + row.logLikelihood, 0),
      12,
    );
  });

  it('multiplies responsibilities and the objective by the row weights and adds the totals', () => {
    const block = Float64Array.from(logDensities.flat());
    const sampleWeight = Float64Array.from({ length: rows }, (_, i) => i % 3);
    const totals = new Float64Array(k);
    const total = normalizeBlock(
      block,
      rows,
      k,
      Float64Array.from(logWeights),
      0,
      new EStepScratch(),
      {
        sampleWeight,
        totals,
      },
    );
    const expected = naive(logDensities, logWeights);
    let objective = 0;
    const sums = new Array(k).fill(0);
    expected.forEach((row, r) => {
      objective += sampleWeight[r] * row.logLikelihood;
      row.responsibilities.forEach((p, c) => {
        expect(block[r * k + c]).toBeCloseTo(sampleWeight[r] * p, 14);
        sums[c] += sampleWeight[r] * p;
      });
    });
    expect(total).toBeCloseTo(objective, 11);
    sums.forEach((s, c) => {
      expect(totals[c]).toBeCloseTo(s, 14);
    });
  });

  it('zeroes responsibilities below e^-50 of the best component without changing the objective', () => {
    const rowValues = [0, -49, -51, -200];
    const exact = Float64Array.from(rowValues);
    const skipped = Float64Array.from(rowValues);
    const zero = new Float64Array(4);
    const a = normalizeBlock(exact, 1, 4, zero, 0, new EStepScratch());
    const b = normalizeBlock(skipped, 1, 4, zero, 0, new EStepScratch(), { skipNegligible: true });
    expect(Math.abs(b - a)).toBeLessThanOrEqual(1e-14 * Math.abs(a));
    expect(skipped[1]).toBe(exact[1]);
    expect(exact[2]).toBeGreaterThan(0);
    expect(skipped[2]).toBe(0);
    expect(skipped[3]).toBe(0);
    expect(exact[2] / exact[0]).toBeLessThan(negligibleResponsibility);
  });

  it('adds log prior probabilities per row', () => {
    const block = Float64Array.from([0, 0]);
    const logPriors = Float64Array.from([Math.log(0.25), Math.log(0.75)]);
    normalizeBlock(block, 1, 2, new Float64Array(2), 0, new EStepScratch(), { logPriors });
    expect(block[0]).toBeCloseTo(0.25, 15);
    expect(block[1]).toBeCloseTo(0.75, 15);
  });

  it('throws a located error for a row of zero density and for NaN log-densities', () => {
    const zeroDensity = () =>
      normalizeBlock(
        Float64Array.from([0, 0, -Infinity, -Infinity]),
        2,
        2,
        new Float64Array(2),
        10,
        new EStepScratch(),
      );
    expect(zeroDensity).toThrow(InvalidInputError);
    expect(zeroDensity).toThrow(/row 11.*zero density/);
    const nan = () =>
      normalizeBlock(
        Float64Array.from([0, Number.NaN]),
        1,
        2,
        new Float64Array(2),
        3,
        new EStepScratch(),
      );
    expect(nan).toThrow(/row 3.*component 1 gave this row a NaN/);
  });

  it('hard E-step: one-hot rows times the row weight, ties to the lowest index, classification log-likelihood', () => {
    // Row 0: component 2 wins; row 1: a tie between 1 and 3 goes to 1.
    const values = [
      [-3, -2, -1, -5],
      [-4, -1, -6, -1],
    ];
    const block = Float64Array.from(values.flat());
    const logW = Float64Array.from([0.1, 0.2, 0.3, 0.4].map(Math.log));
    const sampleWeight = Float64Array.from([2, 0.5]);
    const totals = new Float64Array(4);
    const rowScores = new Float64Array(2);
    const total = normalizeBlock(block, 2, 4, logW, 0, new EStepScratch(), {
      hard: true,
      sampleWeight,
      totals,
      rowScores,
    });
    const joint = values.map((row) => row.map((v, c) => v + logW[c]));
    // Joint values: row 0 -> component 2 (-1 + log 0.3); row 1 -> -1 + log 0.2 vs -1 + log 0.4.
    const best = joint.map((row) => row.indexOf(Math.max(...row)));
    expect(best).toEqual([2, 3]);
    expect(Array.from(block)).toEqual([0, 0, 2, 0, 0, 0, 0, 0.5]);
    expect(Array.from(totals)).toEqual([0, 0, 2, 0.5]);
    expect(rowScores[0]).toBe(joint[0][2]);
    expect(total).toBeCloseTo(2 * joint[0][2] + 0.5 * joint[1][3], 14);
    const tie = Float64Array.from([-1, -2, -1]);
    normalizeBlock(tie, 1, 3, new Float64Array(3), 0, new EStepScratch(), { hard: true });
    expect(Array.from(tie)).toEqual([1, 0, 0]);
  });

  it('hard E-step rejects NaN and infinite log-densities with the row', () => {
    const nan = () =>
      normalizeBlock(
        Float64Array.from([0, Number.NaN]),
        1,
        2,
        new Float64Array(2),
        4,
        new EStepScratch(),
        {
          hard: true,
        },
      );
    expect(nan).toThrow(/row 4.*component 1 gave this row a NaN/);
    const infinite = () =>
      normalizeBlock(
        Float64Array.from([Infinity, 0]),
        1,
        2,
        new Float64Array(2),
        0,
        new EStepScratch(),
        {
          hard: true,
        },
      );
    expect(infinite).toThrow(/infinite log-density/);
  });

  describe('across chunks of rows (the soft E-step works in chunks of about 1024 entries)', () => {
    const chunkRandom = createRandom(11);
    /** rows x k log-densities spread over 0..-spread, so some entries are negligible. */
    const randomBlock = (n: number, width: number, spread: number) =>
      Array.from({ length: n }, () =>
        Array.from({ length: width }, () => -spread * chunkRandom.uniform()),
      );
    const weightsFor = (width: number) =>
      Array.from({ length: width }, (_, c) => Math.log((c + 1) / ((width * (width + 1)) / 2)));

    /** The E-step one row at a time, the way the docs describe it (skipping below max - 50). */
    function reference(logDensities: number[][], logWeights: number[], rowWeights: number[]) {
      const width = logWeights.length;
      const totals = new Array<number>(width).fill(0);
      let objective = 0;
      const rowsOut = logDensities.map((row, r) => {
        const joint = row.map((v, c) => v + logWeights[c]);
        const max = Math.max(...joint);
        const kept = joint.map((v) => (v < max - 50 ? 0 : Math.exp(v - max)));
        const sum = kept.reduce((a, b) => a + b, 0);
        const logLikelihood = max + Math.log(sum);
        objective += rowWeights[r] * logLikelihood;
        const responsibilities = kept.map((e) => (e * rowWeights[r]) / sum);
        responsibilities.forEach((p, c) => {
          totals[c] += p;
        });
        return { logLikelihood, responsibilities };
      });
      return { rows: rowsOut, totals, objective };
    }

    for (const width of [1, 3, 16, 37]) {
      it(`k = ${width}: responsibilities, row scores, totals and objective match a row-by-row E-step over 300 rows`, () => {
        const n = 300;
        const logDensities = randomBlock(n, width, 120);
        const logWeights = weightsFor(width);
        const rowWeights = Array.from({ length: n }, (_, i) => 0.5 + (i % 4));
        const block = Float64Array.from(logDensities.flat());
        const totals = new Float64Array(width);
        const rowScores = new Float64Array(n + 3);
        const objective = normalizeBlock(
          block,
          n,
          width,
          Float64Array.from(logWeights),
          3,
          new EStepScratch(),
          {
            sampleWeight: Float64Array.from([0, 0, 0, ...rowWeights]),
            totals,
            rowScores,
            skipNegligible: true,
          },
        );
        const expected = reference(logDensities, logWeights, rowWeights);
        expected.rows.forEach((row, r) => {
          expect(Math.abs(rowScores[3 + r] - row.logLikelihood)).toBeLessThanOrEqual(
            1e-14 * Math.abs(row.logLikelihood),
          );
          row.responsibilities.forEach((p, c) => {
            const got = block[r * width + c];
            if (p === 0) expect(got).toBe(0);
            else expect(Math.abs(got - p)).toBeLessThanOrEqual(1e-14 * p);
          });
        });
        expected.totals.forEach((t, c) => {
          expect(Math.abs(totals[c] - t)).toBeLessThanOrEqual(1e-13 * t);
        });
        expect(Math.abs(objective - expected.objective)).toBeLessThanOrEqual(
          1e-14 * Math.abs(expected.objective),
        );
      });
    }

    it('a row with one kept component gets exactly the row weight and scores exactly its joint max', () => {
      const n = 150;
      const k16 = 16;
      const logDensities = randomBlock(n, k16, 30);
      // Row 100: component 7 dominates by more than 50 nats.
      logDensities[100] = logDensities[100].map((v, c) => (c === 7 ? -1 : v - 200));
      const logWeights = weightsFor(k16);
      const block = Float64Array.from(logDensities.flat());
      const totals = new Float64Array(k16);
      const rowScores = new Float64Array(n);
      const sampleWeight = Float64Array.from({ length: n }, (_, i) => (i === 100 ? 0.3 : 1));
      normalizeBlock(block, n, k16, Float64Array.from(logWeights), 0, new EStepScratch(), {
        sampleWeight,
        totals,
        rowScores,
        skipNegligible: true,
      });
      const row = Array.from(block.subarray(100 * k16, 101 * k16));
      expect(row).toEqual(row.map((_, c) => (c === 7 ? 0.3 : 0)));
      expect(rowScores[100]).toBe(-1 + logWeights[7]);
    });

    it('rows with -Infinity, NaN or +Infinity in the middle of a chunk: exact results around them, and the located errors', () => {
      const n = 100;
      const k16 = 16;
      const logDensities = randomBlock(n, k16, 80);
      const logWeights = Float64Array.from(weightsFor(k16));
      // Row 40 has impossible components; all other rows are ordinary.
      const withMinusInfinity = logDensities.map((row, r) =>
        r === 40 ? row.map((v, c) => (c % 3 === 0 ? -Infinity : v)) : row,
      );
      for (const skipNegligible of [true, false]) {
        const block = Float64Array.from(withMinusInfinity.flat());
        const rowScores = new Float64Array(n);
        normalizeBlock(block, n, k16, logWeights, 0, new EStepScratch(), {
          rowScores,
          skipNegligible,
        });
        // Row by row, each row on its own, is the reference.
        for (const r of [0, 39, 40, 41, 99]) {
          const single = Float64Array.from(withMinusInfinity[r]);
          const singleScore = new Float64Array(1);
          normalizeBlock(single, 1, k16, logWeights, 0, new EStepScratch(), {
            rowScores: singleScore,
            skipNegligible,
          });
          expect(rowScores[r]).toBe(singleScore[0]);
          expect(Array.from(block.subarray(r * k16, (r + 1) * k16))).toEqual(Array.from(single));
        }
        for (let c = 0; c < k16; c += 3) expect(block[40 * k16 + c]).toBe(0);
      }
      const nanRow = logDensities.map((row, r) =>
        r === 70 ? row.map((v, c) => (c === 5 ? Number.NaN : v)) : row,
      );
      expect(() =>
        normalizeBlock(
          Float64Array.from(nanRow.flat()),
          n,
          k16,
          logWeights,
          1000,
          new EStepScratch(),
          {
            skipNegligible: true,
          },
        ),
      ).toThrow(/row 1070.*component 5 gave this row a NaN/);
      const infiniteRow = logDensities.map((row, r) =>
        r === 80 ? row.map((v, c) => (c === 2 ? Infinity : v)) : row,
      );
      expect(() =>
        normalizeBlock(
          Float64Array.from(infiniteRow.flat()),
          n,
          k16,
          logWeights,
          0,
          new EStepScratch(),
        ),
      ).toThrow(/row 80.*infinite log-density/);
      const impossibleRow = logDensities.map((row, r) =>
        r === 90 ? row.map(() => -Infinity) : row,
      );
      expect(() =>
        normalizeBlock(
          Float64Array.from(impossibleRow.flat()),
          n,
          k16,
          logWeights,
          0,
          new EStepScratch(),
        ),
      ).toThrow(/row 90.*zero density/);
    });

    it('adds log priors once per row across chunks', () => {
      const n = 130;
      const width = 8;
      const logDensities = randomBlock(n, width, 10);
      const logWeights = weightsFor(width);
      const priors = randomBlock(n, width, 3);
      const block = Float64Array.from(logDensities.flat());
      const rowScores = new Float64Array(n);
      normalizeBlock(block, n, width, Float64Array.from(logWeights), 0, new EStepScratch(), {
        logPriors: Float64Array.from(priors.flat()),
        rowScores,
      });
      const combined = logDensities.map((row, r) => row.map((v, c) => v + priors[r][c]));
      const expected = reference(combined, logWeights, new Array<number>(n).fill(1));
      expected.rows.forEach((row, r) => {
        expect(Math.abs(rowScores[r] - row.logLikelihood)).toBeLessThanOrEqual(
          1e-14 * Math.abs(row.logLikelihood),
        );
        row.responsibilities.forEach((p, c) => {
          expect(Math.abs(block[r * width + c] - p)).toBeLessThanOrEqual(1e-14 * p);
        });
      });
    });
  });
});
