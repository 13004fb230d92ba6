import type { MatrixInput } from '@mixkit/core';
import { fitMixtureAsync } from '../run/fitMixtureAsync.js';
import { type CandidateFit, SelectionRun } from './selectionRun.js';
import type { MixtureSelection, SelectMixtureOptions } from './selectionTypes.js';

/**
 * `selectMixture` with every fit run by `fitMixtureAsync` (yielding to the event loop between
 * iterations), so `AbortSignal.timeout(ms)` can stop a long grid. Same result, bit for bit.
 */
export async function selectMixtureAsync(
  X: MatrixInput,
  options: SelectMixtureOptions,
): Promise<MixtureSelection> {
  const run = new SelectionRun(X, options);
  for (const candidate of run.candidates) {
    const fitOptions = run.fitOptions(candidate);
    let fit: CandidateFit;
    try {
      fit = { model: await fitMixtureAsync(run.data, fitOptions) };
    } catch (error) {
      fit = { error };
    }
    run.record(candidate, fit);
  }
  return run.result();
}
