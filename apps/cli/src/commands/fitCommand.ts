import { basename } from 'node:path';
import { adjustedRandIndex } from '@mixkit/metrics';
import { CliError } from '../cliError.js';
import type { CliIo } from '../cliIo.js';
import { type Candidate, candidateMeasures } from '../model/candidate.js';
import { familyBlocks } from '../model/familyBlocks.js';
import { candidateCount, defaultMaxIterations, fitCandidates } from '../model/fitCandidates.js';
import { toSavedModel } from '../model/savedModel.js';
import type { FitSettings } from '../options/fitSettings.js';
import { createProgress } from '../output/createProgress.js';
import { describeWarning } from '../output/describeWarning.js';
import type { FitReport, SelectionRow } from '../output/fitReport.js';
import { formatFitReport } from '../output/formatFitReport.js';
import { formatLabelsCsv } from '../output/formatLabelsCsv.js';
import { writeFilesAtomically } from '../output/writeFilesAtomically.js';
import { encodeTable, orderColumns } from '../table/encodeTable.js';
import { labelCodes } from '../table/labelCodes.js';
import { planColumns } from '../table/planColumns.js';
import { readTable } from '../table/readTable.js';

/**
 * `mixkit fit`: read, plan and encode the table, fit the grid, pick the best model by the
 * criterion, then write the labels and the model (atomically, only after everything worked)
 * and print the summary.
 */
export function fitCommand(settings: FitSettings, io: CliIo): void {
  const table = readTable(settings.data, { delimiter: settings.delimiter });
  const plan = planColumns(table, settings.columns);
  if (settings.algorithm === 'kmeans') checkKmeansPlan(settings, plan.columns);
  const { X, columns } = encodeTable(table, orderColumns(plan.columns));
  const blocks = familyBlocks(columns);

  const maxIterations = settings.maxIterations ?? defaultMaxIterations[settings.algorithm];
  const totalSteps = candidateCount(settings, blocks) * settings.nInit * Math.max(1, maxIterations);
  const progress = createProgress(io.progressStream, totalSteps, 'mixkit fit');
  let fitted: ReturnType<typeof fitCandidates>;
  try {
    fitted = fitCandidates(X, blocks, settings, progress);
  } finally {
    progress.stop();
  }
  const { candidates, chosen } = fitted;
  const model = chosen.model;
  const labels = model.predict(X);
  const probabilities =
    settings.proba && chosen.algorithm === 'em' ? chosen.model.predictProba(X) : undefined;

  const saved = toSavedModel(chosen, columns, basename(settings.data));
  writeFilesAtomically([
    { path: settings.labelsOut, contents: formatLabelsCsv(labels, probabilities) },
    { path: settings.modelOut, contents: `${JSON.stringify(saved, null, 2)}\n` },
  ]);

  const sizes = new Array<number>(chosen.k).fill(0);
  for (const label of labels) sizes[label] = (sizes[label] ?? 0) + 1;
  const measures = candidateMeasures(chosen);
  const weights = measures.weights(sizes, X.rows);
  const report: FitReport = {
    command: 'fit',
    data: settings.data,
    rows: X.rows,
    columns: columns.map(({ name, kind, inferred, levels }) =>
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
    iterations: model.diagnostics.iterations,
    converged: model.diagnostics.converged,
    warnings: model.diagnostics.warnings.map(describeWarning),
    families: measures.families(blocks.length),
    components: sizes.map((size, c) => ({
      size,
      weight: weights[c] ?? 0,
      params: measures.params(c),
    })),
    selection: candidates.length > 1 ? selectionTable(candidates, chosen, settings) : null,
    agreement:
      plan.labelIndex === undefined
        ? null
        : {
            labelColumn: table.header[plan.labelIndex] as string,
            ari: adjustedRandIndex(labelCodes(table, plan.labelIndex), labels),
          },
    outputs: { labels: settings.labelsOut, model: settings.modelOut },
  };
  io.stdout(settings.json ? `${JSON.stringify(report, null, 2)}\n` : formatFitReport(report));
}

function checkKmeansPlan(
  settings: FitSettings,
  columns: readonly { name: string; kind: string }[],
): void {
  const categorical = columns.find((column) => column.kind === 'categorical');
  if (categorical !== undefined) {
    throw new CliError(
      `${settings.data}: --algo kmeans needs numeric columns, but "${categorical.name}" is categorical (leave it out with --ignore, or use --algo em)`,
    );
  }
  if (settings.k.length > 1) {
    throw new CliError(
      `--k ${settings.k.join(',')}: choosing k needs a likelihood (BIC/AIC/ICL); use --algo em for a grid`,
    );
  }
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
