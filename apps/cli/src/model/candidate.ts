import type { JsonValue } from '@mixkit/core';
import type { DbscanModel, HdbscanModel, OpticsModel } from '@mixkit/density';
import { gaussianFamily } from '@mixkit/distributions';
import type { MixtureModel, SelectionRow } from '@mixkit/em';
import type { BayesianGaussianMixtureModel, MclustResult } from '@mixkit/gaussian-mixture';
import type { AgglomerativeModel } from '@mixkit/hierarchical';
import type { KMeansModel } from '@mixkit/kmeans';
import type {
  CovarianceName,
  CovarianceType,
  GaussianModelName,
  MethodSettings,
} from '../options/fitSettings.js';
import { describeWarnings } from '../output/describeWarning.js';
import type { AlgorithmDetails, ComponentReport } from '../output/fitReport.js';
import { spreadOf } from '../output/spreadOf.js';
import {
  type Labeller,
  mixtureLabeller,
  predictingLabeller,
  trainingLabeller,
} from './labeller.js';

type Method<A extends MethodSettings['algorithm']> = Extract<MethodSettings, { algorithm: A }>;

/** One fitted model: a mixture of a grid (with its selection row), or the one model of a fit. */
export type Candidate =
  | {
      readonly algorithm: 'em';
      readonly k: number;
      /** Covariance of the Gaussian block; undefined when there are no Gaussian columns. */
      readonly covariance: CovarianceName | undefined;
      readonly model: MixtureModel;
      /** Its measures on the training data, as `selectMixture` computes them. */
      readonly row: SelectionRow;
      /** The whole `Mclust()` run, when the model is its choice (`--select mclust`). */
      readonly mclust?: MclustResult;
    }
  | {
      readonly algorithm: 'kmeans';
      readonly k: number;
      readonly covariance?: undefined;
      readonly model: KMeansModel;
    }
  | {
      readonly algorithm: 'bayes';
      readonly k: number;
      readonly covariance: CovarianceType;
      /** The model labels come from (pruned with `--prune`). */
      readonly model: BayesianGaussianMixtureModel<CovarianceType>;
      readonly method: Method<'bayes'>;
      /** The fitted model's unused components (before any pruning). */
      readonly unused: readonly number[];
    }
  | {
      readonly algorithm: 'agglomerative';
      readonly k: number;
      readonly covariance?: undefined;
      readonly model: AgglomerativeModel;
      readonly method: Method<'agglomerative'>;
    }
  | {
      readonly algorithm: 'dbscan';
      readonly k: number;
      readonly covariance?: undefined;
      readonly model: DbscanModel;
      readonly method: Method<'dbscan'>;
    }
  | {
      readonly algorithm: 'optics';
      readonly k: number;
      readonly covariance?: undefined;
      readonly model: OpticsModel;
      readonly method: Method<'optics'>;
    }
  | {
      readonly algorithm: 'hdbscan';
      readonly k: number;
      readonly covariance?: undefined;
      readonly model: HdbscanModel;
      readonly method: Method<'hdbscan'>;
    };

/** The labelled training rows, as a component table needs them. */
export interface LabelledRows {
  readonly sizes: readonly number[];
  readonly rows: number;
  /** Each cluster's mean row, k x d (when the candidate asked for `needsMeans`). */
  readonly means: Float64Array;
}

/** What a report says of a candidate, in its terms (null where a measure does not apply). */
export interface CandidateMeasures {
  readonly logLikelihood: number | null;
  readonly nParameters: number | null;
  readonly bic: number | null;
  readonly aic: number | null;
  readonly icl: number | null;
  readonly inertia: number | null;
  /** Iterations of an iterative fit; null for single-pass algorithms. */
  readonly iterations: number | null;
  readonly converged: boolean | null;
  readonly warnings: readonly string[];
  /** Whether rows may be labelled noise (then counted in the report). */
  readonly marksNoise: boolean;
  /** Family kinds in block order (see `FitReport.families`). */
  readonly families: (nBlocks: number) => readonly string[];
  /** Whether the component table needs each cluster's mean row from the labelling pass. */
  readonly needsMeans: boolean;
  /** Weight, size and parameters of every component or cluster. */
  readonly components: (labelled: LabelledRows) => ComponentReport[];
  readonly details: AlgorithmDetails;
  /** How the training rows get their labels (and probabilities or scores). */
  readonly labeller: Labeller;
}

const noMeasures = { logLikelihood: null, nParameters: null, bic: null, aic: null, icl: null };

/**
 * What a report says of a candidate: the one place that tells the algorithms apart (the fit
 * command, the report and the labels file only read these measures).
 */
export function candidateMeasures(candidate: Candidate): CandidateMeasures {
  switch (candidate.algorithm) {
    case 'em':
      return mixtureMeasures(candidate);
    case 'kmeans': {
      const { model } = candidate;
      const d = model.dimension;
      return {
        ...noMeasures,
        inertia: model.inertia,
        ...iterative(model.diagnostics),
        marksNoise: false,
        families: () => ['k-means'],
        needsMeans: false,
        components: ({ sizes, rows }) =>
          sizes.map((size, c) => ({
            size,
            weight: size / rows,
            params: Array.from(model.centers.data.subarray(c * d, (c + 1) * d)),
          })),
        details: { kind: 'kmeans' },
        labeller: predictingLabeller(model),
      };
    }
    case 'bayes':
      return bayesMeasures(candidate);
    case 'agglomerative': {
      const { model, method } = candidate;
      const heights = model.heights;
      return {
        ...hardClusterer(trainingLabeller(model.labels, model.nClusters), false),
        details: {
          kind: 'agglomerative',
          linkage: method.linkage,
          metric: method.metric,
          cut: method.height === undefined ? { k: candidate.k } : { height: method.height },
          lastMerges: Array.from(heights.subarray(Math.max(0, heights.length - 10))).reverse(),
        },
      };
    }
    case 'dbscan': {
      const { model, method } = candidate;
      const core = new Uint8Array(model.labels.length);
      for (const i of model.coreSampleIndices) core[i] = 1;
      return {
        ...hardClusterer(
          trainingLabeller(model.labels, model.nClusters, {
            names: ['core'],
            cells: (i) => String(core[i]),
          }),
          true,
        ),
        details: {
          kind: 'dbscan',
          eps: method.eps,
          minPts: method.minPts,
          metric: method.metric,
          coreSamples: model.coreSampleIndices.length,
        },
      };
    }
    case 'optics': {
      const { model, method } = candidate;
      const position = new Int32Array(model.order.length);
      model.order.forEach((row, t) => {
        position[row] = t;
      });
      let unreachable = 0;
      for (const r of model.reachability) if (!Number.isFinite(r)) unreachable++;
      return {
        ...hardClusterer(
          trainingLabeller(model.labels, model.nClusters, {
            names: ['reachability', 'core_distance', 'order'],
            cells: (i) =>
              `${distanceCell(model.reachability[i])},${distanceCell(model.coreDistances[i])},${position[i]}`,
          }),
          true,
        ),
        details: {
          kind: 'optics',
          eps: method.eps ?? null,
          epsCluster: method.epsCluster,
          minPts: method.minPts,
          metric: method.metric,
          reachability: spreadOf(model.reachability),
          unreachable,
        },
      };
    }
    case 'hdbscan': {
      const { model, method } = candidate;
      const clustered = model.probabilities.filter((_, i) => model.labels[i] >= 0);
      return {
        ...hardClusterer(
          trainingLabeller(model.labels, model.nClusters, {
            names: ['probability', 'outlier_score'],
            cells: (i) =>
              `${Number(model.probabilities[i]?.toPrecision(6))},${Number(model.outlierScores[i]?.toPrecision(6))}`,
          }),
          true,
        ),
        details: {
          kind: 'hdbscan',
          minPts: method.minPts,
          clusterSelection: method.clusterSelection,
          metric: method.metric,
          probabilities: spreadOf(clustered),
          outlierScores: spreadOf(model.outlierScores) ?? zeroSpread,
          clusterStabilities: Array.from(model.clusterStabilities),
        },
      };
    }
  }
}

const zeroSpread = { min: 0, p10: 0, median: 0, p90: 0, max: 0 };

/** A distance for the labels file: `Inf` for an unreachable row, else 6 significant digits. */
function distanceCell(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value)
    ? 'Inf'
    : String(Number(value.toPrecision(6)));
}

function mixtureMeasures(candidate: Extract<Candidate, { algorithm: 'em' }>): CandidateMeasures {
  const { model, row, mclust } = candidate;
  return {
    logLikelihood: row.logLikelihood,
    nParameters: row.nParameters,
    bic: row.bic,
    aic: row.aic,
    icl: row.icl,
    inertia: null,
    // mclust stops EM by its own rule (relative change of the log-likelihood), so the runner's
    // iterations and convergence flag are those of its table, not of the runner it abandoned.
    ...iterative(
      mclust === undefined
        ? model.diagnostics
        : {
            ...model.diagnostics,
            iterations: row.iterations,
            converged: row.converged,
            warnings: model.diagnostics.warnings.filter((w) => w.kind !== 'not-converged'),
          },
    ),
    marksNoise: false,
    families: (nBlocks) => blockKinds(model, nBlocks),
    needsMeans: false,
    components: ({ sizes }) =>
      sizes.map((size, c) => ({
        size,
        weight: model.weights[c] ?? 0,
        params: model.families[c]?.paramsToJSON(model.params[c]) ?? null,
      })),
    details: mclust === undefined ? { kind: 'em' } : mclustDetails(mclust),
    labeller: mixtureLabeller(model, (X) => model.score(X)),
  };
}

function bayesMeasures(candidate: Extract<Candidate, { algorithm: 'bayes' }>): CandidateMeasures {
  const { model, method } = candidate;
  const family = gaussianFamily(model.covarianceType);
  return {
    ...noMeasures,
    inertia: null,
    iterations: model.iterations,
    converged: model.converged,
    warnings: model.converged
      ? []
      : [
          `the variational fit did not converge in ${model.iterations} iterations (raise --max-iterations or --tolerance)`,
        ],
    marksNoise: false,
    families: () => [family.spec().kind],
    needsMeans: false,
    components: ({ sizes }) =>
      sizes.map((size, c) => {
        const params = model.posterior.params[c];
        return {
          size,
          weight: model.weights[c] ?? 0,
          params: params === undefined ? null : family.paramsToJSON(params),
        };
      }),
    details: {
      kind: 'bayes',
      weightPrior: method.weightPrior,
      weightConcentration: method.weightConcentration ?? null,
      lowerBound: model.lowerBound,
      unusedComponents: candidate.unused,
      pruned: method.prune,
    },
    labeller: mixtureLabeller(model),
  };
}

/** The measures every hard clusterer without centers shares (its table shows mean rows). */
function hardClusterer(labeller: Labeller, marksNoise: boolean) {
  return {
    ...noMeasures,
    inertia: null,
    iterations: null,
    converged: null,
    warnings: [],
    marksNoise,
    families: () => [],
    needsMeans: true,
    components: ({ sizes, rows, means }: LabelledRows): ComponentReport[] => {
      const d = sizes.length === 0 ? 0 : means.length / sizes.length;
      return sizes.map((size, c) => ({
        size,
        weight: size / rows,
        params: Array.from(means.subarray(c * d, (c + 1) * d)),
      }));
    },
    labeller,
  } satisfies Omit<CandidateMeasures, 'details'>;
}

function iterative(diagnostics: MixtureModel['diagnostics']) {
  return {
    iterations: diagnostics.iterations,
    converged: diagnostics.converged,
    warnings: describeWarnings(diagnostics),
  };
}

function mclustDetails(result: MclustResult): AlgorithmDetails {
  const best = result.best;
  return {
    kind: 'mclust',
    bicConvention:
      "mclust's BIC = 2·loglik − npar·log(n): higher is better; this report's bic is mixkit's −2·loglik + npar·log(n), lower is better (the same number with the sign flipped)",
    best: { model: best.modelName, k: best.nClusters, bic: best.bic ?? Number.NaN },
    grid: result.candidates.map((cell) => ({
      model: cell.modelName as GaussianModelName,
      k: cell.nClusters,
      bic: cell.bic ?? null,
      logLikelihood: cell.logLikelihood ?? null,
      nParameters: cell.nParameters,
    })),
    table: result.table(),
    summary: result.summary(),
  };
}

/** The family kind of each column block of a mixture (one family, or the product's blocks). */
function blockKinds(model: MixtureModel, nBlocks: number): string[] {
  const spec = model.families[0]?.spec();
  if (spec === undefined) return ['unknown'];
  if (nBlocks === 1) return [spec.kind];
  const options = spec.options;
  const blocks =
    options !== null && typeof options === 'object' && 'blocks' in options ? options.blocks : null;
  return Array.from({ length: nBlocks }, (_, b) => {
    const block = Array.isArray(blocks) ? blocks[b] : null;
    const family =
      block !== null && typeof block === 'object' && 'family' in block ? block.family : null;
    const kind =
      family !== null && typeof family === 'object' && 'kind' in family ? family.kind : null;
    return typeof kind === 'string' ? kind : spec.kind;
  });
}

/** The JSON of a candidate's library model (what the saved model file wraps). */
export function modelJson(candidate: Candidate): JsonValue {
  return candidate.model.toJSON() as JsonValue;
}
