import type { FitWarning } from '@mixkit/core';
import type { CenteredRun } from './iterateCenters.js';
import type { KMeansData } from './kmeansData.js';
import { KMeansModel } from './kmeansModel.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';

/**
 * Keeps the best of a fit's restarts, added in restart order: the lowest inertia, the first on
 * a tie (scikit-learn's `inertia < best_inertia`), and what the diagnostics report about all.
 * Whether the restarts ran one after the other or in parallel, the same order gives the same
 * winner.
 */
export class KMeansRestarts {
  private readonly restartObjectives: number[] = [];
  private readonly warnings: FitWarning[] = [];
  private best: CenteredRun | undefined;
  private bestRestart = 0;
  private distanceComputations = 0;

  /** `toUnits` turns an inertia of the prepared data into the units of the data as given. */
  constructor(private readonly toUnits: (value: number) => number) {}

  /** Adds restart `restart`'s run (its labels are copied: a session reuses its buffer). */
  add(restart: number, run: CenteredRun): void {
    this.restartObjectives.push(this.toUnits(run.inertia));
    this.warnings.push(...run.warnings);
    this.distanceComputations += run.distanceComputations;
    if (this.best === undefined || run.inertia < this.best.inertia) {
      this.best = { ...run, labels: run.labels.slice() };
      this.bestRestart = restart;
    }
  }

  /** The model of the best restart (call after at least one `add`). */
  model(data: KMeansData, algorithm: ResolvedKMeansAlgorithm): KMeansModel {
    const best = this.best;
    if (best === undefined) throw new Error('unreachable: nInit >= 1');
    return new KMeansModel({
      centeredCenters: best.centers,
      frame: data.frame,
      labels: best.labels,
      inertia: this.toUnits(best.inertia),
      iterations: best.iterations,
      converged: best.converged,
      algorithm,
      distanceComputations: this.distanceComputations,
      diagnostics: {
        converged: best.converged,
        iterations: best.iterations,
        objective: best.objective.map(this.toUnits),
        bestRestart: this.bestRestart,
        restartObjectives: this.restartObjectives,
        warnings: this.warnings,
      },
    });
  }
}
