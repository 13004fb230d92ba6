import type { FitWarning } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { RestartProgress } from './restartProgress.js';

const noParams: unknown[] = [];
const logWeights = new Float64Array(0);

/** Drives a progress through the given objectives the way the runners do. */
function drive(progress: RestartProgress, objectives: readonly number[]): number[] {
  const changes: number[] = [];
  while (progress.next()) {
    const step = progress.record(objectives[progress.iteration - 1], noParams, logWeights);
    changes.push(step.change);
  }
  return changes;
}

const parts = { families: [], d: 1 };

describe('RestartProgress', () => {
  it('stops at the first iteration whose objective changed by less than tolerance, and does not warn', () => {
    const progress = new RestartProgress({ maxIterations: 10, tolerance: 0.1 }, 2, parts);
    const changes = drive(progress, [-3, -2, -1.95, -1.9, -1.85]);
    expect(changes).toEqual([Number.POSITIVE_INFINITY, 1, Math.abs(-1.95 - -2)]);
    expect(progress.converged).toBe(true);
    expect(progress.iteration).toBe(3);
    const warnings: FitWarning[] = [];
    progress.finish(warnings);
    expect(warnings).toEqual([]);
    const result = progress.result([], logWeights, -1.9, warnings);
    expect(result).toMatchObject({ objective: [-3, -2, -1.95], converged: true, iterations: 3 });
  });

  it('yields steps numbered from 1 with the restart, objective and a snapshot of the parameters', () => {
    const progress = new RestartProgress({ maxIterations: 1, tolerance: 0 }, 4, parts);
    expect(progress.next()).toBe(true);
    const params = [{ mean: 1 }, { mean: 2 }];
    const weights = Float64Array.of(Math.log(0.25), Math.log(0.75));
    const step = progress.record(-5, params, weights);
    expect(step).toMatchObject({
      restart: 4,
      iteration: 1,
      objective: -5,
      change: Number.POSITIVE_INFINITY,
      params,
      logWeights: weights,
    });
    // The runner replaces entries and overwrites weights in place on the next M-step.
    params[0] = { mean: 9 };
    weights[0] = 0;
    expect(step.params[0]).toEqual({ mean: 1 });
    expect(step.logWeights[0]).toBe(Math.log(0.25));
    expect(progress.next()).toBe(false);
  });

  it('warns not-converged with the restart and iteration count when maxIterations runs out', () => {
    const progress = new RestartProgress({ maxIterations: 3, tolerance: 0.01 }, 1, parts);
    drive(progress, [-3, -2, -1]);
    expect(progress.converged).toBe(false);
    const warnings: FitWarning[] = [];
    progress.finish(warnings);
    expect(warnings).toEqual([{ kind: 'not-converged', restart: 1, iterations: 3 }]);
  });

  it('with maxIterations 0 runs no iteration and does not warn (initialise only)', () => {
    const progress = new RestartProgress({ maxIterations: 0, tolerance: 1 }, 0, parts);
    expect(drive(progress, [])).toEqual([]);
    const warnings: FitWarning[] = [];
    progress.finish(warnings);
    expect(warnings).toEqual([]);
    expect(progress.result([], logWeights, -1, warnings)).toMatchObject({
      objective: [],
      converged: false,
      iterations: 0,
    });
  });

  it('does not count a change exactly equal to tolerance as converged (strict <, as scikit-learn)', () => {
    const progress = new RestartProgress({ maxIterations: 5, tolerance: 1 }, 0, parts);
    expect(drive(progress, [-3, -2, -1.5, -1.4])).toEqual([Number.POSITIVE_INFINITY, 1, 0.5]);
    expect(progress.iteration).toBe(3);
  });

  it('never converges on a NaN objective (|NaN| < tolerance is false)', () => {
    const progress = new RestartProgress({ maxIterations: 2, tolerance: 1 }, 0, parts);
    drive(progress, [Number.NaN, Number.NaN]);
    expect(progress.converged).toBe(false);
    expect(progress.iteration).toBe(2);
  });
});
