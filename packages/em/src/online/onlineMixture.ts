import {
  type AnyComponentFamily,
  type FitWarning,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  NotFittedError,
  type ParamsOf,
  type RandomInput,
  type RunOptions,
  throwIfAborted,
  toMatrix,
  yieldToEventLoop,
} from '@mixkit/core';
import { fusedPass } from '../estep/fusedPass.js';
import { NO_WORST_ROWS } from '../estep/worstRows.js';
import { type InitialState, initialize } from '../init/initialize.js';
import { MixtureModel } from '../model/mixtureModel.js';
import { accumulatingComponents } from '../mstep/accumulatingComponents.js';
import { mStep } from '../mstep/mStep.js';
import { scaledGlobalStats } from '../mstep/reseedComponent.js';
import type { EmSettings, MixtureComponents } from '../run/mixtureOptions.js';
import { type ResolvedEmSettings, resolveEmSettings } from '../run/resolveEmSettings.js';
import { resolveFamilies } from '../run/resolveFamilies.js';
import {
  type ChunkBuffers,
  chunkWorkspace,
  createChunkBuffers,
  statisticsWorkspace,
  toChunk,
} from '../stream/chunkWorkspace.js';
import { createEmWorkspace, familiesForRows, groupFamilies } from '../workspace/emWorkspace.js';
import { NO_ROWS } from '../workspace/noRows.js';
import { interpolateStatistics, scaledCopy } from './runningStatistics.js';
import { resolveStepSchedule, type StepSchedule, stepSize } from './stepSize.js';

/** Options of `OnlineMixture`: the components, the step schedule and the usual EM settings. */
export type OnlineMixtureOptions<Family extends AnyComponentFamily = AnyComponentFamily> =
  MixtureComponents<Family> &
    StepSchedule &
    Omit<EmSettings<ParamsOf<Family>>, 'nInit' | 'tolerance' | 'maxIterations'> &
    RunOptions & {
      /**
       * Seed or random source of the initialisation on the first batch. An online mixture has no
       * single fit call, so it takes the seed where it starts: here. Default seed 0.
       */
      readonly random?: RandomInput;
    };

/** Objective values kept in `model.diagnostics.objective` (the latest batches). */
const traceLength = 1000;

/**
 * Online (stepwise) EM (Cappé & Moulines 2009; Liang & Klein 2009) over mini-batches: each
 * `partialFit(batch)` runs one E-step on the batch (the same fused pass as batch EM), turns the
 * batch's statistics into per-sample averages, moves the running averages towards them,
 * `s ← (1 − η_t) s + η_t ŝ`, with η_t = (t + t0)^(−κ) (see `stepSize`), through the families'
 * `scale`/`merge`, and re-estimates every component (and the mixing weights, from the running
 * responsibility averages) from the running statistics. Memory is one batch plus the
 * statistics; the data is never revisited.
 *
 * The first batch initialises: the `init` strategy on it (default k-means) or given parameters
 * (`init: {kind: 'params'}`), then its statistics start the running averages (η = 1). Before
 * estimating, the averages are scaled by the number of rows seen so far, so families with a
 * prior or pseudocounts see the weight batch EM would give them on the same data.
 */
export class OnlineMixture<Family extends AnyComponentFamily = AnyComponentFamily> {
  /** The number of components. */
  readonly nClusters: number;
  private fitFamilies: readonly Family[];
  private readonly settings: ResolvedEmSettings;
  private readonly schedule: Required<StepSchedule>;
  private readonly warnings: FitWarning[] = [];
  private readonly trace: number[] = [];
  private buffers: ChunkBuffers | undefined;
  private state: InitialState | undefined;
  /** Running per-sample averages: component statistics, responsibilities, whole data. */
  private running: unknown[] = [];
  private runningTotals: Float64Array;
  private readonly runningGlobal = new Map<AnyComponentFamily, unknown>();
  private updates = 0;
  private seen = 0;
  private lastStep = Number.NaN;

  constructor(private readonly options: OnlineMixtureOptions<Family>) {
    this.fitFamilies = resolveFamilies(options);
    this.nClusters = this.fitFamilies.length;
    this.settings = resolveEmSettings(options, this.nClusters, options.random);
    this.schedule = resolveStepSchedule(options);
    this.runningTotals = new Float64Array(this.nClusters);
  }

  /**
   * The component families: as given until the first batch, then as the fit runs them (a
   * family's `forData` resolves data-relative settings, e.g. a relative `regCovar`, on the first
   * batch).
   */
  get families(): readonly Family[] {
    return this.fitFamilies;
  }

  /** Mini-batches consumed so far. */
  get nBatches(): number {
    return this.updates;
  }

  /** Rows seen so far. */
  get nSamplesSeen(): number {
    return this.seen;
  }

  /** The step size η of the last update (1 for the first batch; NaN before any). */
  get lastStepSize(): number {
    return this.lastStep;
  }

  /**
   * One stepwise-EM update from a mini-batch of rows (any number >= 1; the first batch needs at
   * least k rows unless the start is given). Reports `{iteration: batch number, objective: the
   * batch's mean log-likelihood under the parameters before the update}` to `onIteration`.
   */
  partialFit(batch: MatrixInput, options: RunOptions = {}): this {
    const signal = options.signal ?? this.options.signal;
    throwIfAborted(signal, 'OnlineMixture.partialFit');
    const { families, nClusters: k, settings } = this;
    const first = this.state === undefined;
    const X = first ? toMatrix(batch, { argument: 'batch' }) : this.toBatch(batch);
    const state = this.state ?? this.start(X);
    const buffers = this.buffers!;
    const workspace = chunkWorkspace(buffers, X);
    const mask = accumulatingComponents(families, settings.frozen);
    const rows = X.rows;
    const objective =
      fusedPass(workspace, state.params, state.logWeights, mask, settings.estep) / rows;
    const eta = first ? 1 : stepSize(this.updates, this.schedule);
    const d = buffers.d;
    for (let c = 0; c < k; c++) {
      if (mask[c] !== 1) continue;
      const family = families[c];
      const previous = first ? undefined : this.running[c];
      this.running[c] = interpolateStatistics(family, d, previous, buffers.stats[c], rows, eta);
    }
    for (let c = 0; c < k; c++) {
      this.runningTotals[c] = (1 - eta) * this.runningTotals[c] + (eta * buffers.totals[c]) / rows;
    }
    for (const { family } of buffers.groups) {
      const batchAverage = scaledGlobalStats(workspace, family, eta);
      const running = this.runningGlobal.get(family);
      this.runningGlobal.set(
        family,
        running === undefined
          ? batchAverage
          : family.merge(family.scale(running, 1 - eta), batchAverage),
      );
    }
    this.seen += rows;
    this.updates++;
    this.lastStep = eta;
    this.estimate(state, mask);
    const previousObjective = this.trace.at(-1) ?? Number.NaN;
    this.trace.push(objective);
    if (this.trace.length > traceLength) this.trace.shift();
    const change = Math.abs(objective - previousObjective);
    const onIteration = options.onIteration ?? this.options.onIteration;
    onIteration?.({ restart: 0, iteration: this.updates, objective, change });
    return this;
  }

  /**
   * `partialFit` on every batch of an iterable or async iterable, yielding to the event loop
   * between batches (so `AbortSignal.timeout` can fire); rejects with `AbortedError` on abort.
   */
  async partialFitStream(
    batches: AsyncIterable<MatrixInput> | Iterable<MatrixInput>,
    options: RunOptions = {},
  ): Promise<this> {
    const signal = options.signal ?? this.options.signal;
    for await (const batch of batches) {
      this.partialFit(batch, options);
      await yieldToEventLoop();
      throwIfAborted(signal, 'OnlineMixture.partialFitStream');
    }
    return this;
  }

  /** The current mixture (a snapshot: later updates do not change it). */
  get model(): MixtureModel<ParamsOf<Family>> {
    const state = this.state;
    if (state === undefined) throw new NotFittedError('OnlineMixture');
    // Parameters are opaque to the runner; each came from its own family's `estimate`.
    const params = state.params as ParamsOf<Family>[];
    return new MixtureModel(this.families, params, state.logWeights, this.buffers!.d, {
      converged: false,
      iterations: this.updates,
      objective: [...this.trace],
      bestRestart: 0,
      restartObjectives: [this.trace.at(-1)!],
      warnings: [...this.warnings],
    });
  }

  /** The first batch: buffers for its width and the initial parameters. */
  private start(X: Matrix): InitialState {
    const { settings } = this;
    const init = settings.init;
    for (const { family } of groupFamilies(this.families)) family.validate(X, 'batch');
    // Data-relative settings are resolved on the first batch (the only data seen at the start).
    const fitted = familiesForRows(this.families, X, settings.blockSize);
    this.warnings.push(...fitted.warnings);
    // `forData` returns a family of the same parameter and statistics types.
    this.fitFamilies = fitted.families as Family[];
    this.buffers = createChunkBuffers(this.families, X.cols, settings.blockSize);
    const workspace =
      typeof init === 'object' && init.kind === 'params'
        ? statisticsWorkspace(this.buffers, [], NO_ROWS, 0, new Map())
        : createEmWorkspace(X, this.families, { blockSize: settings.blockSize });
    this.state = initialize(workspace, init, settings.random.split(), settings, 0, this.warnings);
    return this.state;
  }

  /** A later batch: finite, the first batch's width, in every family's support. */
  private toBatch(batch: MatrixInput): Matrix {
    const X = toChunk(batch, 'batch', this.buffers!);
    if (X.rows === 0) throw new InvalidInputError({ argument: 'batch' }, 'the batch is empty');
    return X;
  }

  /**
   * The M-step from the running averages scaled to the rows seen (copies, so re-seeding inside
   * `mStep` only touches them), adopted back as the new running averages.
   */
  private estimate(state: InitialState, mask: Uint8Array): void {
    const { families, nClusters: k, seen } = this;
    const d = this.buffers!.d;
    const stats = families.map((family, c) =>
      mask[c] === 1 ? scaledCopy(family, d, this.running[c], seen) : family.createStats(d),
    );
    const totals = this.runningTotals.map((t) => t * seen);
    const global = new Map<AnyComponentFamily, unknown>();
    for (const [family, average] of this.runningGlobal) {
      global.set(family, scaledCopy(family, d, average, seen));
    }
    const workspace = statisticsWorkspace(this.buffers!, stats, totals, seen, global);
    mStep(workspace, state.params, state.logWeights, this.settings, {
      restart: 0,
      iteration: this.updates,
      worst: NO_WORST_ROWS,
      warnings: this.warnings,
    });
    for (let c = 0; c < k; c++) {
      if (mask[c] === 1) this.running[c] = families[c].scale(stats[c], 1 / seen);
      this.runningTotals[c] = totals[c] / seen;
    }
  }
}
