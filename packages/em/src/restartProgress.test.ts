import type { FitWarning } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { RestartProgress } from './restartProgress.js';

const noParams: unknown[] = [];
const logWeights = new Float64Array(0);

/** Drives a progress through the given objectives the way the runners do. */
function drive(progress: RestartProgress, objectives: readonly number[]): number[] {
  const changes: number[] = [];
  while (progress.next()) {
    const step = progress.record(objectives[progress.iteration - 1]!, noParams, logWeights);
    changes.push(step.change);
  }
  return changes;
}

describe('RestartProgress', () => {
  it('stops at the first iteration whose objective changed by less than tol, and does not warn', () => {
    const progress = new RestartProgress({ maxIterations: 10, tol: 0.1 }, 2);
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

  it('yields steps numbered from 1 with the restart, objective and the runner-owned parameters', () => {
    const progress = new RestartProgress({ maxIterations: 1, tol: 0 }, 4);
    expect(progress.next()).toBe(true);
    const step = progress.record(-5, noParams, logWeights);
    expect(step).toEqual({
      restart: 4,
      iteration: 1,
      objective: -5,
      change: Number.POSITIVE_INFINITY,
      params: noParams,
      logWeights,
    });
    expect(step.params).toBe(noParams);
    expect(progress.next()).toBe(false);
  });

  it('warns not-converged with the restart and iteration count when maxIterations runs out', () => {
    const progress = new RestartProgress({ maxIterations: 3, tol: 0.01 }, 1);
    drive(progress, [-3, -2, -1]);
    expect(progress.converged).toBe(false);
    const warnings: FitWarning[] = [];
    progress.finish(warnings);
    expect(warnings).toEqual([{ kind: 'not-converged', restart: 1, iterations: 3 }]);
  });

  it('with maxIterations 0 runs no iteration and does not warn (initialise only)', () => {
    const progress = new RestartProgress({ maxIterations: 0, tol: 1 }, 0);
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

  it('does not count a change exactly equal to tol as converged (strict <, as scikit-learn)', () => {
    const progress = new RestartProgress({ maxIterations: 5, tol: 1 }, 0);
    expect(drive(progress, [-3, -2, -1.5, -1.4])).toEqual([Number.POSITIVE_INFINITY, 1, 0.5]);
    expect(progress.iteration).toBe(3);
  });

  it('never converges on a NaN objective (|NaN| < tol is false)', () => {
    const progress = new RestartProgress({ maxIterations: 2, tol: 1 }, 0);
    drive(progress, [Number.NaN, Number.NaN]);
    expect(progress.converged).toBe(false);
    expect(progress.iteration).toBe(2);
  });
});
