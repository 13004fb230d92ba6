import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { type Average, supervisedCases } from './__fixtures__/fixtures.js';
import { adjustedMutualInformation } from './adjustedMutualInformation.js';
import { clusteringAccuracy } from './clusteringAccuracy.js';
import { completeness } from './completeness.js';
import { contingencyMatrix } from './contingencyMatrix.js';
import { fowlkesMallows } from './fowlkesMallows.js';
import { homogeneity } from './homogeneity.js';
import { homogeneityCompletenessVMeasure } from './homogeneityCompletenessVMeasure.js';
import { matchClusters } from './matchClusters.js';
import { mutualInformation } from './mutualInformation.js';
import { normalizedMutualInformation } from './normalizedMutualInformation.js';
import { randIndex } from './randIndex.js';
import { vMeasure } from './vMeasure.js';

const averages: Average[] = ['arithmetic', 'geometric', 'min', 'max'];
const cases = supervisedCases.map((c) => [c.name, c] as const);

/**
 * When every point is its own cluster, each cluster is pure, so MI = H(true), and every random
 * relabeling is pure too, so E[MI] = H(true) = min(H(true), H(pred)): AMI with `min` averaging is
 * 0/0 and its value is rounding noise in scikit-learn and here alike.
 */
function isIllConditioned(name: string, average: Average): boolean {
  return name === 'every point its own cluster' && average === 'min';
}

describe.each(cases)('agrees with scikit-learn on %s', (_name, c) => {
  const t = c.labelsTrue;
  const p = c.labelsPred;

  it('contingencyMatrix equals contingency_matrix, rows and columns in sorted label order', () => {
    const table = contingencyMatrix(t, p);
    expect(Array.from(table.classes)).toEqual(c.classes);
    expect(Array.from(table.clusters)).toEqual(c.clusters);
    expect(table.counts.rows).toBe(c.classes.length);
    expect(table.counts.cols).toBe(c.clusters.length);
    expect(Array.from(table.counts.data)).toEqual(c.contingency.flat());
  });

  it('mutualInformation equals mutual_info_score', () => {
    expect(mutualInformation(t, p)).toBeCloseTo(c.mutualInformation, 12);
  });

  it.each(averages)('normalizedMutualInformation (%s) equals normalized_mutual_info_score', (m) => {
    expect(normalizedMutualInformation(t, p, { average: m })).toBeCloseTo(
      c.normalizedMutualInformation[m],
      12,
    );
  });

  it.each(averages)('adjustedMutualInformation (%s) equals adjusted_mutual_info_score', (m) => {
    if (isIllConditioned(c.name, m)) {
      // MI = E[MI] = min(H) exactly, so AMI is 0/0: both libraries return rounding noise.
      const value = adjustedMutualInformation(t, p, { average: m });
      expect(Number.isFinite(value) && value <= 1 + 1e-12).toBe(true);
      return;
    }
    expect(adjustedMutualInformation(t, p, { average: m })).toBeCloseTo(
      c.adjustedMutualInformation[m],
      10,
    );
  });

  it('homogeneity, completeness and vMeasure equal homogeneity_completeness_v_measure', () => {
    const scores = homogeneityCompletenessVMeasure(t, p);
    expect(scores.homogeneity).toBeCloseTo(c.homogeneity, 12);
    expect(scores.completeness).toBeCloseTo(c.completeness, 12);
    expect(scores.vMeasure).toBeCloseTo(c.vMeasure, 12);
    expect(homogeneity(t, p)).toBe(scores.homogeneity);
    expect(completeness(t, p)).toBe(scores.completeness);
    for (const [beta, expected] of Object.entries(c.vMeasureBeta)) {
      expect(vMeasure(t, p, { beta: Number(beta) })).toBeCloseTo(expected, 12);
    }
  });

  it('randIndex and fowlkesMallows equal rand_score and fowlkes_mallows_score', () => {
    expect(randIndex(t, p)).toBeCloseTo(c.randIndex, 12);
    expect(fowlkesMallows(t, p)).toBeCloseTo(c.fowlkesMallows, 12);
  });

  it('clusteringAccuracy equals linear_sum_assignment on the contingency table', () => {
    expect(clusteringAccuracy(t, p)).toBeCloseTo(c.accuracy, 12);
  });

  it('matchClusters maps clusters one-to-one to classes and its mapping realises nCorrect', () => {
    const { mapping, nCorrect } = matchClusters(t, p);
    expect(new Set(mapping.values()).size).toBe(mapping.size);
    let agree = 0;
    for (let i = 0; i < t.length; i++) if (mapping.get(p[i]) === t[i]) agree++;
    expect(agree).toBe(nCorrect);
  });
});

describe('supervised metric conventions', () => {
  it('vMeasure with beta 1 equals NMI with arithmetic averaging', () => {
    for (const c of supervisedCases) {
      expect(vMeasure(c.labelsTrue, c.labelsPred)).toBeCloseTo(
        c.normalizedMutualInformation.arithmetic,
        12,
      );
    }
  });

  it('reject an unknown average method and a negative beta with InvalidInputError', () => {
    const unknown = 'harmonic' as unknown as Average;
    expect(() => normalizedMutualInformation([0, 1], [0, 1], { average: unknown })).toThrow(
      InvalidInputError,
    );
    expect(() => adjustedMutualInformation([0, 1], [0, 1], { average: unknown })).toThrow(
      /average/,
    );
    expect(() => vMeasure([0, 1], [0, 1], { beta: -1 })).toThrow(/beta/);
  });

  it('every label metric rejects unequal lengths, empty input and NaN', () => {
    const metrics = [
      adjustedMutualInformation,
      normalizedMutualInformation,
      mutualInformation,
      vMeasure,
      clusteringAccuracy,
      randIndex,
      fowlkesMallows,
      contingencyMatrix,
    ];
    for (const metric of metrics) {
      expect(() => metric([0, 1, 1], [0, 1])).toThrow(/labelsPred/);
      expect(() => metric([], [])).toThrow(InvalidInputError);
      expect(() => metric([0, 1], [Number.NaN, 1])).toThrow(/labelsPred at row 0/);
    }
  });

  it('matchClusters handles 2000 singleton clusters against 2000 singleton classes quickly in memory', () => {
    const n = 2000;
    const truth = Array.from({ length: n }, (_, i) => i);
    const pred = Array.from({ length: n }, (_, i) => n - i);
    const result = matchClusters(truth, pred);
    expect(result.accuracy).toBe(1);
    expect(result.mapping.get(n)).toBe(0);
  });
});
