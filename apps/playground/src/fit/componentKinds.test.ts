import { createMatrix } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import {
  gaussianModel,
  type StudentTFullParams,
  studentTDiag,
  studentTFull,
  type VonMisesFisherParams,
  vonMisesFisher,
} from '@mixkit/distributions';
import { type FitMixtureOptions, fitMixture } from '@mixkit/em';
import { describe, expect, it } from 'vitest';
import { makeDirections } from '../data/makeDirections.js';
import { makeMoons } from '../data/makeMoons.js';
import { unitRows } from '../data/unitRows.js';
import type { EmSnapshot, FitRequest } from './fitProtocol.js';
import { randomPlacement } from './randomPlacement.js';
import { runFit } from './runFit.js';

function request(
  X: { rows: number; cols: number; data: Float64Array },
  patch: Partial<FitRequest>,
): FitRequest {
  return {
    rows: X.rows,
    cols: X.cols,
    data: X.data,
    families: ['gaussian', 'gaussian'],
    covariance: 'full',
    init: 'k-means',
    seed: 0,
    densityGrid: new Float64Array(0),
    ...patch,
  };
}

async function collect(fit: FitRequest) {
  const em: EmSnapshot[] = [];
  const outcome = await runFit(fit, {
    emSnapshot: (s) => em.push(s),
    kmeansSnapshot: () => undefined,
  });
  return { em, outcome };
}

describe('the new component families in the worker', () => {
  it('fits Student t components (full and diagonal scale, ν learned) as fitMixture does', async () => {
    const X = loadIris().X;
    const { em, outcome } = await collect(
      request(X, { families: ['student-t', 'student-t', 'student-t-diag'], seed: 1 }),
    );
    const full = studentTFull();
    const model = fitMixture(X, {
      components: [full, full, studentTDiag()],
      init: 'k-means',
      random: 1,
    });
    expect(Array.from(outcome.em.labels)).toEqual(Array.from(model.predict(X)));
    expect(outcome.em.logLikelihood).toBe(model.score(X));
    const last = em.at(-1) as EmSnapshot;
    // Each t is described by its location, its scale matrix and its learned ν.
    const params = model.components[0]?.params as StudentTFullParams;
    expect(last.components[0]?.kind).toBe('student-t');
    expect(last.components[2]?.kind).toBe('student-t-diag');
    expect(Array.from(last.components[0]?.mean ?? [])).toEqual(Array.from(params.location));
    expect(Array.from(last.components[0]?.covariance ?? [])).toEqual(Array.from(params.scale));
    expect(last.components[0]?.dof).toBe(params.dof);
    expect(params.dof).not.toBe(10);
  });

  it('fits von Mises–Fisher components to unit rows, with each direction’s spread', async () => {
    const X = unitRows(makeDirections(400, 3)).X;
    const { em, outcome } = await collect(
      request(X, {
        families: ['von-mises-fisher', 'von-mises-fisher', 'von-mises-fisher'],
        init: 'random-placement',
        seed: 4,
      }),
    );
    const family = vonMisesFisher();
    const kinds = ['von-mises-fisher', 'von-mises-fisher', 'von-mises-fisher'] as const;
    // The page's families are chosen at run time, so its options are typed as any family's.
    const options: FitMixtureOptions = {
      components: [family, family, family],
      init: randomPlacement(X, kinds, 'full', 4),
      random: 4,
    };
    const model = fitMixture(X, options);
    expect(Array.from(outcome.em.labels)).toEqual(Array.from(model.predict(X)));
    const last = em.at(-1) as EmSnapshot;
    model.components.forEach((component, c) => {
      const { concentration } = component.params as VonMisesFisherParams;
      const summary = last.components[c];
      expect(summary?.concentration).toBe(concentration);
      // A tighter direction spreads less; for κ large the spread is about 1/√κ radians.
      expect(summary?.spread).toBeGreaterThan(0);
      if (concentration > 20) expect(summary?.spread).toBeCloseTo(1 / Math.sqrt(concentration), 1);
    });
  });

  it("fits mclust's models as components: the Equal terms are shared across them", async () => {
    const X = loadFaithful().X;
    const { em, outcome } = await collect(
      request(X, { covariance: 'EEE', families: ['gaussian', 'gaussian', 'gaussian'], seed: 2 }),
    );
    const family = gaussianModel('EEE');
    const model = fitMixture(X, {
      components: [family, family, family],
      init: 'k-means',
      random: 2,
    });
    expect(Array.from(outcome.em.labels)).toEqual(Array.from(model.predict(X)));
    const [a, b] = (em.at(-1) as EmSnapshot).components;
    expect(Array.from(a?.covariance ?? [])).toEqual(Array.from(b?.covariance ?? []));
    expect(a?.exact).toBe(true);
  });

  it('starts t, directions and mclust models from random placement', async () => {
    const X = unitRows(makeDirections(50, 1)).X;
    const start = randomPlacement(X, ['student-t', 'von-mises-fisher', 'gaussian'], 'VVE', 3);
    const [t, direction, gaussian] = start.params as [
      StudentTFullParams,
      VonMisesFisherParams,
      { covariance: Float64Array },
    ];
    expect(t.dof).toBe(10);
    expect(Math.hypot(...direction.mean)).toBeCloseTo(1, 12);
    expect(direction.concentration).toBe(9);
    expect(gaussian.covariance).toHaveLength(4);
  });
});

describe('the new data sets', () => {
  it('draws the moons and the directions from their seed, with their true classes', async () => {
    expect(makeMoons(300, 5)).toEqual(makeMoons(300, 5));
    expect(makeMoons(300, 5).X.data).not.toEqual(makeMoons(300, 6).X.data);
    const moons = makeMoons(300, 5);
    expect(new Set(moons.trueLabels)).toEqual(new Set([0, 1, 2]));
    const directions = makeDirections(300, 5);
    for (let i = 0; i < 300; i++) {
      expect(
        Math.hypot(directions.X.data[2 * i] as number, directions.X.data[2 * i + 1] as number),
      ).toBeCloseTo(1, 9);
    }
    expect(directions.equalAspect).toBe(true);
  });

  it('scales rows to unit length and names a row that has no direction', async () => {
    const X = createMatrix(3, 2, Float64Array.of(3, 4, -2, 0, 0, 0));
    expect(() => unitRows({ X, featureNames: ['a', 'b'] })).toThrow(/^row 3 has length 0/);
    const unit = unitRows({
      X: createMatrix(2, 2, Float64Array.of(3, 4, -2, 0)),
      featureNames: ['a', 'b'],
    });
    expect(Array.from(unit.X.data)).toEqual([0.6, 0.8, -1, 0]);
    expect(unit.domain).toEqual([-1.15, 1.15]);
  });
});
