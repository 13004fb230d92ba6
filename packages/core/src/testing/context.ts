import type { ClusteringModel, SoftClusteringModel } from '../clusterer.js';
import type { Matrix } from '../matrix.js';
import type { FitOptions } from '../options.js';
import { createRandom } from '../random.js';
import { takeRows } from '../takeRows.js';
import { BatteryError, firstNaN } from './compare.js';
import { gaussianBlobs, permutation } from './data.js';
import type { ClustererSetup, LabelledData } from './types.js';

/** What every check reads: the setup, its data (made once, lazily) and a seeded fit. */
export class BatteryContext {
  readonly rows: number;
  readonly nClusters: number;
  readonly seed: number;
  private separatedData: LabelledData | undefined;
  private overlappingData: LabelledData | undefined;

  constructor(
    readonly setup: ClustererSetup,
    /** Resets the module registry before `setup.reload` (vitest's `vi.resetModules`). */
    readonly resetModules: () => void,
  ) {
    this.rows = setup.rows ?? 90;
    this.nClusters = setup.nClusters ?? 3;
    this.seed = setup.seed ?? 7;
  }

  /** Well-separated data with its true labels. */
  get separated(): LabelledData {
    this.separatedData ??= this.make('separated');
    return this.separatedData;
  }

  /** Overlapping data, on which fits iterate a while. */
  get overlapping(): LabelledData {
    this.overlappingData ??= this.make('overlapping');
    return this.overlappingData;
  }

  /** Fits `setup.create(nClusters)` on X with the battery's seed and the given options. */
  fit(X: Matrix, options: FitOptions = {}, nClusters = this.nClusters): ClusteringModel {
    return this.setup.create(nClusters).fit(X, { random: this.seed, ...options });
  }

  get soft(): boolean {
    return this.setup.soft ?? false;
  }

  get weighted(): boolean {
    return this.setup.sampleWeight ?? true;
  }

  /** Whether the clusterer finds the number of clusters itself (labels may be NOISE). */
  get findsClusters(): boolean {
    return this.setup.findsClusters ?? false;
  }

  /**
   * The maker's data with its rows in a random order (and the labels with them), so that no
   * clusterer can pass by labelling rows by their position (makers usually put row i in
   * cluster i mod k).
   */
  private make(separation: 'separated' | 'overlapping'): LabelledData {
    const maker = this.setup.data ?? gaussianBlobs;
    const random = createRandom(this.seed + (separation === 'separated' ? 0 : 1));
    const made = maker({ rows: this.rows, nClusters: this.nClusters, separation, random });
    const order = permutation(made.X.rows, random);
    return {
      X: takeRows(made.X, order),
      labels: Int32Array.from(order, (i) => made.labels[i] ?? -1),
    };
  }
}

/** The model as soft, when the setup says it is; throws a BatteryError when it lacks the members. */
export function softModel(check: string, model: ClusteringModel): SoftClusteringModel {
  const candidate = model as Partial<SoftClusteringModel>;
  if (
    typeof candidate.predictProba !== 'function' ||
    typeof candidate.scoreSamples !== 'function' ||
    typeof candidate.score !== 'function'
  ) {
    throw new BatteryError(
      check,
      'the setup says soft, but the model lacks predictProba/scoreSamples/score',
    );
  }
  return model as SoftClusteringModel;
}

/**
 * Throws a BatteryError when a model's JSON, its predictions on X or (soft) its
 * probabilities and scores contain NaN, or a label outside [0, nClusters).
 */
export function assertNoNaN(
  check: string,
  context: BatteryContext,
  model: ClusteringModel,
  X: Matrix,
): void {
  const found = firstNaN(model.toJSON(), 'toJSON()') ?? firstNaN(model.diagnostics, 'diagnostics');
  if (found !== undefined) throw new BatteryError(check, `NaN at ${found}`);
  const labels = model.predict(X);
  const lowest = context.findsClusters ? -1 : 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? -2;
    if (!(Number.isInteger(label) && label >= lowest && label < model.nClusters)) {
      throw new BatteryError(
        check,
        `predict gave label ${label} at row ${i} (nClusters ${model.nClusters})`,
      );
    }
  }
  if (!context.soft) return;
  const soft = softModel(check, model);
  const nan =
    firstNaN(soft.predictProba(X).data, 'predictProba') ??
    firstNaN(soft.scoreSamples(X), 'scoreSamples') ??
    firstNaN(soft.score(X), 'score');
  if (nan !== undefined) throw new BatteryError(check, `NaN at ${nan}`);
}
