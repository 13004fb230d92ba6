import {
  type AnyComponentFamily,
  assertInteger,
  type FitOptions,
  type FitWarning,
  InvalidInputError,
  type Matrix,
  type ParamsOf,
  type RandomSource,
  type RunOptions,
  type ShardExecutor,
  throwIfAborted,
} from '@mixkit/core';
import { NO_WORST_ROWS } from '../estep/worstRows.js';
import { type InitialState, initialize } from '../init/initialize.js';
import type { MixtureModel } from '../model/mixtureModel.js';
import { accumulatingComponents } from '../mstep/accumulatingComponents.js';
import { logPriorTerm } from '../mstep/logPriorTerm.js';
import { mStep } from '../mstep/mStep.js';
import type { EmRestartResult, EmStep } from '../run/emStep.js';
import type { MixtureOptions } from '../run/mixtureOptions.js';
import { type ResolvedEmSettings, resolveEmSettings } from '../run/resolveEmSettings.js';
import { resolveFamilies } from '../run/resolveFamilies.js';
import { RestartProgress } from '../run/restartProgress.js';
import { RestartSelection } from '../run/restartSelection.js';
import { createEmWorkspace, familiesForData, groupFamilies } from '../workspace/emWorkspace.js';
import type { ChunkSource } from './chunkSource.js';
import { type ChunkBuffers, createChunkBuffers, statisticsWorkspace } from './chunkWorkspace.js';
import { readInitSample } from './readInitSample.js';
import { streamPass } from './streamPass.js';

/** Options of `fitMixtureStream` / `iterateEmStream`. */
export type FitMixtureStreamOptions<Family extends AnyComponentFamily = AnyComponentFamily> =
  MixtureOptions<Family> &
    RunOptions &
    Pick<FitOptions, 'random'> & {
      /**
       * Rows the initialisation reads: whole leading chunks until at least this many (default
       * 100·k; the first chunk alone when it has that many). Unused with `init: {kind: 'params'}`.
       */
      readonly initRows?: number;
    };

/** What stays fixed across the restarts of one streamed fit. */
interface StreamFit {
  readonly source: ChunkSource;
  /** As given, then as resolved for the whole data after the first pass (`forData`). */
  families: readonly AnyComponentFamily[];
  /** Whether `forData` has run on the whole data's statistics. */
  resolved: boolean;
  readonly settings: ResolvedEmSettings;
  readonly signal: AbortSignal | undefined;
  readonly executor: ShardExecutor | undefined;
  readonly warnings: FitWarning[];
  /** Unit-weight statistics of all rows per family group (filled by the first pass). */
  readonly globalStats: Map<AnyComponentFamily, unknown>;
  buffers: ChunkBuffers | undefined;
  /** Rows of the first pass; every later pass must see as many. */
  rowsPerPass: number;
}

/**
 * Exact EM over data that does not fit in memory, as an async step generator: every iteration
 * streams the chunks of `source()` once, each through the same fused E-step/accumulate pass as
 * in-memory EM, merging per-chunk statistics with `family.merge`, then runs the same M-step. It
 * holds one chunk (plus the statistics and a block buffer) at a time, so from the same start it
 * gives in-memory EM's parameters up to summation order. Initialisation reads the leading
 * `initRows` rows (or uses given parameters); re-seeding an emptied component uses the whole
 * data's statistics (there is no worst-explained row to pick without another pass).
 * `sampleWeight` and `priorProbabilities` are not supported on streams.
 */
export async function* iterateEmStream<Family extends AnyComponentFamily>(
  source: ChunkSource,
  options: FitMixtureStreamOptions<Family>,
): AsyncGenerator<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>, void> {
  throwIfAborted(options.signal, 'fitMixtureStream');
  const families = resolveFamilies(options);
  const settings = resolveEmSettings(options, families.length, options.random);
  const initRows = options.initRows ?? 100 * families.length;
  assertInteger(initRows, 'initRows', 1);
  rejectPerRowOptions(options);
  // Parameters are opaque to the runner; each came from its own family (see `iterateEm`).
  type Params = ParamsOf<Family>;
  const selection = new RestartSelection<Params>();
  const fit: StreamFit = {
    source,
    families,
    resolved: false,
    settings,
    signal: options.signal,
    executor: options.executor,
    warnings: selection.warnings,
    globalStats: new Map(),
    buffers: undefined,
    rowsPerPass: -1,
  };
  for (let restart = 0; restart < settings.nInit; restart++) {
    const random = settings.random.split();
    const start = await initialState(fit, initRows, random, restart);
    selection.add(restart, yield* streamRestart<Params>(fit, start, restart));
  }
  return selection.model(fit.families, fit.buffers!.d, settings.missing);
}

/**
 * After the first pass has gathered the whole data's statistics: the families as `forData`
 * resolves them for it (e.g. a relative `regCovar`), in `fit` and its buffers, before the
 * first M-step; their warnings go to the fit's. Families without `forData` stay as they are.
 */
function resolveForData(fit: StreamFit): void {
  if (fit.resolved) return;
  fit.resolved = true;
  const fitted = familiesForData(fit.families, (family) => fit.globalStats.get(family));
  fit.warnings.push(...fitted.warnings);
  if (fitted.families.every((family, c) => family === fit.families[c])) return;
  for (const [family, stats] of fitted.globalStats) fit.globalStats.set(family, stats);
  fit.families = fitted.families;
  const buffers = fit.buffers!;
  fit.buffers = { ...buffers, families: fitted.families, groups: groupFamilies(fitted.families) };
}

/** One restart: the loop of `runRestart`, with each pass streamed (see `streamPass`). */
async function* streamRestart<Params>(
  fit: StreamFit,
  start: InitialState,
  restart: number,
): AsyncGenerator<EmStep<Params>, EmRestartResult<Params>, void> {
  const { settings, warnings } = fit;
  const { params, logWeights } = start;
  const d = fit.buffers!.d;
  const mask = accumulatingComponents(fit.families, settings.frozen);
  const stats = fit.families.map((family) => family.createStats(d));
  const totals = new Float64Array(fit.families.length);
  const state = {
    params,
    logWeights,
    estep: settings.estep,
    stats,
    totals,
    signal: fit.signal,
    executor: fit.executor,
  };
  // Step models read the families as they are then (resolved after the first pass).
  const parts = {
    get families() {
      return fit.families;
    },
    d,
  };
  const progress = new RestartProgress<Params>(settings, restart, parts);
  // The objective the M-step maximises: log-likelihood plus the priors (see `logPriorTerm`).
  const objective = (logLikelihood: number, rows: number): number =>
    (logLikelihood + logPriorTerm(fit.families, params, logWeights, settings.weightConcentration)) /
    rows;
  while (progress.next()) {
    const pass = await streamPass(fit.source, fit.buffers!, {
      ...state,
      mask,
      globalStats: fit.globalStats,
    });
    const rows = checkRows(fit, pass.rows);
    const current = objective(pass.logLikelihood, rows);
    resolveForData(fit);
    const workspace = statisticsWorkspace(fit.buffers!, stats, totals, rows, fit.globalStats);
    mStep(workspace, params, logWeights, settings, {
      restart,
      iteration: progress.iteration,
      worst: NO_WORST_ROWS,
      warnings,
    });
    yield progress.record(current, params, logWeights);
  }
  progress.finish(warnings);
  const final = await streamPass(fit.source, fit.buffers!, { ...state, mask: undefined });
  const finalObjective = objective(final.logLikelihood, checkRows(fit, final.rows));
  // Its warnings went to `fit.warnings` (the selection's) as they came.
  return progress.result(params, logWeights, finalObjective, []);
}

/**
 * The restart's start: given parameters as they are (no data read), otherwise the strategy
 * run on the leading rows (`readInitSample`), released before the first pass.
 */
async function initialState(
  fit: StreamFit,
  initRows: number,
  random: RandomSource,
  restart: number,
): Promise<InitialState> {
  const { families, settings } = fit;
  const init = settings.init;
  if (typeof init === 'object' && init.kind === 'params') {
    const first = init.params.length === families.length ? init.params[0] : undefined;
    const d = first === undefined ? 0 : families[0].dimension(first);
    const buffers = ensureBuffers(fit, d);
    const workspace = statisticsWorkspace(buffers, [], new Float64Array(0), 0, fit.globalStats);
    return initialize(workspace, init, random, settings, restart, fit.warnings);
  }
  const validate = (X: Matrix, argument: string): void => {
    for (const { family } of groupFamilies(families)) family.validate(X, argument);
  };
  const sample = await readInitSample(fit.source, initRows, validate, fit.signal, settings.missing);
  ensureBuffers(fit, sample.cols);
  const workspace = createEmWorkspace(sample, families, {
    blockSize: settings.blockSize,
    missing: settings.missing,
  });
  return initialize(workspace, init, random, settings, restart, fit.warnings);
}

function ensureBuffers(fit: StreamFit, d: number): ChunkBuffers {
  fit.buffers ??= createChunkBuffers(fit.families, d, fit.settings.blockSize, fit.settings.missing);
  return fit.buffers;
}

/** The pass's row count, checked against k and against the first pass. */
function checkRows(fit: StreamFit, rows: number): number {
  if (rows === 0) throw new InvalidInputError({ argument: 'source' }, 'the source yielded no rows');
  if (fit.rowsPerPass < 0) {
    const k = fit.families.length;
    if (k > rows) {
      throw new InvalidInputError(
        { argument: 'nClusters', value: k },
        `cannot fit ${k} components to ${rows} rows (k must be <= rows)`,
      );
    }
    fit.rowsPerPass = rows;
  } else if (rows !== fit.rowsPerPass) {
    throw new InvalidInputError(
      { argument: 'source', value: rows },
      `a pass yielded ${rows} rows but the first yielded ${fit.rowsPerPass}; every call of source() must yield the same rows`,
    );
  }
  return rows;
}

/** Per-row options of in-memory fits cannot be honoured on a stream: say so, never ignore them. */
function rejectPerRowOptions(options: object): void {
  for (const argument of ['sampleWeight', 'priorProbabilities']) {
    if ((options as Record<string, unknown>)[argument] !== undefined) {
      throw new InvalidInputError({ argument }, 'is not supported by out-of-core EM');
    }
  }
}
