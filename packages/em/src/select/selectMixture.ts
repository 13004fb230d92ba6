import type { MatrixInput } from '@mixkit/core';
import { fitMixture } from '../run/fitMixture.js';
import { type CandidateFit, SelectionRun } from './selectionRun.js';
import type { MixtureSelection, SelectMixtureOptions } from './selectionTypes.js';

/**
 * Fits every candidate mixture (explicit `candidates` and/or a `grid` of families × numbers of
 * components, any families, e.g. the four Gaussian covariance types or Poisson against
 * Gaussian on counts) with the same EM settings, scores each on the data by BIC, AIC and ICL
 * (from the families' free-parameter counts), and returns the table with the model that
 * minimises `criterion`, as mclust's `Mclust` does for Gaussians. A seed is given to every
 * candidate as is (each fit repeats alone); a `RandomSource` is split per candidate. A
 * candidate that cannot be fitted to the data is a table row with its `failure`.
 * `signal` and `onIteration` are passed to every fit; `onCandidate` follows each candidate.
 */
export function selectMixture(X: MatrixInput, options: SelectMixtureOptions): MixtureSelection {
  const run = new SelectionRun(X, options);
  for (const candidate of run.candidates) {
    const fitOptions = run.fitOptions(candidate);
    let fit: CandidateFit;
    try {
      fit = { model: fitMixture(run.data, fitOptions) };
    } catch (error) {
      fit = { error };
    }
    run.record(candidate, fit);
  }
  return run.result();
}
