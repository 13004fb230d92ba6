import { availableParallelism } from 'node:os';
import { CliError } from '../cliError.js';
import {
  algorithms,
  criteria,
  type FitSettings,
  missingPolicies,
  outOfCoreChoices,
} from './fitSettings.js';
import { checkOptionScope } from './optionScope.js';
import { siblingPath } from './outputPaths.js';
import { parseCellSettings } from './parseCellSettings.js';
import { parseChoices } from './parseChoices.js';
import { parseDelimiter } from './parseDelimiter.js';
import { parseMemoryLimit } from './parseMemoryLimit.js';
import { parseMethodSettings } from './parseMethodSettings.js';
import { parseNumberOption } from './parseNumberOption.js';
import { parseSpillDir } from './parseSpillDir.js';
import type { RawFitOptions } from './rawFitOptions.js';

/**
 * Validates every `mixkit fit` option (one `CliError` naming the option) and fills defaults.
 * `given` holds the options typed on the command line (not defaults): one the chosen algorithm
 * does not take is an error, never silently ignored.
 */
export function parseFitSettings(
  data: string,
  raw: RawFitOptions,
  given: ReadonlySet<string> = new Set(),
): FitSettings {
  const [algorithm] = parseChoices('--algo', raw.algo, algorithms);
  const [criterion] = parseChoices('--criterion', raw.criterion, criteria);
  const [missing] = parseChoices('--missing', raw.missing, missingPolicies);
  const [outOfCore] = parseChoices('--out-of-core', raw.outOfCore, outOfCoreChoices);
  if (
    algorithm === undefined ||
    criterion === undefined ||
    missing === undefined ||
    outOfCore === undefined
  ) {
    throw new CliError('--algo, --criterion, --missing and --out-of-core take exactly one value');
  }
  checkOptionScope(algorithm, given);
  const { method, k, covariance } = parseMethodSettings(algorithm, raw, given);
  const streamable = method.algorithm === 'em' && method.select === 'grid';
  if (outOfCore === 'always' && !streamable) {
    throw new CliError(
      `--out-of-core always: only mixtures fitted by EM over a grid (--algo em) stream the file; --algo ${algorithm}${method.algorithm === 'em' ? ' --select mclust' : ''} runs in memory`,
    );
  }
  const labelsOut = raw.labelsOut ?? siblingPath(data, '.labels.csv');
  const modelOut = raw.modelOut ?? siblingPath(data, '.model.json');
  return {
    data,
    method,
    k,
    covariance,
    criterion,
    seed: parseNumberOption('--seed', raw.seed, { integer: true, min: 0 }),
    maxIterations:
      raw.maxIterations === undefined
        ? undefined
        : parseNumberOption('--max-iterations', raw.maxIterations, { integer: true, min: 0 }),
    tolerance:
      raw.tolerance === undefined
        ? undefined
        : parseNumberOption('--tolerance', raw.tolerance, { min: 0 }),
    nInit: parseNumberOption('--n-init', raw.nInit, { integer: true, min: 1 }),
    workers:
      raw.workers === undefined
        ? availableParallelism()
        : parseNumberOption('--workers', raw.workers, { integer: true, min: 0 }),
    regCovar:
      raw.regCovar === undefined
        ? undefined
        : parseNumberOption('--reg-covar', raw.regCovar, { min: 0 }),
    proba: raw.proba,
    scores: raw.scores,
    json: raw.json,
    columns: {
      gaussian: raw.gaussian,
      t: raw.t,
      vmf: raw.vmf,
      poisson: raw.poisson,
      bernoulli: raw.bernoulli,
      counts: raw.counts,
      categorical: raw.categorical,
      ignore: raw.ignore,
      label: raw.label,
    },
    cells: parseCellSettings(raw.decimal, raw.na),
    missing,
    outOfCore,
    memoryLimit: parseMemoryLimit(raw.memoryLimit),
    spill: parseSpillDir(raw.spillDir, raw.spill),
    delimiter: parseDelimiter(raw.delimiter),
    labelsOut,
    modelOut,
  };
}
