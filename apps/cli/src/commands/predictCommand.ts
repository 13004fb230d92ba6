import { adjustedRandIndex } from '@mixkit/metrics';
import { CliError } from '../cliError.js';
import type { CliIo } from '../cliIo.js';
import { loadSavedModel } from '../model/savedModel.js';
import type { PredictSettings } from '../options/fitSettings.js';
import { formatLabelsCsv } from '../output/formatLabelsCsv.js';
import { formatNumber } from '../output/formatNumber.js';
import { writeFilesAtomically } from '../output/writeFilesAtomically.js';
import { encodeTable } from '../table/encodeTable.js';
import { labelCodes } from '../table/labelCodes.js';
import { readTable } from '../table/readTable.js';
import { resolveColumn } from '../table/resolveColumn.js';

/**
 * `mixkit predict`: find the model's columns by name in the new file, encode them exactly as
 * at fit time (same categorical levels), label every row and write the labels file.
 */
export function predictCommand(settings: PredictSettings, io: CliIo): void {
  const loaded = loadSavedModel(settings.model);
  const table = readTable(settings.data, { delimiter: settings.delimiter });
  const columns = loaded.columns.map((column) => {
    const sourceIndex = table.header.indexOf(column.name);
    if (sourceIndex < 0) {
      throw new CliError(
        `${settings.data}: missing column "${column.name}", which the model in ${settings.model} was fitted on`,
      );
    }
    return { ...column, sourceIndex };
  });
  const { X } = encodeTable(table, columns);
  if (settings.proba && loaded.algorithm !== 'em') {
    throw new CliError(
      `--proba: the model in ${settings.model} is k-means, which gives hard labels only`,
    );
  }
  const labels = loaded.model.predict(X);
  const probabilities =
    settings.proba && loaded.algorithm === 'em' ? loaded.model.predictProba(X) : undefined;
  const labelIndex =
    settings.label === undefined
      ? undefined
      : resolveColumn(settings.data, table.header, settings.label, '--label');
  const ari =
    labelIndex === undefined ? null : adjustedRandIndex(labelCodes(table, labelIndex), labels);
  writeFilesAtomically([
    { path: settings.labelsOut, contents: formatLabelsCsv(labels, probabilities) },
  ]);

  const sizes = new Array<number>(loaded.model.nClusters).fill(0);
  for (const label of labels) sizes[label] = (sizes[label] ?? 0) + 1;
  const logLikelihood = loaded.algorithm === 'em' ? loaded.model.score(X) * X.rows : null;
  if (settings.json) {
    const report = {
      command: 'predict',
      model: settings.model,
      data: settings.data,
      rows: X.rows,
      clusterSizes: sizes,
      logLikelihood,
      agreement: ari === null ? null : { labelColumn: settings.label, ari },
      outputs: { labels: settings.labelsOut },
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [
    `mixkit predict ${settings.data}: ${X.rows} rows labelled with ${settings.model} (${loaded.algorithm === 'em' ? 'mixture' : 'k-means'}, k = ${loaded.model.nClusters})`,
    `  rows per cluster: ${sizes.map((size, c) => `${c}: ${size}`).join(', ')}`,
  ];
  if (logLikelihood !== null) {
    lines.push(
      `  log-likelihood of the new rows ${formatNumber(logLikelihood, 6)} (mean ${formatNumber(logLikelihood / X.rows, 4)} per row)`,
    );
  }
  if (ari !== null)
    lines.push(`Agreement with "${settings.label}": adjusted Rand index ${formatNumber(ari, 3)}`);
  lines.push(`Wrote ${settings.labelsOut}`);
  io.stdout(`${lines.join('\n')}\n`);
}
