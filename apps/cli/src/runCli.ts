import { AbortedError, MixkitError, WorkerError } from '@mixkit/core';
import { Command, CommanderError } from 'commander';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { cliVersion } from './cliVersion.js';
import { fitCommand } from './commands/fitCommand.js';
import { predictCommand } from './commands/predictCommand.js';
import type { WorkerCliOptions } from './commands/workerCommand.js';
import { fitExamples, predictExamples } from './helpText.js';
import { collectList } from './options/collectList.js';
import {
  checkRedisOnlyOptions,
  parseDistributedFit,
  type RawDistributedOptions,
} from './options/parseDistributedFit.js';
import { parseFitSettings } from './options/parseFitSettings.js';
import { parsePredictSettings, type RawPredictOptions } from './options/parsePredictSettings.js';
import type { RawFitOptions } from './options/rawFitOptions.js';
import { cliWording } from './output/cliWording.js';

/** Exit status of an interrupted run (128 + SIGINT, as shells report it). */
export const INTERRUPTED = 130;

/**
 * Runs the `mixkit` command line and resolves to the exit status: 0 on success, 2 for bad
 * usage or input (one line on stderr naming the file, row and column, or the option), 1 when
 * writing an output fails, a worker thread crashes, or anything unexpected happens, 130 when interrupted (`io.signal`).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed help, the version or the usage error; usage errors exit 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (AbortedError.isInstance(error) || io.signal?.aborted) {
      io.stderr('mixkit: interrupted; no output was written\n');
      return INTERRUPTED;
    }
    if (error instanceof CliError) {
      io.stderr(`mixkit: ${error.message}\n`);
      return error.exitCode;
    }
    // A worker thread that crashed is not the input's fault: one line, status 1.
    if (WorkerError.isInstance(error)) {
      io.stderr(`mixkit: ${error.message}\n`);
      return 1;
    }
    if (MixkitError.isInstance(error)) {
      io.stderr(`mixkit: ${cliWording(error.message)}\n`);
      return 2;
    }
    io.stderr(`mixkit: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 1;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('mixkit')
    .description(
      "Cluster CSV/TSV files: mixtures of arbitrary generative components (EM, mclust's models,\nvariational), k-means, agglomerative, DBSCAN, OPTICS and HDBSCAN; select models, and\nlabel new rows with a saved model.",
    )
    .version(cliVersion(), '-V, --version', 'print the version of mixkit and exit')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', fitExamples);

  const fit = program
    .command('fit')
    .description(
      'fit a mixture, k-means, agglomerative, DBSCAN, OPTICS or HDBSCAN clustering to a CSV/TSV file with a header row',
    )
    .argument('<data>', 'CSV or TSV file with a header row (.tsv/.tab files are tab-separated)')
    .option(
      '--algo <name>',
      'em (a mixture by EM), kmeans, bayes (variational mixture), agglomerative, dbscan, optics or hdbscan',
      'em',
    )
    .option(
      '--k <counts>',
      'components or clusters: 3, a range 2..8 or a list 2,3,5 (a grid is selected; em only)',
      '3',
    )
    .option('--criterion <name>', 'model selection criterion for a grid: bic, aic or icl', 'bic')
    .option(
      '--covariance <names>',
      "Gaussian covariance: full, diag, spherical, tied or mclust's models EII ... VVV (a list is selected; Student t: full or diag)",
      'full',
    )
    .option(
      '--select <how>',
      "em: grid (k-means starts, selected by --criterion) or mclust (R's Mclust(): hierarchical starts, k = 1..9 x 14 models by default, mclust's BIC)",
      'grid',
    )
    .option('--gaussian <columns>', 'columns modelled jointly as Gaussian', collectList)
    .option(
      '--t <columns>',
      'columns modelled jointly as Student t (robust to outliers)',
      collectList,
    )
    .option(
      '--vmf <columns>',
      'columns of a direction (von Mises-Fisher; rows scaled to length 1)',
      collectList,
    )
    .option('--poisson <columns>', 'columns modelled as Poisson counts', collectList)
    .option('--bernoulli <columns>', 'columns of 0/1 values', collectList)
    .option('--counts <columns>', 'count columns modelled jointly as a multinomial', collectList)
    .option('--categorical <columns>', 'columns of unordered levels', collectList)
    .option('--ignore <columns>', 'columns to leave out of the model', collectList)
    .option('--label <column>', 'column of true classes: left out and scored with ARI')
    .option('--seed <n>', 'random seed; the same seed repeats a run exactly', '0')
    .option(
      '--max-iterations <n>',
      'iteration limit per restart (default: 100 EM and bayes, 300 k-means)',
    )
    .option('--tolerance <x>', 'convergence tolerance (default: 1e-3 EM and bayes, 1e-4 k-means)')
    .option('--n-init <n>', 'restarts per fit; the best is kept', '1')
    .option(
      '--workers <n>',
      'em, kmeans, bayes: worker threads for large data, and for the cells of --select mclust (default: one per core; 0: none); the result is the same on any number',
    )
    .option(
      '--reg-covar <x>',
      'added to the diagonal of every Gaussian covariance and Student-t scale (default 1e-6)',
    )
    .option(
      '--weight-prior <name>',
      'bayes: dirichlet-process (stick-breaking) or dirichlet-distribution',
      'dirichlet-process',
    )
    .option(
      '--weight-concentration <x>',
      'bayes: concentration of the weight prior (default 1/k; smaller leaves more components empty)',
    )
    .option('--prune', 'bayes: drop unused components from the labels and the model', false)
    .option('--linkage <name>', 'agglomerative: ward, complete, average or single', 'ward')
    .option('--height <x>', 'agglomerative: cut where merges reach this height (instead of --k)')
    .option(
      '--metric <name>',
      'agglomerative, dbscan, optics, hdbscan: euclidean, manhattan or cosine',
      'euclidean',
    )
    .option(
      '--eps <x>',
      'dbscan: neighbourhood radius (required); optics: largest radius looked at',
    )
    .option('--eps-cluster <x>', 'optics: radius of the DBSCAN clustering read off the ordering')
    .option(
      '--min-pts <n>',
      'dbscan, optics, hdbscan: rows (itself counted) that make a neighbourhood dense; hdbscan: also the least cluster size',
      '5',
    )
    .option('--cluster-selection <how>', 'hdbscan: eom (excess of mass) or leaf', 'eom')
    .option('--proba', "also write each row's component probabilities (em, bayes)", false)
    .option(
      '--scores',
      "also write each row's scores: dbscan core, optics reachability/core distance/order, hdbscan probability/outlier score",
      false,
    )
    .option('--json', 'print a machine-readable JSON summary instead of text', false)
    .option('--decimal <mark>', 'decimal mark of the numbers: point (1.5) or comma (1,5)', 'point')
    .option(
      '--na <values>',
      'texts meaning a missing value, besides an empty cell (default NA; none)',
      collectList,
    )
    .option(
      '--missing <policy>',
      'missing cells: error (refuse them) or marginalize (fit with them, missing at random)',
      'error',
    )
    .option(
      '--out-of-core <when>',
      'auto (when the data exceeds --memory-limit), always or never: stream the file through EM (em grids only)',
      'auto',
    )
    .option(
      '--memory-limit <size>',
      'memory the data may take, e.g. 512 (MiB) or 2G (default: half the RAM)',
    )
    .option(
      '--spill-dir <dir>',
      'out of core: folder of the spill file, the data encoded once for every pass (default: the system temp folder)',
    )
    .option(
      '--no-spill',
      'out of core: no spill file; every pass re-reads and re-parses the data file',
    )
    .option('--delimiter <char>', 'field delimiter (default: tab for .tsv, else sniffed)')
    .option('--labels-out <file>', 'labels file (default: <data>.labels.csv beside the input)')
    .option('--model-out <file>', 'model file (default: <data>.model.json beside the input)')
    .option(
      '--redis <url>',
      'fit on `mixkit worker` processes through Redis (redis:// or rediss://)',
    )
    .option(
      '--source <files>',
      'with --redis: more files of the data set, in row order',
      collectList,
    )
    .option('--fit-id <id>', 'with --redis: name the fit; the same id resumes an interrupted fit')
    .option('--redis-password-file <file>', 'with --redis: file holding the Redis password')
    .option('--tls-ca <file>', 'with --redis: CA certificate of a TLS Redis')
    .option('--data-root <dir>', 'with --redis: directory the file paths are relative to')
    .option(
      '--init <name>',
      'with --redis and --algo em: k-means (default; the rows are loaded here) or random-from-data (only the workers read rows)',
    )
    .addHelpText('after', fitExamples)
    .action(
      async (data: string, options: RawFitOptions & RawDistributedOptions, command: Command) => {
        const given = givenOptions(command);
        const settings = parseFitSettings(data, options, given);
        if (options.redis === undefined) {
          checkRedisOnlyOptions(given);
          await fitCommand(settings, io);
          return;
        }
        // Loaded only when asked for: BullMQ and ioredis would otherwise take a few MB of every
        // run's heap, which an out-of-core fit under a small heap cannot spare.
        const { distributedFitCommand } = await import('./commands/distributedFitCommand.js');
        await distributedFitCommand(
          parseDistributedFit(settings, { ...options, redis: options.redis }, given),
          io,
        );
      },
    );
  fit.configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).exitOverride();

  program
    .command('worker')
    .description('serve the shard jobs of distributed fits (mixkit fit --redis) until stopped')
    .requiredOption(
      '--redis <url>',
      'Redis to serve (redis://[user@]host:port or rediss:// for TLS)',
    )
    .option(
      '--redis-password-file <file>',
      'file holding the Redis password (or MIXKIT_REDIS_PASSWORD)',
    )
    .option('--tls-ca <file>', 'CA certificate of a TLS Redis')
    .option('--tls-cert <file>', 'client certificate, when Redis asks for one')
    .option('--tls-key <file>', 'client key, when Redis asks for one')
    .option('--queue <name>', 'queue to serve', 'mixkit-shards')
    .option('--data-root <dir>', 'the only directory data files are read from (default: here)')
    .option('--cache-mb <n>', 'memory for shard rows kept across rounds, in MiB', '2048')
    .option('--lock-ms <n>', "job lock: a killed worker's job is taken back after this", '30000')
    .option('--verbose', 'print every job served', false)
    .action(async (options: WorkerCliOptions) => {
      const { workerCommand } = await import('./commands/workerCommand.js');
      workerCommand(options, io);
    })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('predict')
    .description('label the rows of a CSV/TSV file with a model saved by "mixkit fit"')
    .argument('<model>', 'model JSON written by mixkit fit')
    .argument('<data>', "CSV or TSV file with the model's columns")
    .option('--proba', "also write each row's component probabilities (mixtures only)", false)
    .option('--json', 'print a machine-readable JSON summary instead of text', false)
    .option('--label <column>', 'column of true classes to score the labels against with ARI')
    .option('--decimal <mark>', 'decimal mark of the numbers: point (1.5) or comma (1,5)', 'point')
    .option(
      '--na <values>',
      'texts meaning a missing value, besides an empty cell (default NA; none)',
      collectList,
    )
    .option('--delimiter <char>', 'field delimiter (default: tab for .tsv, else sniffed)')
    .option('--out <file>', 'labels file (default: <data>.labels.csv beside the input)')
    .addHelpText('after', predictExamples)
    .action(async (model: string, data: string, options: RawPredictOptions) => {
      await predictCommand(parsePredictSettings(model, data, options), io);
    })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  return program;
}

/** The options typed on the command line (not defaults), by commander's attribute name. */
function givenOptions(command: Command): ReadonlySet<string> {
  return new Set(
    Object.keys(command.opts()).filter((name) => command.getOptionValueSource(name) === 'cli'),
  );
}
