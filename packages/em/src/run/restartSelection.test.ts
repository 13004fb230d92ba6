import type { FitWarning } from '@mixkit/core';
import { unitGaussianFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import type { EmRestartResult } from './emStep.js';
import { RestartSelection } from './restartSelection.js';

function restartResult(finalObjective: number, warnings: FitWarning[] = []): EmRestartResult {
  return {
    params: [{ tag: finalObjective }],
    logWeights: new Float64Array([0]),
    finalObjective,
    objective: [finalObjective - 1, finalObjective],
    converged: finalObjective > -2,
    iterations: 2,
    warnings,
  };
}

describe('RestartSelection', () => {
  it('keeps the restart with the highest final objective and the first of a tie', () => {
    const selection = new RestartSelection();
    const results = [restartResult(-3), restartResult(-1), restartResult(-2), restartResult(-1)];
    for (const [restart, result] of results.entries()) selection.add(restart, result);
    const model = selection.model([unitGaussianFamily], 1);
    expect(model.diagnostics.bestRestart).toBe(1);
    expect(model.diagnostics.restartObjectives).toEqual([-3, -1, -2, -1]);
    expect(model.diagnostics.objective).toEqual([-2, -1]);
    expect(model.diagnostics.converged).toBe(true);
    expect(model.params).toEqual(results[1].params);
  });

  it('reports the warnings of every restart in order, after any pushed while restarts ran', () => {
    const selection = new RestartSelection();
    selection.warnings.push({ kind: 'not-converged', restart: 0, iterations: 5 });
    selection.add(0, restartResult(-1));
    selection.add(1, restartResult(-2, [{ kind: 'not-converged', restart: 1, iterations: 7 }]));
    const model = selection.model([unitGaussianFamily], 1);
    expect(model.diagnostics.warnings).toEqual([
      { kind: 'not-converged', restart: 0, iterations: 5 },
      { kind: 'not-converged', restart: 1, iterations: 7 },
    ]);
    expect(model.diagnostics.bestRestart).toBe(0);
  });
});
