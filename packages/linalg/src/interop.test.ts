import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ml, randomSpd, relativeError, SIZES, seeded } from '../test/helpers.js';
import { fromMlMatrix, toMlMatrix } from './mlMatrix.js';
import { orthogonalPolarFactor } from './orthogonalPolarFactor.js';
import { symmetricEigen } from './symmetricEigen.js';

describe('symmetricEigen', () => {
  it.each(SIZES)(
    'reconstructs A = V·diag(λ)·Vᵀ with ascending λ and orthonormal V (d = %i)',
    (d) => {
      const A = randomSpd(seeded(d), d, 1e4);
      const { values, vectors } = symmetricEigen(d, A);
      for (let j = 1; j < d; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
      const V = ml(d, d, vectors);
      const reconstructed = V.mmul(MlMatrix.diag(Array.from(values))).mmul(V.transpose());
      expect(relativeError(Float64Array.from(reconstructed.to1DArray()), A)).toBeLessThan(1e-11);
      const gram = V.transpose().mmul(V);
      expect(
        relativeError(
          Float64Array.from(gram.to1DArray()),
          Float64Array.from(MlMatrix.eye(d).to1DArray()),
        ),
      ).toBeLessThan(1e-12);
    },
  );

  it('finds the closed-form spectrum of [[2, 1], [1, 2]] and of a diagonal matrix', () => {
    const { values, vectors } = symmetricEigen(2, Float64Array.of(2, 1, 1, 2));
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    // Eigenvector of 3 is ±(1, 1)/√2, in column 1.
    expect(Math.abs(vectors[1])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[1] * vectors[3]).toBeGreaterThan(0);
    expect(
      Array.from(symmetricEigen(3, Float64Array.of(3, 0, 0, 0, 1, 0, 0, 0, 2)).values),
    ).toEqual([1, 2, 3]);
  });

  it('leaves its input unchanged', () => {
    const A = randomSpd(seeded(5), 6);
    const copy = A.slice();
    symmetricEigen(6, A);
    expect(Array.from(A)).toEqual(Array.from(copy));
  });

  it('handles d = 0', () => {
    expect(symmetricEigen(0, new Float64Array(0)).values.length).toBe(0);
  });

  it('agrees with ml-matrix EigenvalueDecomposition eigenvalues', () => {
    const A = randomSpd(seeded(77), 10, 100);
    const reference = new EigenvalueDecomposition(ml(10, 10, A), { assumeSymmetric: true })
      .realEigenvalues;
    expect(
      relativeError(symmetricEigen(10, A).values, Float64Array.from(reference).sort()),
    ).toBeLessThan(1e-13);
  });
});

describe('toMlMatrix and fromMlMatrix', () => {
  it('toMlMatrix shares the buffer (writes go through) and has the same shape', () => {
    const m = { rows: 2, cols: 3, data: Float64Array.of(1, 2, 3, 4, 5, 6) };
    const view = toMlMatrix(m);
    expect(view.rows).toBe(2);
    expect(view.columns).toBe(3);
    expect(view.get(1, 2)).toBe(6);
    view.set(0, 1, 20);
    expect(m.data[1]).toBe(20);
  });

  it('fromMlMatrix copies once, and the round trip is exact', () => {
    const source = new MlMatrix([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const m = fromMlMatrix(source);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(2);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    source.set(0, 0, 9);
    expect(m.data[0]).toBe(1);
    expect(Array.from(fromMlMatrix(toMlMatrix(m)).data)).toEqual(Array.from(m.data));
  });

  it('keeps the shape of a matrix with 0 rows', () => {
    const view = toMlMatrix({ rows: 0, cols: 4, data: new Float64Array(0) });
    expect([view.rows, view.columns]).toEqual([0, 4]);
    expect(fromMlMatrix(view)).toEqual({ rows: 0, cols: 4, data: new Float64Array(0) });
  });
});

describe('orthogonalPolarFactor', () => {
  it.each(SIZES)('gives an orthogonal Q maximising tr(Qᵀ F) (d = %i)', (d) => {
    const random = seeded(d + 100);
    const F = new Float64Array(d * d);
    for (let e = 0; e < d * d; e++) F[e] = random.normal();
    const Q = ml(d, d, orthogonalPolarFactor(d, F));
    const gram = Q.transpose().mmul(Q);
    expect(
      relativeError(
        Float64Array.from(gram.to1DArray()),
        Float64Array.from(MlMatrix.eye(d).to1DArray()),
      ),
    ).toBeLessThan(1e-12);
    // At the maximiser Qᵀ·F = V·S·Vᵀ: symmetric with a non-negative diagonal.
    const QtF = Q.transpose().mmul(ml(d, d, F));
    expect(
      relativeError(
        Float64Array.from(QtF.to1DArray()),
        Float64Array.from(QtF.transpose().to1DArray()),
      ),
    ).toBeLessThan(1e-10);
    for (let j = 0; j < d; j++) expect(QtF.get(j, j)).toBeGreaterThanOrEqual(0);
  });

  it('returns a rotation unchanged', () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const Q = orthogonalPolarFactor(2, Float64Array.of(c, -s, s, c));
    expect(relativeError(Q, Float64Array.of(c, -s, s, c))).toBeLessThan(1e-14);
  });
});
