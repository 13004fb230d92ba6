import { CliError } from '../cliError.js';
import { algorithms, covarianceTypes, criteria, type FitSettings } from './fitSettings.js';
import { siblingPath } from './outputPaths.js';
import { parseChoices } from './parseChoices.js';
import { parseDelimiter } from './parseDelimiter.js';
import { parseKRange } from './parseKRange.js';
import { parseNumberOption } from './parseNumberOption.js';

/** `mixkit fit` options as commander hands them over (strings and string lists). */
export interface RawFitOptions {
  readonly k: string;
  readonly criterion: string;
  readonly algo: string;
  readonly covariance: string;
  readonly gaussian?: string[];
  readonly poisson?: string[];
  readonly bernoulli?: string[];
  readonly counts?: string[];
  readonly categorical?: string[];
  readonly ignore?: string[];
  readonly label?: string;
  readonly seed: string;
  readonly maxIterations?: string;
  readonly tolerance?: string;
  readonly nInit: string;
  readonly proba: boolean;
  readonly json: boolean;
  readonly delimiter?: string;
  readonly labelsOut?: string;
  readonly modelOut?: string;
}

/** Validates every `mixkit fit` option (one `CliError` naming the option) and fills defaults. */
export function parseFitSettings(data: string, raw: RawFitOptions): FitSettings {
  const [algorithm] = parseChoices('--algo', raw.algo, algorithms);
  const [criterion] = parseChoices('--criterion', raw.criterion, criteria);
  if (algorithm === undefined || criterion === undefined) {
    throw new CliError('--algo and --criterion take exactly one value');
  }
  const covariance = parseChoices('--covariance', raw.covariance, covarianceTypes);
  if (algorithm === 'kmeans' && raw.proba) {
    throw new CliError(
      '--proba needs a mixture (k-means gives hard labels only); drop --algo kmeans',
    );
  }
  const labelsOut = raw.labelsOut ?? siblingPath(data, '.labels.csv');
  const modelOut = raw.modelOut ?? siblingPath(data, '.model.json');
  if (labelsOut === modelOut) throw new CliError('--labels-out and --model-out name the same file');
  return {
    data,
    algorithm,
    k: parseKRange(raw.k),
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
    proba: raw.proba,
    json: raw.json,
    columns: {
      gaussian: raw.gaussian,
      poisson: raw.poisson,
      bernoulli: raw.bernoulli,
      counts: raw.counts,
      categorical: raw.categorical,
      ignore: raw.ignore,
      label: raw.label,
    },
    delimiter: parseDelimiter(raw.delimiter),
    labelsOut,
    modelOut,
  };
}
