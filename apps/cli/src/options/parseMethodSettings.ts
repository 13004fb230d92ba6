import type { ClusterSelection } from '@mixkit/density';
import { gaussianModelNames } from '@mixkit/distributions';
import type { WeightPrior } from '@mixkit/gaussian-mixture';
import { LINKAGE_METHODS } from '@mixkit/hierarchical';
import { CliError } from '../cliError.js';
import {
  type Algorithm,
  type CovarianceName,
  type CovarianceType,
  type DistanceMetric,
  distanceMetrics,
  type MethodSettings,
  selections,
} from './fitSettings.js';
import { parseChoice, parseChoices } from './parseChoices.js';
import { MAX_K_VALUES, parseKRange } from './parseKRange.js';
import { parseNumberOption } from './parseNumberOption.js';
import type { RawFitOptions } from './rawFitOptions.js';

/** scikit-learn's four covariance types, in the order the CLI has always listed them. */
export const covarianceTypes: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];
/** Every covariance `--covariance` takes: the four types, then mclust's fourteen models. */
export const covarianceNames: readonly CovarianceName[] = [
  ...covarianceTypes,
  ...gaussianModelNames,
];
const weightPriors: readonly WeightPrior[] = ['dirichlet-process', 'dirichlet-distribution'];
const clusterSelections: readonly ClusterSelection[] = ['eom', 'leaf'];

/** The method, the component counts and the covariances a fit command asks for. */
export interface ParsedMethod {
  readonly method: MethodSettings;
  readonly k: readonly number[];
  readonly covariance: readonly CovarianceName[];
}

/**
 * The algorithm's own options, checked against each other before any file is read: grids
 * larger than `MAX_K_VALUES` fits, several `--k` where one tree cut or one upper bound is
 * meant, a radius where the algorithm needs one, `--reg-covar` with mclust's unregularised
 * models.
 */
export function parseMethodSettings(
  algorithm: Algorithm,
  raw: RawFitOptions,
  given: ReadonlySet<string>,
): ParsedMethod {
  switch (algorithm) {
    case 'em':
      return parseEm(raw, given);
    case 'kmeans':
      return {
        method: { algorithm },
        k: singleK(raw.k, 'choosing k needs a likelihood (BIC/AIC/ICL); use --algo em for a grid'),
        covariance: [],
      };
    case 'bayes':
      return parseBayes(raw);
    case 'agglomerative':
      return parseAgglomerative(raw, given);
    case 'dbscan': {
      if (raw.eps === undefined) {
        throw new CliError(
          '--algo dbscan needs --eps <radius>: rows within this distance are neighbours (in the units of the columns)',
        );
      }
      const eps = parseNumberOption('--eps', raw.eps, { above: 0 });
      return {
        method: { algorithm, eps, minPts: minPts(raw, 1), metric: metric(raw) },
        k: [],
        covariance: [],
      };
    }
    case 'optics': {
      const eps =
        raw.eps === undefined ? undefined : parseNumberOption('--eps', raw.eps, { above: 0 });
      if (raw.epsCluster === undefined) {
        throw new CliError(
          '--algo optics labels rows by the DBSCAN clustering at --eps-cluster <radius> read off its ordering; give it (--scores writes the reachability distances that help choose it)',
        );
      }
      const epsCluster = parseNumberOption('--eps-cluster', raw.epsCluster, { min: 0 });
      if (eps !== undefined && epsCluster > eps) {
        throw new CliError(`--eps-cluster ${raw.epsCluster}: must be at most --eps ${raw.eps}`);
      }
      return {
        method: { algorithm, eps, epsCluster, minPts: minPts(raw, 1), metric: metric(raw) },
        k: [],
        covariance: [],
      };
    }
    case 'hdbscan': {
      const clusterSelection = parseChoice(
        '--cluster-selection',
        raw.clusterSelection,
        clusterSelections,
      );
      return {
        method: { algorithm, minPts: minPts(raw, 2), clusterSelection, metric: metric(raw) },
        k: [],
        covariance: [],
      };
    }
  }
}

function parseEm(raw: RawFitOptions, given: ReadonlySet<string>): ParsedMethod {
  const select = parseChoice('--select', raw.select, selections);
  if (select === 'mclust') {
    for (const [option, why] of [
      ['nInit', "mclust's selection is deterministic (hierarchical starts): --n-init"],
      ['seed', "mclust's selection is deterministic (hierarchical starts): --seed"],
      ['regCovar', "mclust's models are fitted without regularisation, as by mclust: --reg-covar"],
    ] as const) {
      if (given.has(option)) throw new CliError(`${why} does not apply to --select mclust`);
    }
    if (raw.criterion !== 'bic') {
      throw new CliError(
        `--criterion ${raw.criterion}: --select mclust selects by BIC, as mclust does`,
      );
    }
  }
  // mclust's grid by default: G = 1..9 x the fourteen models.
  const k = parseKRange(select === 'mclust' && !given.has('k') ? '1..9' : raw.k);
  const covariance =
    select === 'mclust' && !given.has('covariance')
      ? gaussianModelNames
      : parseChoices(
          '--covariance',
          raw.covariance,
          select === 'mclust' ? gaussianModelNames : covarianceNames,
        );
  if (k.length * covariance.length > MAX_K_VALUES) {
    throw new CliError(
      `--k ${raw.k} --covariance ${raw.covariance}: ${k.length * covariance.length} fits; a grid takes at most ${MAX_K_VALUES}`,
    );
  }
  const model = covariance.find((name) => !covarianceTypes.some((type) => type === name));
  if (given.has('regCovar') && model !== undefined) {
    throw new CliError(
      `--reg-covar: mclust's models (here ${model}) are fitted without regularisation, as mclust fits them; --reg-covar applies to full, diag, spherical and tied`,
    );
  }
  return { method: { algorithm: 'em', select }, k, covariance };
}

function parseBayes(raw: RawFitOptions): ParsedMethod {
  const k = singleK(
    raw.k,
    '--algo bayes takes one --k, an upper bound on the components (the posterior leaves those it does not need empty)',
  );
  const covariance = parseChoices('--covariance', raw.covariance, covarianceTypes);
  const [covarianceType] = covariance;
  if (covarianceType === undefined || covariance.length !== 1) {
    throw new CliError(`--covariance ${raw.covariance}: --algo bayes takes one covariance type`);
  }
  const weightPrior = parseChoice('--weight-prior', raw.weightPrior, weightPriors);
  return {
    method: {
      algorithm: 'bayes',
      covarianceType,
      weightPrior,
      weightConcentration:
        raw.weightConcentration === undefined
          ? undefined
          : parseNumberOption('--weight-concentration', raw.weightConcentration, { above: 0 }),
      prune: raw.prune,
    },
    k,
    covariance,
  };
}

function parseAgglomerative(raw: RawFitOptions, given: ReadonlySet<string>): ParsedMethod {
  const linkage = parseChoice('--linkage', raw.linkage, LINKAGE_METHODS);
  const distance = metric(raw);
  if (linkage === 'ward' && distance !== 'euclidean') {
    throw new CliError(
      `--metric ${distance}: Ward linkage is defined for euclidean distances only; use --linkage complete, average or single`,
    );
  }
  let height: number | undefined;
  if (raw.height !== undefined) {
    if (given.has('k')) throw new CliError('--height and --k: cut the tree by one of them');
    height = parseNumberOption('--height', raw.height, { min: 0 });
  }
  const k =
    height === undefined
      ? singleK(
          raw.k,
          'agglomerative clustering cuts its tree once: give one --k (or --height); the report lists the heights of the last merges',
        )
      : [];
  return {
    method: { algorithm: 'agglomerative', linkage, metric: distance, height },
    k,
    covariance: [],
  };
}

function singleK(text: string, why: string): number[] {
  const k = parseKRange(text);
  if (k.length !== 1) throw new CliError(`--k ${k.join(',')}: ${why}`);
  return k;
}

function minPts(raw: RawFitOptions, least: number): number {
  return parseNumberOption('--min-pts', raw.minPts, { integer: true, min: least });
}

function metric(raw: RawFitOptions): DistanceMetric {
  return parseChoice('--metric', raw.metric, distanceMetrics);
}
