import { extname } from 'node:path';
import { isRemoteRows, remoteRows } from '@mixkit/core';
import {
  type DataSource,
  DistributedExecutor,
  describeDataset,
  loadDataset,
} from '@mixkit/distributed';
import { type CovarianceType, gaussianFamily } from '@mixkit/distributions';
import { fitMixtureAsync } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import type { CliIo } from '../cliIo.js';
import { StagedOutputs } from '../output/stagedOutputs.js';
import { type RedisCliOptions, redisConnectionOf } from './workerCommand.js';

/** What `mixkit fit --redis` needs besides the Redis options. */
export interface DistributedFitSettings extends RedisCliOptions {
  /** The data set's files in row order: the fit's data argument, then every `--source`. */
  readonly files: readonly string[];
  readonly algorithm: 'em' | 'kmeans';
  readonly k: number;
  readonly covariance: CovarianceType;
  readonly seed: number;
  readonly maxIterations: number | undefined;
  readonly tolerance: number | undefined;
  readonly fitId: string | undefined;
  readonly modelOut: string;
  /**
   * EM's start: `random-from-data` reads no row in this process (the workers compute the data's
   * statistics and send the seed rows); `k-means` loads the rows here for its initialisation.
   */
  readonly init: 'k-means' | 'random-from-data';
}

/** A source by its file's extension: `.parquet`, `.json` (an `.f64` header), else CSV. */
export function sourceOf(file: string): DataSource {
  switch (extname(file).toLowerCase()) {
    case '.parquet':
      return { kind: 'parquet', path: file };
    case '.json':
      return { kind: 'f64', path: file };
    case '.tsv':
    case '.tab':
      return { kind: 'csv', path: file, delimiter: '\t' };
    default:
      return { kind: 'csv', path: file };
  }
}

/**
 * `mixkit fit <data> --redis <url> [--source <file>]...`: a Gaussian mixture (or k-means) of the
 * numeric columns of the files, each iteration's map run by `mixkit worker` processes, which
 * read their shards of the same files (paths relative to `--data-root`, on every machine).
 * Writes the model as JSON and prints one summary line.
 */
export async function distributedFitCommand(
  settings: DistributedFitSettings,
  io: CliIo,
): Promise<void> {
  // The model file is written as the local fit's is: checked first, staged, renamed at the end.
  const outputs = new StagedOutputs(
    [{ path: settings.modelOut, option: '--model-out' }],
    settings.files,
  );
  try {
    const summary = await run(settings, io, outputs);
    outputs.commit();
    io.stdout(`${summary}\n`);
  } catch (error) {
    outputs.discard();
    throw error;
  }
}

async function run(
  settings: DistributedFitSettings,
  io: CliIo,
  outputs: StagedOutputs,
): Promise<string> {
  const root = settings.dataRoot ?? process.cwd();
  const sources = settings.files.map(sourceOf);
  // EM from rows drawn on the workers needs only the data's shape here (the files' headers, or
  // one streamed pass over a CSV file); every other start loads the rows.
  const remote = settings.algorithm === 'em' && settings.init === 'random-from-data';
  const { X, parts } = remote
    ? await describeDataset(sources, root).then(({ parts, rows, cols }) => ({
        X: remoteRows(rows, cols),
        parts,
      }))
    : await loadDataset(sources, root);
  const executor = await DistributedExecutor.connect({
    connection: redisConnectionOf(settings),
    parts,
    ...(settings.fitId === undefined ? {} : { fitId: settings.fitId }),
    ...(settings.queue === undefined ? {} : { queue: settings.queue }),
  });
  const where = isRemoteRows(X) ? ', rows read by the workers only' : '';
  io.stderr(
    `fit ${executor.fitId}: ${X.rows} rows x ${X.cols} from ${parts.length} source(s)${where}\n`,
  );
  const limits = {
    ...(settings.maxIterations === undefined ? {} : { maxIterations: settings.maxIterations }),
    ...(settings.tolerance === undefined ? {} : { tolerance: settings.tolerance }),
  };
  try {
    const model =
      settings.algorithm === 'em' || isRemoteRows(X)
        ? await fitMixtureAsync(X, {
            family: gaussianFamily(settings.covariance),
            nClusters: settings.k,
            random: settings.seed,
            init: settings.init,
            executor,
            ...limits,
          })
        : await new KMeans({ nClusters: settings.k, ...limits }).fitAsync(X, {
            random: settings.seed,
            executor,
          });
    outputs.file(settings.modelOut).write(`${JSON.stringify(model.toJSON())}\n`);
    const { dispatched, fromCheckpoint } = executor.counts;
    await executor.close({ clear: true });
    return `${settings.algorithm} k=${settings.k}: ${model.diagnostics.iterations} iterations, objective ${model.diagnostics.objective.at(-1)}, ${dispatched} rounds on workers (${fromCheckpoint} from checkpoints); model written to ${settings.modelOut}`;
  } catch (error) {
    // Keep the checkpoints: the same command with the same --fit-id resumes.
    await executor.close();
    throw error;
  }
}
