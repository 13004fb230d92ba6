import { createMatrix, type Matrix } from '@mixkit/core';
import { loadFaithful, loadIris, loadWine } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import fixtures from './__fixtures__/sklearn-kmeans.json' with { type: 'json' };
import { KMeans } from './kmeans.js';

interface SklearnCase {
  name: string;
  dataset: string;
  initialCenters: number[][];
  sampleWeight: number[] | null;
  maxIterations: number;
  tol: number;
  labels: number[];
  centers: number[][];
  inertia: number;
  iterations: number;
  transformHead: number[][];
  score: number;
}

const datasets: Record<string, () => Matrix> = {
  iris: () => loadIris().X,
  wine: () => loadWine().X,
  faithful: () => loadFaithful().X,
};

function fromRows(rows: number[][]): Matrix {
  return createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()));
}

function maxRelativeError(actual: Float64Array, expected: number[]): number {
  let worst = 0;
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  for (let t = 0; t < expected.length; t++) {
    worst = Math.max(worst, Math.abs(actual[t] - expected[t]) / scale);
  }
  return worst;
}

const cases = fixtures.cases as SklearnCase[];

describe('KMeans agrees with scikit-learn 1.2 KMeans(algorithm="lloyd", n_init=1) from the same initial centers', () => {
  for (const fixture of cases) {
    for (const algorithm of ['lloyd', 'hamerly', 'elkan', 'yinyang'] as const) {
      it(`${fixture.name}: ${algorithm} gives sklearn's labels, centers, inertia and iteration count`, () => {
        const X = datasets[fixture.dataset]();
        const model = new KMeans({
          nClusters: fixture.initialCenters.length,
          init: fromRows(fixture.initialCenters),
          algorithm,
          maxIterations: fixture.maxIterations,
          tolerance: fixture.tol,
        }).fit(X, fixture.sampleWeight ? { sampleWeight: fixture.sampleWeight } : {});
        expect(Array.from(model.labels)).toEqual(fixture.labels);
        expect(maxRelativeError(model.centers.data, fixture.centers.flat())).toBeLessThan(1e-12);
        expect(model.inertia).toBeCloseTo(fixture.inertia, 8);
        expect(Math.abs(model.inertia - fixture.inertia) / fixture.inertia).toBeLessThan(1e-12);
        expect(model.iterations).toBe(fixture.iterations);
        expect(model.converged).toBe(fixture.iterations < fixture.maxIterations);
      });
    }

    it(`${fixture.name}: transform and score match sklearn`, () => {
      const X = datasets[fixture.dataset]();
      const model = new KMeans({
        nClusters: fixture.initialCenters.length,
        init: fromRows(fixture.initialCenters),
        algorithm: 'lloyd',
        maxIterations: fixture.maxIterations,
        tolerance: fixture.tol,
      }).fit(X, fixture.sampleWeight ? { sampleWeight: fixture.sampleWeight } : {});
      const head = createMatrix(5, X.cols, X.data.slice(0, 5 * X.cols));
      expect(
        maxRelativeError(model.transform(head).data, fixture.transformHead.flat()),
      ).toBeLessThan(1e-12);
      const score = model.score(X);
      expect(Math.abs(score - fixture.score) / Math.abs(fixture.score)).toBeLessThan(1e-12);
    });
  }

  it('reports the empty cluster it re-seeded in the sklearn empty-cluster case', () => {
    const fixture = cases.find((c) => c.name.includes('empty cluster'))!;
    const model = new KMeans({ nClusters: 3, init: fromRows(fixture.initialCenters) }).fit(
      loadIris().X,
    );
    expect(model.diagnostics.warnings).toContainEqual({
      kind: 'empty-component',
      restart: 0,
      iteration: 1,
      component: 2,
      action: 'reseeded',
    });
  });
});
