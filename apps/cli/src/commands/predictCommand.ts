import { basename } from 'node:path';
import type { ColumnProfile } from '@mixkit/csv';
import { missingCellsError } from '@mixkit/csv';
import { adjustedRandIndex } from '@mixkit/metrics';
import { CliError } from '../cliError.js';
import type { CliIo } from '../cliIo.js';
import { openTableFile } from '../input/tableFile.js';
import { Labelling } from '../model/labelling.js';
import { newRowRule } from '../model/newRowRule.js';
import { loadSavedModel } from '../model/savedModel.js';
import type { PredictSettings } from '../options/fitSettings.js';
import { createProgress } from '../output/createProgress.js';
import { formatNumber } from '../output/formatNumber.js';
import { StagedOutputs } from '../output/stagedOutputs.js';
import type { ColumnPlan } from '../table/columnKind.js';
import { fileChunks } from '../table/fileChunks.js';
import { LabelCoder } from '../table/labelCoder.js';
import { checkColumnValues, type TablePlan } from '../table/planColumns.js';
import { profileTable } from '../table/profileTable.js';
import { resolveColumn } from '../table/resolveColumn.js';

/** Rows per chunk: about 1 MiB of data. */
const CHUNK_CELLS = 1 << 17;

/**
 * `mixkit predict`: find the model's columns by name in the new file, check their cells (a
 * first streaming pass: missing cells, numbers, counts), then encode them exactly as at fit
 * time (same categorical levels) chunk by chunk, label every row and write the labels file as
 * it goes, under a temporary name renamed into place at the end. Memory is constant (plus
 * 8 bytes a row with --label).
 */
export async function predictCommand(settings: PredictSettings, io: CliIo): Promise<void> {
  const outputs = new StagedOutputs(
    [{ path: settings.labelsOut, option: '--out' }],
    [settings.model, settings.data],
  );
  try {
    const lines = await predict(settings, io, outputs);
    outputs.commit();
    io.stdout(lines);
  } catch (error) {
    outputs.discard();
    throw error;
  }
}

async function predict(
  settings: PredictSettings,
  io: CliIo,
  outputs: StagedOutputs,
): Promise<string> {
  const loaded = loadSavedModel(settings.model);
  const { labeller, name, rule, marksNoise } = newRowRule(loaded, settings.model);
  if (settings.proba && labeller.probabilities === undefined) {
    throw new CliError(
      `--proba: the model in ${settings.model} is ${name}, which gives hard labels only`,
    );
  }
  const file = openTableFile(settings.data, settings.delimiter);
  let columns: ColumnPlan[] = [];
  let labelIndex: number | undefined;
  const choose = (header: readonly string[]) => {
    columns = loaded.columns.map((column) => {
      const sourceIndex = header.indexOf(column.name);
      if (sourceIndex < 0) {
        throw new CliError(
          `${settings.data}: missing column "${column.name}", which the model in ${settings.model} was fitted on`,
        );
      }
      return { ...column, sourceIndex };
    });
    labelIndex =
      settings.label === undefined
        ? undefined
        : resolveColumn(settings.data, header, settings.label, '--label');
    return columns.map((column) => column.sourceIndex);
  };
  const reading = createProgress(
    io.progressStream,
    file.size,
    `reading ${basename(file.path)}`,
    300,
    'bytes',
  );
  let table: Awaited<ReturnType<typeof profileTable>>;
  try {
    table = await profileTable(file, settings.cells, choose, reading, io.signal);
  } finally {
    reading.stop();
  }
  const profiles = columns.map(
    (column) => table.profile.columns[column.sourceIndex] as ColumnProfile,
  );
  // A mixture fitted with --missing marginalize scores rows by their observed cells; any other
  // model refuses missing cells.
  const marginalizes = loaded.algorithm === 'em' && loaded.model.missing === 'marginalize';
  const missing = missingCellsError(profiles, file.path, settings.cells.missing);
  if (missing !== undefined && !marginalizes) {
    throw new CliError(
      `${missing.message}; the model in ${settings.model} was not fitted with --missing marginalize, so it cannot label rows with missing cells: fill them in, drop those rows, or refit with --missing marginalize`,
    );
  }
  const missingCells = profiles.reduce((sum, profile) => sum + profile.missing.count, 0);
  columns.forEach((column, j) => {
    if (column.kind !== 'categorical')
      checkColumnValues(profiles[j] as ColumnProfile, column.kind, file.path);
  });

  const rows = table.profile.rows;
  const plan: TablePlan = {
    columns,
    missing: profiles.map((profile) => profile.missing.count),
    ...(labelIndex === undefined ? {} : { labelIndex }),
  };
  const coder = labelIndex === undefined ? undefined : new LabelCoder(rows);
  const labelsFile = outputs.file(settings.labelsOut);
  const labelling = new Labelling(labeller, labelsFile, {
    proba: settings.proba,
    scores: false,
    keepLabels: coder !== undefined,
    rows,
    measure: labeller.logLikelihood !== undefined,
    means: false,
  });
  const chunks = fileChunks(table, plan, settings.cells, {
    chunkRows: Math.max(1, Math.floor(CHUNK_CELLS / Math.max(1, columns.length))),
    signal: io.signal,
    ...(coder === undefined ? {} : { labels: () => coder }),
  });
  for await (const chunk of chunks()) labelling.add(chunk);

  const sizes = labelling.sizes;
  const ari = coder === undefined ? null : adjustedRandIndex(coder.labels(), labelling.allLabels());
  const logLikelihood =
    labeller.logLikelihood === undefined ? null : labelling.measures().logLikelihood;
  const noise = marksNoise ? labelling.noise : null;
  if (settings.json) {
    const report = {
      command: 'predict',
      model: settings.model,
      algorithm: loaded.algorithm,
      rule,
      data: settings.data,
      rows,
      missingCells,
      clusterSizes: sizes,
      noise,
      logLikelihood,
      agreement: ari === null ? null : { labelColumn: settings.label, ari },
      outputs: { labels: settings.labelsOut },
    };
    return `${JSON.stringify(report, null, 2)}\n`;
  }
  const lines = [
    `mixkit predict ${settings.data}: ${rows} rows labelled with ${settings.model} (${name}, k = ${loaded.model.nClusters})`,
    `  rule: ${rule}`,
    `  rows per cluster: ${sizes.length === 0 ? 'none (no clusters)' : sizes.map((size, c) => `${c}: ${size}`).join(', ')}${noise === null ? '' : `; noise (-1): ${noise}`}`,
  ];
  if (missingCells > 0) {
    lines.push(
      `  ${missingCells} missing cells, marginalised out (the model's --missing marginalize)`,
    );
  }
  if (logLikelihood !== null) {
    lines.push(
      `  log-likelihood of the new rows ${formatNumber(logLikelihood, 6)} (mean ${formatNumber(logLikelihood / rows, 4)} per row)`,
    );
  }
  if (ari !== null)
    lines.push(`Agreement with "${settings.label}": adjusted Rand index ${formatNumber(ari, 3)}`);
  lines.push(`Wrote ${settings.labelsOut}`);
  return `${lines.join('\n')}\n`;
}
