import { createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { negligibleResponsibility, normalizeBlock } from './normalizeBlock.js';

/** Responsibilities and log-likelihoods the textbook way, one row at a time. */
function naive(logDensities: number[][], logWeights: number[]) {
  return logDensities.map((row) => {
    const joint = row.map((v, c) => v + logWeights[c]!);
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
    const total = normalizeBlock(block, rows, k, Float64Array.from(logWeights), 5, { rowScores });
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
    const total = normalizeBlock(block, rows, k, Float64Array.from(logWeights), 0, {
      sampleWeight,
      totals,
    });
    const expected = naive(logDensities, logWeights);
    let objective = 0;
    const sums = new Array(k).fill(0);
    expected.forEach((row, r) => {
      objective += sampleWeight[r]! * row.logLikelihood;
      row.responsibilities.forEach((p, c) => {
        expect(block[r * k + c]).toBeCloseTo(sampleWeight[r]! * p, 14);
        sums[c] += sampleWeight[r]! * p;
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
    const a = normalizeBlock(exact, 1, 4, zero, 0);
    const b = normalizeBlock(skipped, 1, 4, zero, 0, { skipNegligible: true });
    expect(Math.abs(b - a)).toBeLessThanOrEqual(1e-14 * Math.abs(a));
    expect(skipped[1]).toBe(exact[1]);
    expect(exact[2]).toBeGreaterThan(0);
    expect(skipped[2]).toBe(0);
    expect(skipped[3]).toBe(0);
    expect(exact[2]! / exact[0]!).toBeLessThan(negligibleResponsibility);
  });

  it('adds log prior probabilities per row', () => {
    const block = Float64Array.from([0, 0]);
    const logPriors = Float64Array.from([Math.log(0.25), Math.log(0.75)]);
    normalizeBlock(block, 1, 2, new Float64Array(2), 0, { logPriors });
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
      );
    expect(zeroDensity).toThrow(InvalidInputError);
    expect(zeroDensity).toThrow(/row 11.*zero density/);
    const nan = () =>
      normalizeBlock(Float64Array.from([0, Number.NaN]), 1, 2, new Float64Array(2), 3);
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
    const total = normalizeBlock(block, 2, 4, logW, 0, {
      hard: true,
      sampleWeight,
      totals,
      rowScores,
    });
    const joint = values.map((row) => row.map((v, c) => v + logW[c]!));
    // Joint values: row 0 -> component 2 (-1 + log 0.3); row 1 -> -1 + log 0.2 vs -1 + log 0.4.
    const best = joint.map((row) => row.indexOf(Math.max(...row)));
    expect(best).toEqual([2, 3]);
    expect(Array.from(block)).toEqual([0, 0, 2, 0, 0, 0, 0, 0.5]);
    expect(Array.from(totals)).toEqual([0, 0, 2, 0.5]);
    expect(rowScores[0]).toBe(joint[0]![2]);
    expect(total).toBeCloseTo(2 * joint[0]![2]! + 0.5 * joint[1]![3]!, 14);
    const tie = Float64Array.from([-1, -2, -1]);
    normalizeBlock(tie, 1, 3, new Float64Array(3), 0, { hard: true });
    expect(Array.from(tie)).toEqual([1, 0, 0]);
  });

  it('hard E-step rejects NaN and infinite log-densities with the row', () => {
    const nan = () =>
      normalizeBlock(Float64Array.from([0, Number.NaN]), 1, 2, new Float64Array(2), 4, {
        hard: true,
      });
    expect(nan).toThrow(/row 4.*component 1 gave this row a NaN/);
    const infinite = () =>
      normalizeBlock(Float64Array.from([Infinity, 0]), 1, 2, new Float64Array(2), 0, {
        hard: true,
      });
    expect(infinite).toThrow(/infinite log-density/);
  });
});
