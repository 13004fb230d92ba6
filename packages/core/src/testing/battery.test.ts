import { describe, expect, it } from 'vitest';
import type { Clusterer, ClusteringModel } from '../clusterer.js';
import { InvalidInputError } from '../errors/invalidInputError.js';
import type { FitDiagnostics } from '../fitResult.js';
import type { JsonValue } from '../json.js';
import { createMatrix, type Matrix, type MatrixInput } from '../matrix.js';
import type { FitOptions } from '../options.js';
import { toMatrix } from '../toMatrix.js';
import { assertClusterCount, assertInteger, throwIfAborted, toWeights } from '../validate.js';
import { clustererChecks } from './clustererChecks.js';
import type { ClustererCheckName, ClustererSetup } from './types.js';

// The battery's own test: a small correct clusterer passes every check, and each planted
// defect makes the check written for it fail (so no check passes whatever it is given).

type Defect =
  | 'accepts-nan'
  | 'accepts-infinity'
  | 'accepts-empty'
  | 'fails-one-row'
  | 'accepts-zero-clusters'
  | 'accepts-too-many-clusters'
  | 'accepts-fractional-clusters'
  | 'ignores-width'
  | 'ignores-bad-weights'
  | 'ignores-weights'
  | 'no-magnitude-check'
  | 'labels-by-position'
  | 'varies-per-fit'
  | 'lossy-json'
  | 'ignores-abort'
  | 'nan-diagnostics'
  | 'rising-objective';

let fitsInThisModule = 0;

/** k-means with farthest-first seeding from row 0 (no randomness), and optional defects. */
class Toy implements Clusterer<ToyModel> {
  constructor(
    readonly nClusters: number,
    private readonly defect?: Defect,
  ) {
    if (defect !== 'accepts-zero-clusters' && defect !== 'accepts-fractional-clusters') {
      assertInteger(nClusters, 'nClusters', 1);
    }
  }

  fit(input: MatrixInput, options: FitOptions = {}): ToyModel {
    const defect = this.defect;
    if (defect !== 'ignores-abort') throwIfAborted(options.signal, 'Toy.fit');
    const X = toMatrix(input, {
      checkFinite: defect !== 'accepts-nan' && defect !== 'accepts-infinity',
      allowEmpty: defect === 'accepts-empty',
    });
    if (defect === 'accepts-infinity') {
      for (const v of X.data) if (Number.isNaN(v)) toMatrix(X);
    }
    if (defect === 'accepts-nan') {
      for (const v of X.data) if (!Number.isNaN(v) && !Number.isFinite(v)) toMatrix(X);
    }
    if (defect === 'fails-one-row' && X.rows === 1) throw new Error('one row');
    const k = Math.max(1, Math.floor(this.nClusters));
    if (
      defect !== 'accepts-too-many-clusters' &&
      defect !== 'accepts-zero-clusters' &&
      defect !== 'accepts-fractional-clusters'
    ) {
      assertClusterCount(this.nClusters, X.rows);
    }
    const n = X.rows;
    const d = X.cols;
    let weights: Float64Array = new Float64Array(n).fill(1);
    if (options.sampleWeight !== undefined && defect !== 'ignores-weights') {
      weights =
        defect === 'ignores-bad-weights'
          ? Float64Array.from(options.sampleWeight)
          : toWeights(options.sampleWeight, n);
      let total = 0;
      let largest = 0;
      for (const w of weights) {
        total += w;
        largest = Math.max(largest, w);
      }
      if (!(total < 1e300) || largest < 1e-200) {
        throw new InvalidInputError({ argument: 'sampleWeight' }, 'rescale the weights');
      }
    }
    let largest = 0;
    for (const v of X.data) largest = Math.max(largest, Math.abs(v));
    if (defect !== 'no-magnitude-check' && (largest > 1e100 || (largest > 0 && largest < 1e-100))) {
      throw new InvalidInputError({ argument: 'X' }, 'rescale X by a constant');
    }
    const centers = createMatrix(Math.min(k, n), d);
    const chosen = [defect === 'varies-per-fit' ? fitsInThisModule++ % n : 0];
    while (chosen.length < centers.rows) {
      let far = 0;
      let farDistance = -1;
      for (let i = 0; i < n; i++) {
        let near = Number.POSITIVE_INFINITY;
        for (const c of chosen) near = Math.min(near, distance(X, i, X.data, c));
        if (near > farDistance) {
          farDistance = near;
          far = i;
        }
      }
      chosen.push(far);
    }
    chosen.forEach((row, c) => {
      centers.data.set(X.data.subarray(row * d, row * d + d), c * d);
    });
    const objective: number[] = [];
    const labels = new Int32Array(n);
    for (let iteration = 1; iteration <= 20; iteration++) {
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        labels[i] = defect === 'labels-by-position' ? i % centers.rows : nearest(X, i, centers);
        inertia += weights[i]! * distance(X, i, centers.data, labels[i]!);
      }
      objective.push(defect === 'rising-objective' ? -inertia : inertia);
      const sums = new Float64Array(centers.data.length);
      const totals = new Float64Array(centers.rows);
      for (let i = 0; i < n; i++) {
        const c = labels[i]!;
        totals[c]! += weights[i]!;
        for (let j = 0; j < d; j++) sums[c * d + j]! += weights[i]! * X.data[i * d + j]!;
      }
      for (let t = 0; t < sums.length; t++) {
        const total = totals[Math.floor(t / d)]!;
        if (total > 0) centers.data[t] = sums[t]! / total;
      }
      options.onIteration?.({ restart: 0, iteration, objective: objective.at(-1)!, change: 1 });
      if (defect !== 'ignores-abort') throwIfAborted(options.signal, 'Toy.fit');
    }
    if (defect === 'nan-diagnostics') objective.push(Number.NaN);
    const diagnostics: FitDiagnostics = {
      converged: true,
      iterations: 20,
      objective,
      bestRestart: 0,
      restartObjectives: [objective.at(-1)!],
      warnings: [],
    };
    return new ToyModel(centers, diagnostics, defect);
  }
}

function distance(X: Matrix, i: number, centers: Float64Array, c: number): number {
  let s = 0;
  for (let j = 0; j < X.cols; j++) s += (X.data[i * X.cols + j]! - centers[c * X.cols + j]!) ** 2;
  return s;
}

function nearest(X: Matrix, i: number, centers: Matrix): number {
  let best = 0;
  for (let c = 1; c < centers.rows; c++) {
    if (distance(X, i, centers.data, c) < distance(X, i, centers.data, best)) best = c;
  }
  return best;
}

class ToyModel implements ClusteringModel {
  readonly nClusters: number;
  readonly dimension: number;
  constructor(
    readonly centers: Matrix,
    readonly diagnostics: FitDiagnostics,
    private readonly defect?: Defect,
  ) {
    this.nClusters = centers.rows;
    this.dimension = centers.cols;
  }

  predict(input: MatrixInput): Int32Array {
    const X = toMatrix(input, {
      cols: this.defect === 'ignores-width' ? undefined : this.dimension,
    });
    return Int32Array.from({ length: X.rows }, (_, i) => nearest(X, i, this.centers));
  }

  toJSON(): JsonValue {
    return {
      centers: Array.from(this.centers.data),
      d: this.dimension,
      ...(this.defect === undefined ? {} : { defect: this.defect }),
      diagnostics: JSON.parse(JSON.stringify(this.diagnostics)) as JsonValue,
    };
  }

  static fromJSON(json: JsonValue, lossy = false): ToyModel {
    const doc = json as unknown as {
      centers: number[];
      d: number;
      diagnostics: FitDiagnostics;
      defect?: Defect;
    };
    const data = Float64Array.from(doc.centers, (v) => (lossy ? Math.fround(v) : v));
    return new ToyModel(
      createMatrix(data.length / doc.d, doc.d, data),
      doc.diagnostics,
      doc.defect,
    );
  }
}

function setup(defect?: Defect, rest: Partial<ClustererSetup> = {}): ClustererSetup {
  const create = (k: number) => new Toy(k, defect);
  return {
    create,
    fromJSON: (json) => ToyModel.fromJSON(json, defect === 'lossy-json'),
    objective: 'minimize',
    reload: async () => create,
    fitInOtherProcess: async (X, k, seed) => create(k).fit(X, { random: seed }).toJSON(),
    ...rest,
  };
}

async function failures(s: ClustererSetup): Promise<Map<ClustererCheckName, string>> {
  const failed = new Map<ClustererCheckName, string>();
  for (const check of clustererChecks(s)) {
    try {
      await check.run();
    } catch (error) {
      failed.set(check.check, error instanceof Error ? error.message : String(error));
    }
  }
  return failed;
}

const planted: [Defect | string, ClustererCheckName, ClustererSetup][] = [
  ['accepts-nan', 'rejects-nan', setup('accepts-nan')],
  ['accepts-infinity', 'rejects-infinity', setup('accepts-infinity')],
  ['accepts-empty', 'rejects-empty', setup('accepts-empty')],
  ['fails-one-row', 'one-row', setup('fails-one-row')],
  ['accepts-zero-clusters', 'rejects-zero-clusters', setup('accepts-zero-clusters')],
  ['accepts-too-many-clusters', 'rejects-too-many-clusters', setup('accepts-too-many-clusters')],
  [
    'accepts-fractional-clusters',
    'rejects-fractional-clusters',
    setup('accepts-fractional-clusters'),
  ],
  ['ignores-width', 'rejects-wrong-width', setup('ignores-width')],
  ['ignores-bad-weights', 'rejects-bad-weights', setup('ignores-bad-weights')],
  ['ignores-weights', 'weight-equals-repetition', setup('ignores-weights')],
  [
    'ignores-weights (claims none, takes them silently)',
    'rejects-bad-weights',
    setup('ignores-weights', { sampleWeight: false }),
  ],
  ['no-magnitude-check', 'huge-values', setup('no-magnitude-check')],
  ['no-magnitude-check', 'tiny-values', setup('no-magnitude-check')],
  ['labels-by-position', 'recovers-separated-clusters', setup('labels-by-position')],
  ['labels-by-position', 'row-order', setup('labels-by-position')],
  ['varies-per-fit', 'deterministic', setup('varies-per-fit')],
  ['lossy-json', 'json-round-trip', setup('lossy-json')],
  ['ignores-abort', 'abort', setup('ignores-abort')],
  ['nan-diagnostics', 'no-nan', setup('nan-diagnostics')],
  ['rising-objective', 'objective-monotone', setup('rising-objective')],
  [
    'a fresh module that differs',
    'deterministic-fresh-module',
    setup(undefined, { reload: async () => (k: number) => new Toy(k, 'varies-per-fit') }),
  ],
  [
    'another process that differs',
    'deterministic-other-process',
    setup(undefined, {
      fitInOtherProcess: async (X, k) =>
        new Toy(k)
          .fit(X, { sampleWeight: Array.from({ length: X.rows }, (_, i) => 1 + (i % 2)) })
          .toJSON(),
    }),
  ],
];

describe('clustererChecks', () => {
  it('a correct clusterer passes every check', async () => {
    expect(Object.fromEntries(await failures(setup()))).toEqual({});
  });

  it('a setup without reload or fitInOtherProcess fails those checks and says why', async () => {
    const failed = await failures({ ...setup(), reload: undefined, fitInOtherProcess: undefined });
    expect(failed.get('deterministic-fresh-module')).toMatch(/no reload/);
    expect(failed.get('deterministic-other-process')).toMatch(/no fitInOtherProcess/);
  });

  it('leaves out the checks that cannot apply: nClusters for one that finds them, weights for one without', () => {
    const found = clustererChecks(setup(undefined, { findsClusters: true })).map((c) => c.check);
    expect(found).not.toContain('rejects-zero-clusters');
    expect(found).not.toContain('rejects-fractional-clusters');
    expect(found).toContain('recovers-separated-clusters');
    const unweighted = clustererChecks(setup(undefined, { sampleWeight: false })).map(
      (c) => c.check,
    );
    expect(unweighted).not.toContain('weight-equals-repetition');
    expect(unweighted).toContain('rejects-bad-weights');
  });

  it('checks only an abort before the fit for a one-pass clusterer (progress: false)', async () => {
    const onePass = setup('ignores-abort', { progress: false });
    const failed = await failures(onePass);
    // The planted defect also ignores an aborted signal before the fit: still caught.
    expect(failed.get('abort')).toMatch(/aborted before the fit/);
  });

  it("leaves out objective-monotone for a clusterer whose objective is 'none'", () => {
    const names = clustererChecks(setup(undefined, { objective: 'none' })).map((c) => c.check);
    expect(names).not.toContain('objective-monotone');
    expect(names).toHaveLength(22);
  });

  for (const [defect, check, s] of planted) {
    it(`detects ${defect} in '${check}'`, async () => {
      const failed = await failures(s);
      expect(failed.has(check), `failed: ${[...failed.keys()].join(', ')}`).toBe(true);
      expect(failed.get(check)).toContain(`[${check}]`);
    });
  }
});
