import { basename } from 'node:path';
import type { SelectionRow as EmSelectionRow } from '@mixkit/em';
import { adjustedRandIndex } from '@mixkit/metrics';
import { CliError } from '../cliError.js';
import type { CliIo } from '../cliIo.js';
import { openTableFile } from '../input/tableFile.js';
import { type Candidate, candidateMeasures } from '../model/candidate.js';
import { candidateGrid, defaultMaxIterations, type GridEntry } from '../model/candidateGrid.js';
import { familyBlocks } from '../model/familyBlocks.js';
import { BAYES_MAX_ITERATIONS } from '../model/fitBayes.js';
import { type FittedGrid, fitInMemory } from '../model/fitInMemory.js';
import { fitOutOfCore, type StreamedFit, selectionRow } from '../model/fitOutOfCore.js';
import { checkColumns, checkMissingCells, checkRows } from '../model/fitRequirements.js';
import { mixtureLabeller } from '../model/labeller.js';
import { Labelling, rowBlocks } from '../model/labelling.js';
import { toSavedModel } from '../model/savedModel.js';
import { withWorkers } from '../model/withWorkers.js';
import type { FitSettings } from '../options/fitSettings.js';
import { createProgress, formatBytes } from '../output/createProgress.js';
import type { FitReport, SelectionRow } from '../output/fitReport.js';
import { formatFitReport } from '../output/formatFitReport.js';
import { StagedOutputs } from '../output/stagedOutputs.js';
import { type ColumnRoles, resolveColumnRoles } from '../table/columnSelection.js';
import { loadMatrix } from '../table/loadMatrix.js';
import { planColumns, type TablePlan } from '../table/planColumns.js';
import { type ProfiledTable, profileTable } from '../table/profileTable.js';
import { openStreamedTable } from '../table/streamedTable.js';

/**
 * Rows per chunk when fitting out of core: about 1 MiB of data (an out-of-core fit may run under
 * a heap of a few tens of MB). EM's shards cost about 2^22 operations, so a chunk's pass is
 * shared out with `--workers` from about 8 components up, and runs here below that.
 */
const CHUNK_CELLS = 1 << 17;

/** Where the data of a fit is held: chosen by its size, or forced. */
type Storage = 'memory' | 'out-of-core';

/** The chosen model, its labels' summary, and what the report needs of the data. */
interface FitOutcome extends FittedGrid {
  readonly sizes: readonly number[];
  /** Rows labelled noise (-1). */
  readonly noise: number;
  /** Each cluster's mean row (clusterers without centers; empty otherwise). */
  readonly means: Float64Array;
  readonly ari: number | null;
}

/**
 * `mixkit fit`. Before any work: the options, the output paths (never the input, never a
 * folder; their temporary files are created at once). Then a first streaming pass profiles
 * the file (types, levels, missing cells, counts; constant memory), which decides the columns
 * and refuses what cannot be fitted, and whether the data fits in `--memory-limit`: if so a
 * second pass loads it as one matrix (8 bytes a cell) and the grid is fitted in memory,
 * otherwise the rows are encoded once into a spill file (a scratch file of the outputs, removed
 * whatever happens; `--no-spill` re-parses the file instead) and every candidate is fitted out
 * of core by streamed EM (one pass over the spill per iteration). The labels and the model are written under temporary names and renamed into place only
 * after everything worked; any failure or interrupt removes them.
 */
export async function fitCommand(settings: FitSettings, io: CliIo): Promise<void> {
  const outputs = new StagedOutputs(
    [
      { path: settings.labelsOut, option: '--labels-out' },
      { path: settings.modelOut, option: '--model-out' },
    ],
    [settings.data],
  );
  try {
    const outcome = await fit(settings, io, outputs);
    outputs.commit();
    io.stdout(settings.json ? `${JSON.stringify(outcome, null, 2)}\n` : formatFitReport(outcome));
  } catch (error) {
    outputs.discard();
    throw error;
  }
}

async function fit(settings: FitSettings, io: CliIo, outputs: StagedOutputs): Promise<FitReport> {
  const { signal } = io;
  const file = openTableFile(settings.data, settings.delimiter);
  const reading = createProgress(
    io.progressStream,
    file.size,
    `reading ${basename(file.path)}`,
    300,
    'bytes',
  );
  let roles: ColumnRoles | undefined;
  const choose = (header: readonly string[]) => {
    const resolved = resolveColumnRoles(file.path, header, settings.columns);
    roles = resolved;
    return header.map((_, j) => j).filter((j) => !resolved.ignored.has(j));
  };
  let table: ProfiledTable;
  try {
    table = await profileTable(file, settings.cells, choose, reading, signal);
  } finally {
    reading.stop();
  }
  const plan = planColumns(table, roles as ColumnRoles, settings.cells, settings.missing);
  checkColumns(settings, plan.columns);
  checkMissingCells(settings, plan.missing);
  const rows = table.profile.rows;
  checkRows(settings, rows);
  const blocks = familyBlocks(plan.columns);
  const { method } = settings;
  const grid =
    method.algorithm === 'em' && method.select === 'grid' ? candidateGrid(settings, blocks) : [];
  const storage = chooseStorage(settings, rows, plan.columns.length);
  const fits = Math.max(1, grid.length) * settings.nInit * Math.max(1, maxIterations(settings));
  const labelsFile = outputs.file(settings.labelsOut);
  const outcome =
    storage === 'memory'
      ? await fitLoaded(table, plan, grid, settings, io, labelsFile, fits)
      : await fitStreamed(table, plan, grid, settings, io, outputs, fits);
  const { chosen } = outcome;
  const columns = plan.columns;
  outputs
    .file(settings.modelOut)
    .write(`${JSON.stringify(toSavedModel(chosen, columns, basename(settings.data)), null, 2)}\n`);
  return report(settings, table, plan, outcome, storage);
}

/** In memory: load the matrix (second pass), fit the grid, label the rows. */
async function fitLoaded(
  table: ProfiledTable,
  plan: TablePlan,
  grid: readonly GridEntry[],
  settings: FitSettings,
  io: CliIo,
  labelsFile: ReturnType<StagedOutputs['file']>,
  steps: number,
): Promise<FitOutcome> {
  const loading = createProgress(
    io.progressStream,
    table.file.size,
    `loading ${basename(table.file.path)}`,
    300,
    'bytes',
  );
  let data: Awaited<ReturnType<typeof loadMatrix>>;
  try {
    data = await loadMatrix(table, plan, settings.cells, loading, io.signal);
  } finally {
    loading.stop();
  }
  const progress = createProgress(io.progressStream, steps, 'mixkit fit');
  let fitted: FittedGrid;
  try {
    fitted = await withWorkers(fitWorkers(settings), (executor) =>
      fitInMemory(data.X, grid, settings, progress, io.signal, executor),
    );
  } finally {
    progress.stop();
  }
  const measures = candidateMeasures(fitted.chosen);
  const labelling = new Labelling(measures.labeller, labelsFile, {
    proba: settings.proba,
    scores: settings.scores,
    keepLabels: data.labelCodes !== undefined,
    rows: data.X.rows,
    measure: false,
    means: measures.needsMeans,
  });
  for (const block of rowBlocks(data.X)) labelling.add(block);
  return {
    ...fitted,
    sizes: labelling.sizes,
    noise: labelling.noise,
    means: labelling.clusterMeans(),
    ari:
      data.labelCodes === undefined
        ? null
        : adjustedRandIndex(data.labelCodes, labelling.allLabels()),
  };
}

/**
 * Out of core: encode the rows once into a spill file (unless `--no-spill`), fit every
 * candidate by streamed EM, score them, label the rows (more passes over the spill).
 */
async function fitStreamed(
  table: ProfiledTable,
  plan: TablePlan,
  grid: readonly GridEntry[],
  settings: FitSettings,
  io: CliIo,
  outputs: StagedOutputs,
  steps: number,
): Promise<FitOutcome> {
  const cols = plan.columns.length;
  const chunkRows = Math.max(1, Math.floor(CHUNK_CELLS / cols));
  const data = await openStreamedTable(table, plan, settings, outputs, io, chunkRows);
  const source = data.chunks;
  const progress = createProgress(io.progressStream, steps, 'mixkit fit (out of core)');
  let fits: Awaited<ReturnType<typeof fitOutOfCore>>;
  try {
    fits = await withWorkers(fitWorkers(settings), (executor) =>
      fitOutOfCore(source, grid, settings, cols, progress, io.signal, executor),
    );
  } finally {
    progress.stop();
  }
  const rows = table.profile.rows;
  // With a choice to make, every candidate is measured by a pass of its own.
  const scored: EmSelectionRow[] = [];
  if (fits.length > 1) {
    for (const { entry, model } of fits) {
      const scoring = new Labelling(streamedLabeller(model), undefined, {
        proba: false,
        scores: false,
        keepLabels: false,
        rows,
        measure: true,
        means: false,
      });
      for await (const chunk of source()) scoring.add(chunk);
      scored.push(selectionRow(entry, model, scoring.measures()));
    }
  }
  let best = 0;
  scored.forEach((row, i) => {
    if (row[settings.criterion] < (scored[best] as EmSelectionRow)[settings.criterion]) best = i;
  });
  const { entry, model } = fits[best] as StreamedFit;
  const labelling = new Labelling(streamedLabeller(model), outputs.file(settings.labelsOut), {
    proba: settings.proba,
    scores: false,
    keepLabels: plan.labelIndex !== undefined,
    rows,
    measure: true,
    means: false,
  });
  for await (const chunk of data.lastPass()) labelling.add(chunk);
  const labelCodes = await data.labelCodes();
  if (fits.length === 1) scored.push(selectionRow(entry, model, labelling.measures()));
  const candidates: Candidate[] = fits.map((fitted, i) => ({
    algorithm: 'em',
    k: fitted.entry.nClusters,
    covariance: fitted.entry.covariance,
    model: fitted.model,
    row: scored[i] as EmSelectionRow,
  }));
  return {
    candidates,
    chosen: candidates[best] as Candidate,
    sizes: labelling.sizes,
    noise: labelling.noise,
    means: labelling.clusterMeans(),
    ari: labelCodes === undefined ? null : adjustedRandIndex(labelCodes, labelling.allLabels()),
  };
}

/** A streamed mixture labels, scores and measures each chunk. */
function streamedLabeller(model: StreamedFit['model']) {
  return mixtureLabeller(model, (X) => model.score(X));
}

/**
 * Worker threads for the fit: `--workers` for EM (over a grid, or mclust's selection, whose
 * cells are independent fits), k-means and the variational fit, none for the single-pass
 * clusterers (they run in this thread).
 */
function fitWorkers(settings: FitSettings): number {
  const { method } = settings;
  const sharded =
    method.algorithm === 'em' || method.algorithm === 'kmeans' || method.algorithm === 'bayes';
  return sharded ? settings.workers : 0;
}

/** The iteration cap progress counts with (single-pass algorithms: one step). */
function maxIterations(settings: FitSettings): number {
  switch (settings.method.algorithm) {
    case 'em':
      return settings.maxIterations ?? defaultMaxIterations.em;
    case 'kmeans':
      return settings.maxIterations ?? defaultMaxIterations.kmeans;
    case 'bayes':
      return settings.maxIterations ?? BAYES_MAX_ITERATIONS;
    default:
      return 1;
  }
}

/**
 * In memory when the matrix (8 bytes a cell) fits in `--memory-limit`, else out of core;
 * `--out-of-core always|never` decides instead. Only mixtures fitted by EM over a grid stream
 * the file; every other algorithm needs its rows in memory.
 */
function chooseStorage(settings: FitSettings, rows: number, cols: number): Storage {
  const bytes = rows * cols * 8;
  if (settings.outOfCore === 'never') return 'memory';
  const storage: Storage =
    settings.outOfCore === 'always' || bytes > settings.memoryLimit ? 'out-of-core' : 'memory';
  const { method } = settings;
  if (storage === 'out-of-core' && !(method.algorithm === 'em' && method.select === 'grid')) {
    const what = method.algorithm === 'em' ? '--select mclust' : `--algo ${method.algorithm}`;
    throw new CliError(
      `${settings.data}: the data takes ${formatBytes(bytes)} in memory, over --memory-limit ${formatBytes(settings.memoryLimit)}, and ${what} runs in memory only: use --algo em (fitted out of core) or raise --memory-limit`,
    );
  }
  return storage;
}

function report(
  settings: FitSettings,
  table: ProfiledTable,
  plan: TablePlan,
  outcome: FitOutcome,
  storage: Storage,
): FitReport {
  const { candidates, chosen, sizes } = outcome;
  const blocks = familyBlocks(plan.columns);
  const measures = candidateMeasures(chosen);
  const rows = table.profile.rows;
  return {
    command: 'fit',
    data: settings.data,
    rows,
    missingCells: plan.missing.reduce((sum, count) => sum + count, 0),
    encoding: table.file.encoding.encoding,
    storage,
    columns: plan.columns.map(({ name, kind, inferred, levels }) =>
      levels === undefined ? { name, kind, inferred } : { name, kind, inferred, levels },
    ),
    algorithm: chosen.algorithm,
    k: chosen.k,
    covariance: chosen.covariance ?? null,
    logLikelihood: measures.logLikelihood,
    nParameters: measures.nParameters,
    bic: measures.bic,
    aic: measures.aic,
    icl: measures.icl,
    inertia: measures.inertia,
    iterations: measures.iterations,
    converged: measures.converged,
    noise: measures.marksNoise ? outcome.noise : null,
    warnings: measures.warnings,
    families: measures.families(blocks.length),
    components: measures.components({ sizes, rows, means: outcome.means }),
    selection: candidates.length > 1 ? selectionTable(candidates, chosen, settings) : null,
    details: measures.details,
    agreement:
      plan.labelIndex === undefined || outcome.ari === null
        ? null
        : { labelColumn: table.profile.header[plan.labelIndex] as string, ari: outcome.ari },
    outputs: { labels: settings.labelsOut, model: settings.modelOut },
  };
}

/** The selection table of a grid of mixtures (k-means has a single candidate). */
function selectionTable(
  candidates: readonly Candidate[],
  chosen: Candidate,
  settings: FitSettings,
): FitReport['selection'] {
  const rows: SelectionRow[] = candidates.flatMap((candidate) =>
    candidate.algorithm === 'em'
      ? [
          {
            k: candidate.k,
            covariance: candidate.covariance ?? null,
            logLikelihood: candidate.row.logLikelihood,
            nParameters: candidate.row.nParameters,
            score: candidate.row[settings.criterion],
            chosen: candidate === chosen,
          },
        ]
      : [],
  );
  return { criterion: settings.criterion, rows };
}
