import { AbortedError, createMatrix } from '@mixkit/core';
import { adjustedRandIndex } from '@mixkit/metrics';
import {
  type FamilyCall,
  MockComponentFamily,
  pooledVarianceGaussianFamily,
  type UnitGaussianParams,
  unitGaussianFamily,
} from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { means, threeBlobs } from '../../test/helpers.js';
import { fitMixture } from './fitMixture.js';
import { fitMixtureAsync } from './fitMixtureAsync.js';
import { iterateEm } from './iterateEm.js';
import { Mixture } from './mixture.js';

const { X, labels } = threeBlobs();

describe('fitMixture with k copies of one family', () => {
  it('recovers well separated blobs (adjusted Rand index > 0.95)', () => {
    const model = fitMixture(X, { family: unitGaussianFamily, nClusters: 3, random: 1 });
    expect(model.diagnostics.converged).toBe(true);
    expect(adjustedRandIndex(labels, model.predict(X))).toBeGreaterThan(0.95);
  });

  it('fit-then-predict on the training data equals fitPredict', () => {
    const mixture = new Mixture({ family: unitGaussianFamily, nClusters: 3, init: 'random' });
    expect(mixture.fitPredict(X, { random: 5 })).toEqual(mixture.fit(X, { random: 5 }).predict(X));
  });
});

describe('the runner drives families only through their hooks', () => {
  it('calls validate once, then per iteration one pass per shard (fresh statistics, logDensity then accumulate per block, offset c stride k), the shards merged in order, and one estimate per component', () => {
    const family = new MockComponentFamily();
    const k = 2;
    const blockSize = 64; // 150 rows: blocks [0,64) [64,128) [128,150)
    fitMixture(X, {
      family,
      nClusters: k,
      init: 'random-from-data',
      maxIterations: 2,
      tolerance: 0,
      blockSize,
    });
    const calls = family.calls;
    expect(calls[0]).toEqual({ member: 'validate' });
    expect(calls.filter((call) => call.member === 'validate')).toHaveLength(1);
    // After the initial M-step (the first k estimates) come the iterations.
    let position = calls.findIndex(
      (call, i) => i > 0 && calls[i - 1].member === 'estimate' && call.member !== 'estimate',
    );
    const take = (): FamilyCall => calls[position++];
    const blocks = [
      [0, 64],
      [64, 128],
      [128, 150],
    ] as const;
    for (let iteration = 0; iteration < 2; iteration++) {
      // 150 rows make one shard: its statistics start empty.
      for (let c = 0; c < k; c++) expect(take()).toMatchObject({ member: 'createStats' });
      for (const [start, end] of blocks) {
        for (let c = 0; c < k; c++) {
          expect(take()).toMatchObject({ member: 'logDensity', start, end, offset: c, stride: k });
        }
        for (let c = 0; c < k; c++) {
          expect(take()).toMatchObject({ member: 'accumulate', start, end, offset: c, stride: k });
        }
      }
      // The reduce: the fit's statistics emptied, then the shard's merged in.
      for (let c = 0; c < k; c++) expect(take()).toMatchObject({ member: 'scale', value: 0 });
      for (let c = 0; c < k; c++) expect(take()).toMatchObject({ member: 'merge' });
      for (let c = 0; c < k; c++) expect(take()).toMatchObject({ member: 'estimate' });
    }
    // The final E-step scores only.
    for (const [start, end] of blocks) {
      for (let c = 0; c < k; c++)
        expect(take()).toMatchObject({ member: 'logDensity', start, end });
    }
    expect(position).toBe(calls.length);
  });

  it('hands accumulate the parameters its E-step weighted the rows with (none at initialisation)', () => {
    const family = new MockComponentFamily();
    fitMixture(X, {
      family,
      nClusters: 2,
      init: 'random-from-data',
      maxIterations: 2,
      tolerance: 0,
    });
    const calls = family.calls;
    let current: number[] = [];
    let seenEstimates = 0;
    let checked = 0;
    const logDensityParams: number[] = [];
    for (const call of calls) {
      if (call.member === 'estimate' && typeof call.params === 'number') {
        current.push(call.params);
        seenEstimates += 1;
        if (current.length > 2) current = current.slice(-2);
      } else if (call.member === 'logDensity' && typeof call.params === 'number') {
        logDensityParams.push(call.params);
      } else if (call.member === 'accumulate') {
        if (seenEstimates === 0) {
          // The initial M-step from a hard assignment has no parameters to pass.
          expect(call.params).toBeUndefined();
        } else {
          // Component c's accumulate gets the very handle its logDensity scored the block with.
          expect(call.params).toBe(current[call.offset ?? -1]);
          expect(logDensityParams).toContain(call.params);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("hands each M-step the component's previous parameters (none at initialisation)", () => {
    const family = new MockComponentFamily();
    fitMixture(X, {
      family,
      nClusters: 2,
      init: 'random-from-data',
      maxIterations: 3,
      tolerance: 0,
    });
    const estimates = family.calls.filter((call) => call.member === 'estimate');
    // Initialisation: 2 estimates without previous parameters; then 3 iterations x 2 components.
    expect(estimates).toHaveLength(8);
    expect(estimates.slice(0, 2).map((call) => call.previous)).toEqual([undefined, undefined]);
    for (let i = 2; i < estimates.length; i++) {
      // Component c's previous parameters are what its last M-step returned.
      expect(estimates[i].previous).toBe(estimates[i - 2].params);
    }
  });

  it('skips accumulate for a component with no responsibility in a block', () => {
    // Two blobs 1000 apart, rows grouped by blob, blocks of 50 rows: each block is one blob.
    const far = createMatrix(
      100,
      1,
      Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1000) + Math.sin(i)),
    );
    const family = new MockComponentFamily();
    const init = {
      kind: 'labels',
      labels: Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 1)),
    } as const;
    fitMixture(far, { family, nClusters: 2, init, maxIterations: 1, tolerance: 0, blockSize: 50 });
    const iteration = family.callsTo('accumulate').slice(2); // after the initial M-step's two
    expect(iteration.map((call) => [call.start, call.offset])).toEqual([
      [0, 0],
      [50, 1],
    ]);
  });

  it('never looks inside parameters or statistics (fit, predict, sample, criteria, JSON)', () => {
    const family = new MockComponentFamily();
    const model = fitMixture(X, { family, nClusters: 3, nInit: 2, random: 3 });
    model.predictProba(X);
    model.sample(20, 1);
    model.bic(X);
    model.icl(X);
    JSON.stringify(model.toJSON());
    expect(family.calls.length).toBeGreaterThan(100);
    expect(family.internalAccesses).toEqual([]);
  });

  it('uses estimateAll once per iteration for a family that has it, with its components in mixture order', () => {
    const pooled = new MockComponentFamily({ inner: pooledVarianceGaussianFamily() });
    const single = new MockComponentFamily();
    const model = fitMixture(X, {
      components: [pooled, single, pooled],
      init: 'random-from-data',
      maxIterations: 3,
      tolerance: 0,
    });
    expect(pooled.callsTo('estimate')).toHaveLength(0);
    const groupCalls = pooled.callsTo('estimateAll');
    expect(groupCalls).toHaveLength(4); // initial M-step + 3 iterations
    for (const call of groupCalls) expect(call.stats).toHaveLength(2);
    expect(single.callsTo('estimate')).toHaveLength(4);
    expect(single.callsTo('estimateAll')).toHaveLength(0);
    const variances = [0, 2].map(
      (c) => (pooled.unwrap(model.params[c] as never) as { variance: number }).variance,
    );
    expect(variances[0]).toBe(variances[1]);
  });
});

describe('the objective', () => {
  it.each([
    ['random', 1],
    ['random', 2],
    ['random-from-data', 3],
    ['k-means', 4],
  ] as const)('never decreases under exact EM (init %s, seed %i)', (init, seed) => {
    for (const family of [unitGaussianFamily, pooledVarianceGaussianFamily(0)]) {
      const model = fitMixture(X, {
        family,
        nClusters: 4,
        init,
        random: seed,
        tolerance: 0,
        maxIterations: 60,
      });
      const history = model.diagnostics.objective;
      expect(history).toHaveLength(60);
      for (let t = 1; t < history.length; t++) {
        expect(history[t] - history[t - 1]).toBeGreaterThanOrEqual(-1e-12 * Math.abs(history[t]));
      }
      // Re-seeding during iterations would break monotonicity; at initialisation it may not.
      const duringIterations = model.diagnostics.warnings.filter(
        (w) =>
          (w.kind === 'empty-component' || w.kind === 'degenerate-component') && w.iteration > 0,
      );
      expect(duringIterations).toEqual([]);
    }
  });

  it('is the mean log-likelihood per sample of the parameters each iteration starts from', () => {
    const steps = iterateEm(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      init: 'random',
      tolerance: 0,
      maxIterations: 3,
    });
    let previous: { params: readonly UnitGaussianParams[]; logWeights: Float64Array } | undefined;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (previous) {
        const rebuilt = fitMixture(X, {
          family: unitGaussianFamily,
          nClusters: 3,
          init: {
            kind: 'params',
            params: previous.params,
            weights: previous.logWeights.map(Math.exp),
          },
          maxIterations: 0,
        });
        expect(step.value.objective).toBeCloseTo(rebuilt.score(X), 12);
      }
      previous = {
        params: [...step.value.params],
        logWeights: Float64Array.from(step.value.logWeights),
      };
    }
  });

  it("hands out each step's model: its score is the objective the next iteration starts from", () => {
    const steps = iterateEm(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      init: 'random',
      tolerance: 0,
      maxIterations: 4,
      random: 3,
    });
    const models = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      if (models.length > 0) expect(models.at(-1)!.score(X)).toBe(step.value.objective);
      models.push(step.value.model());
    }
    expect(models).toHaveLength(4);
    // The last step's model is the fitted one, and earlier models kept their own state.
    expect(models[3].scoreSamples(X)).toEqual(step.value.scoreSamples(X));
    expect(models[0].params[0].mean).not.toEqual(models[3].params[0].mean);
    expect(models[2].diagnostics.objective).toHaveLength(3);
  });

  it('converges when |change| < tolerance, checked after the M-step as in scikit-learn', () => {
    const model = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      init: 'random',
      tolerance: 1e-6,
    });
    const history = model.diagnostics.objective;
    const n = history.length;
    expect(model.diagnostics.converged).toBe(true);
    expect(model.diagnostics.iterations).toBe(n);
    expect(Math.abs(history[n - 1] - history[n - 2])).toBeLessThan(1e-6);
    expect(Math.abs(history[n - 2] - history[n - 3])).toBeGreaterThanOrEqual(1e-6);
  });

  it('with tolerance 0 runs exactly maxIterations and reports not-converged', () => {
    const model = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      tolerance: 0,
      maxIterations: 7,
    });
    expect(model.diagnostics.iterations).toBe(7);
    expect(model.diagnostics.converged).toBe(false);
    expect(model.diagnostics.warnings).toEqual([
      { kind: 'not-converged', restart: 0, iterations: 7 },
    ]);
  });

  it('maxIterations 0 initialises only: no iteration, no warning, the initial M-step parameters', () => {
    const labelsInit = { kind: 'labels', labels } as const;
    const model = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      init: labelsInit,
      maxIterations: 0,
    });
    expect(model.diagnostics.iterations).toBe(0);
    expect(model.diagnostics.objective).toEqual([]);
    expect(model.diagnostics.warnings).toEqual([]);
    for (let c = 0; c < 3; c++) {
      const rows = Array.from(labels.keys()).filter((i) => labels[i] === c);
      const mean = [0, 1].map((j) => rows.reduce((s, i) => s + X.data[i * 2 + j], 0) / rows.length);
      means(model.params)[c].forEach((v, j) => {
        expect(v).toBeCloseTo(mean[j], 12);
      });
    }
  });
});

describe('randomness and restarts', () => {
  it('repeats a seeded run bit for bit, call for call', () => {
    const run = (seed: number) => {
      const family = new MockComponentFamily();
      const model = fitMixture(X, {
        family,
        nClusters: 3,
        init: 'random',
        nInit: 3,
        random: seed,
      });
      return { model, calls: family.calls, params: JSON.stringify(model.toJSON()) };
    };
    const a = run(11);
    const b = run(11);
    expect(b.calls).toEqual(a.calls);
    expect(b.params).toBe(a.params);
    expect(b.model.diagnostics).toEqual(a.model.diagnostics);
    expect(run(12).params).not.toBe(a.params);
  });

  it('keeps the restart with the best final objective and reports every restart', () => {
    const model = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 5,
      init: 'random-from-data',
      nInit: 4,
      random: 2,
    });
    const { restartObjectives, bestRestart } = model.diagnostics;
    expect(restartObjectives).toHaveLength(4);
    expect(restartObjectives[bestRestart]).toBe(Math.max(...restartObjectives));
    expect(model.score(X)).toBeCloseTo(restartObjectives[bestRestart], 12);
  });

  it('gives each restart its own split of the random source', () => {
    const many = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 5,
      init: 'random',
      nInit: 3,
      random: 9,
    });
    const objectives = many.diagnostics.restartObjectives;
    expect(new Set(objectives).size).toBe(3);
  });
});

describe('progress, stepping and cancellation', () => {
  it('calls onIteration once per iteration of every restart', () => {
    const seen: string[] = [];
    const model = fitMixture(X, {
      family: unitGaussianFamily,
      nClusters: 3,
      nInit: 2,
      tolerance: 0,
      maxIterations: 3,
      onIteration: (p) => seen.push(`${p.restart}:${p.iteration}`),
    });
    expect(seen).toEqual(['0:1', '0:2', '0:3', '1:1', '1:2', '1:3']);
    expect(model.diagnostics.iterations).toBe(3);
  });

  it('iterateEm can be stepped and stopped early', () => {
    const steps = iterateEm(X, { family: unitGaussianFamily, nClusters: 3, tolerance: 0 });
    const first = steps.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ restart: 0, iteration: 1, change: Infinity });
    expect(steps.return(undefined as never).done).toBe(true);
  });

  it('fitMixtureAsync gives the same model as fitMixture, bit for bit', async () => {
    const options = {
      family: unitGaussianFamily,
      nClusters: 3,
      init: 'random',
      nInit: 2,
      random: 4,
    } as const;
    const sync = fitMixture(X, options);
    const async = await fitMixtureAsync(X, options);
    expect(JSON.stringify(async.toJSON())).toBe(JSON.stringify(sync.toJSON()));
  });

  it('fitMixtureAsync stops with AbortedError when AbortSignal.timeout fires', async () => {
    const big = createMatrix(
      2000,
      2,
      Float64Array.from({ length: 4000 }, (_, i) => Math.sin(i)),
    );
    const fit = fitMixtureAsync(big, {
      family: unitGaussianFamily,
      nClusters: 3,
      tolerance: 0,
      maxIterations: 1_000_000,
      signal: AbortSignal.timeout(20),
    });
    await expect(fit).rejects.toSatisfy((error) => AbortedError.isInstance(error));
  });

  it('fitMixture stops when the signal aborts between iterations', () => {
    const controller = new AbortController();
    const fit = () =>
      fitMixture(X, {
        family: unitGaussianFamily,
        nClusters: 3,
        tolerance: 0,
        signal: controller.signal,
        onIteration: (p) => {
          if (p.iteration === 2) controller.abort();
        },
      });
    expect(fit).toThrow(AbortedError);
  });
});
