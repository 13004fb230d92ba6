import { DegenerateComponentError, InvalidInputError, type ShardExecutor } from '@mixkit/core';
import {
  type ChunkSource,
  fitMixtureStream,
  type MixtureModel,
  type SelectionRow,
} from '@mixkit/em';
import { aic, bic } from '@mixkit/metrics';
import type { FitSettings } from '../options/fitSettings.js';
import type { Progress } from '../output/createProgress.js';
import type { GridEntry } from './candidateGrid.js';
import { fitFailure, iterationSettings } from './fitInMemory.js';

/** Cells of the leading rows that initialise an out-of-core fit (8 MiB of data). */
const INIT_CELLS = 1 << 20;

/** What a pass over the data under a fitted mixture measures. */
export interface PassMeasures {
  /** Total log-likelihood of the rows. */
  readonly logLikelihood: number;
  /** Entropy of the responsibilities, −Σ r log r over rows and components. */
  readonly entropy: number;
  readonly rows: number;
}

/** A candidate fitted out of core, before a pass over the data has measured it. */
export interface StreamedFit {
  readonly entry: GridEntry;
  readonly model: MixtureModel;
}

/**
 * Fits the grid out of core: each candidate by `fitMixtureStream` of @mixkit/em (exact EM, one
 * pass over `source` per iteration: the spill file, or the data file with `--no-spill`, one chunk in memory at a time), initialised from the
 * leading rows (up to 8 MiB of data, and at least 100 per component). Measuring the models
 * (log-likelihood, entropy) takes another pass each; see `selectionRow`. Each chunk's E-step
 * and accumulation run on `executor` when given (the same bits as in this thread).
 */
export async function fitOutOfCore(
  source: ChunkSource,
  grid: readonly GridEntry[],
  settings: FitSettings,
  cols: number,
  progress: Progress,
  signal?: AbortSignal,
  executor?: ShardExecutor,
): Promise<StreamedFit[]> {
  const shared = iterationSettings(settings);
  const perFit = settings.nInit * Math.max(1, shared.maxIterations);
  const fits: StreamedFit[] = [];
  for (const [index, entry] of grid.entries()) {
    const onIteration = ({ restart, iteration }: { restart: number; iteration: number }) =>
      progress.update(index * perFit + restart * Math.max(1, shared.maxIterations) + iteration);
    try {
      const model = await fitMixtureStream(source, {
        ...shared,
        family: entry.family,
        nClusters: entry.nClusters,
        random: settings.seed,
        initRows: Math.max(100 * entry.nClusters, Math.floor(INIT_CELLS / cols)),
        missing: settings.missing,
        onIteration,
        ...(signal === undefined ? {} : { signal }),
        ...(executor === undefined ? {} : { executor }),
      });
      fits.push({ entry, model });
    } catch (error) {
      if (InvalidInputError.isInstance(error) || DegenerateComponentError.isInstance(error)) {
        throw fitFailure(entry.nClusters, entry.covariance, error.message);
      }
      throw error;
    }
    progress.update((index + 1) * perFit);
  }
  return fits;
}

/**
 * A selection row from a pass's measures, as `selectMixture` computes it: BIC and AIC of
 * @mixkit/metrics, ICL = BIC + 2 · entropy (Biernacki, Celeux & Govaert 2000; the formula of
 * metrics' `icl`, whose entropy here is summed chunk by chunk instead of over one n x k matrix).
 */
export function selectionRow(
  entry: { readonly name: string; readonly nClusters: number },
  model: MixtureModel,
  measures: PassMeasures,
): SelectionRow {
  const p = model.nParameters();
  const bicValue = bic(measures.logLikelihood, p, measures.rows);
  return {
    name: entry.name,
    nClusters: entry.nClusters,
    logLikelihood: measures.logLikelihood,
    nParameters: p,
    bic: bicValue,
    aic: aic(measures.logLikelihood, p),
    icl: bicValue + 2 * measures.entropy,
    converged: model.diagnostics.converged,
    iterations: model.diagnostics.iterations,
  };
}
