import { AbortedError, type ComponentFamily, InvalidInputError, type Matrix } from '@mixkit/core';
import { loadFaithful } from '@mixkit/datasets';
import { gaussianFull } from '@mixkit/distributions';
import { adjustedRandIndex } from '@mixkit/metrics';
import {
  gaussianBlobs,
  MockComponentFamily,
  type UnitGaussianParams,
  type UnitGaussianStats,
  unitGaussianFamily,
} from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { logJoint } from '../../test/helpers.js';
import type { EmStep } from './emStep.js';
import { fitMixture } from './fitMixture.js';
import { fitMixtureAsync } from './fitMixtureAsync.js';
import { iterateEm } from './iterateEm.js';

/** Σᵢ maxₖ (log πₖ + log fₖ(xᵢ)) / n, the textbook way, for checking CEM's objective. */
function classificationLogLikelihood(
  families: readonly ComponentFamily<unknown, unknown>[],
  params: readonly unknown[],
  logWeights: Float64Array,
  X: Matrix,
): number {
  const joint = logJoint(families, params, logWeights.map(Math.exp), X);
  return joint.reduce((sum, row) => sum + Math.max(...row), 0) / X.rows;
}

/** Every step of a fit, with copies of the parameters it yielded. */
function steps(X: Matrix, options: Parameters<typeof iterateEm>[1]) {
  const out: { objective: number; params: unknown[]; logWeights: Float64Array }[] = [];
  const run = iterateEm(X, options);
  for (;;) {
    const next = run.next();
    if (next.done) return { steps: out, model: next.value };
    const step: EmStep = next.value;
    out.push({
      objective: step.objective,
      params: [...step.params],
      logWeights: Float64Array.from(step.logWeights),
    });
  }
}

describe("classification EM (estep: 'hard')", () => {
  it('gives the same partition as batch EM on well separated data (ARI = 1)', () => {
    const { X, labels } = gaussianBlobs({
      centers: [
        [0, 0],
        [8, 0],
        [0, 8],
        [8, 8],
      ],
      size: [60, 90, 40, 70],
      seed: 3,
    });
    const options = { family: gaussianFull(), nClusters: 4, random: 2 } as const;
    const soft = fitMixture(X, options);
    const hard = fitMixture(X, { ...options, estep: 'hard' });
    expect(hard.diagnostics.converged).toBe(true);
    expect(adjustedRandIndex(soft.predict(X), hard.predict(X))).toBe(1);
    expect(adjustedRandIndex(labels, hard.predict(X))).toBe(1);
  });

  it('never decreases the classification log-likelihood, which is its objective', () => {
    // Overlapping blobs and an exact M-step (unit-variance Gaussians: no regularisation).
    const { X } = gaussianBlobs({
      centers: [
        [0, 0],
        [2, 0],
        [1, 2],
      ],
      size: 80,
      seed: 5,
    });
    for (const seed of [1, 2, 3, 4]) {
      const run = steps(X, {
        family: unitGaussianFamily,
        nClusters: 3,
        init: 'random',
        estep: 'hard',
        random: seed,
        tolerance: 0,
        maxIterations: 30,
      });
      const trace = run.steps.map((s) => s.objective);
      for (let i = 1; i < trace.length; i++) {
        expect(trace[i]).toBeGreaterThanOrEqual(trace[i - 1] - 1e-12 * Math.abs(trace[i - 1]));
      }
      // Iteration i's objective scores the parameters of iteration i - 1's M-step.
      const families = [unitGaussianFamily, unitGaussianFamily, unitGaussianFamily] as const;
      for (let i = 1; i < run.steps.length; i++) {
        const previous = run.steps[i - 1];
        const expected = classificationLogLikelihood(
          families as unknown as ComponentFamily<unknown, unknown>[],
          previous.params,
          previous.logWeights,
          X,
        );
        expect(run.steps[i].objective).toBeCloseTo(expected, 12);
      }
      // The model's labels are the last C-step's: fit(X).predict(X) is CEM's partition.
      const model = run.model;
      const final = classificationLogLikelihood(
        families as unknown as ComponentFamily<unknown, unknown>[],
        model.params,
        model.logWeights,
        X,
      );
      expect(model.diagnostics.restartObjectives[0]).toBeCloseTo(final, 12);
    }
  });

  it('never decreases on Old Faithful with full covariances (regCovar 0)', () => {
    const { X } = loadFaithful();
    const run = steps(X, {
      family: gaussianFull({ regCovar: 0 }),
      nClusters: 3,
      estep: 'hard',
      random: 11,
      tolerance: 0,
      maxIterations: 40,
    });
    const trace = run.steps.map((s) => s.objective);
    expect(run.model.diagnostics.warnings.filter((w) => w.kind !== 'not-converged')).toEqual([]);
    for (let i = 1; i < trace.length; i++) {
      expect(trace[i]).toBeGreaterThanOrEqual(trace[i - 1] - 1e-12 * Math.abs(trace[i - 1]));
    }
    expect(trace.at(-1)!).toBeGreaterThan(trace[0]);
  });

  it('hands the families one-hot weights through the same hooks as soft EM', () => {
    const { X } = gaussianBlobs({
      centers: [
        [0, 0],
        [3, 0],
      ],
      size: 50,
      seed: 1,
    });
    const seen = new Set<number>();
    const recording: ComponentFamily<UnitGaussianParams, UnitGaussianStats> = {
      ...unitGaussianFamily,
      accumulate(stats, data, start, end, weights, offset, stride) {
        for (let i = start; i < end; i++) seen.add(weights[offset + (i - start) * stride]);
        return unitGaussianFamily.accumulate(stats, data, start, end, weights, offset, stride);
      },
    };
    // Initial labels are one-hot too, so every accumulate call sees weights 0 or 1 only.
    fitMixture(X, {
      family: recording,
      nClusters: 2,
      estep: 'hard',
      init: { kind: 'labels', labels: Int32Array.from({ length: 100 }, (_, i) => i % 2) },
    });
    expect([...seen].sort()).toEqual([0, 1]);

    const members = (estep: 'soft' | 'hard') => {
      const family = new MockComponentFamily();
      fitMixture(X, {
        family,
        nClusters: 2,
        estep,
        init: 'random-from-data',
        maxIterations: 3,
        tolerance: 0,
      });
      expect(family.internalAccesses).toEqual([]);
      return family.calls.map((call) => call.member);
    };
    expect(members('hard')).toEqual(members('soft'));
  });

  it("rejects an unknown estep with a typed error naming 'estep'", () => {
    const { X } = gaussianBlobs({ centers: [[0]], size: 5 });
    const bad = () =>
      fitMixture(X, {
        family: unitGaussianFamily,
        nClusters: 1,
        estep: 'fuzzy' as unknown as 'hard',
      });
    expect(bad).toThrow(InvalidInputError);
    expect(bad).toThrow(/estep/);
  });

  it('reports its classification objective to onIteration and stops on abort', async () => {
    const { X } = loadFaithful();
    const seen: number[] = [];
    const model = fitMixture(X, {
      family: gaussianFull(),
      nClusters: 2,
      estep: 'hard',
      onIteration: (step) => seen.push(step.objective),
    });
    expect(seen).toEqual(model.diagnostics.objective);
    const controller = new AbortController();
    const options = {
      family: gaussianFull(),
      nClusters: 3,
      estep: 'hard',
      tolerance: 0,
      signal: controller.signal,
      onIteration: (step: { iteration: number }) => {
        if (step.iteration === 2) controller.abort();
      },
    } as const;
    expect(() => fitMixture(X, options)).toThrow(AbortedError);
    await expect(fitMixtureAsync(X, { ...options, signal: AbortSignal.abort() })).rejects.toThrow(
      AbortedError,
    );
  });
});
