import type { GaussianModelName } from '../options/fitSettings.js';
import type { FitReport, Spread } from './fitReport.js';
import { formatNumber } from './formatNumber.js';

/** mclust's words for its models (`mclustModelNames`). */
const mclustShapes: Record<GaussianModelName, string> = {
  EII: 'spherical, equal volume',
  VII: 'spherical, unequal volume',
  EEI: 'diagonal, equal volume and shape',
  VEI: 'diagonal, varying volume, equal shape',
  EVI: 'diagonal, equal volume, varying shape',
  VVI: 'diagonal, varying volume and shape',
  EEE: 'ellipsoidal, equal volume, shape and orientation',
  VEE: 'ellipsoidal, equal shape and orientation',
  EVE: 'ellipsoidal, equal volume and orientation',
  VVE: 'ellipsoidal, equal orientation',
  EEV: 'ellipsoidal, equal volume and equal shape',
  VEV: 'ellipsoidal, equal shape',
  EVV: 'ellipsoidal, equal volume',
  VVV: 'ellipsoidal, varying volume, shape and orientation',
};

/** What a report prints around its tables, for one algorithm. */
export interface DetailLines {
  /** Printed before the model's summary (mclust's BIC table). */
  readonly before: readonly string[];
  /** The model's summary: what was fitted and how it scored. */
  readonly headline: readonly string[];
  /** Printed after the component table (what noise means, unused components). */
  readonly after: readonly string[];
}

/**
 * The lines of the text report that differ by algorithm, read from the report's `details`: the
 * one place the text report tells the algorithms apart.
 */
export function formatDetails(report: FitReport): DetailLines {
  const { details } = report;
  const fixed = (value: number | null) => (value ?? Number.NaN).toFixed(1);
  const scores = `  log-likelihood ${fixed(report.logLikelihood)}   BIC ${fixed(report.bic)}   AIC ${fixed(report.aic)}   ICL ${fixed(report.icl)}   parameters ${report.nParameters}`;
  const found = `${report.k} cluster${report.k === 1 ? '' : 's'}, ${report.noise ?? 0} noise rows`;
  const noise = [
    `Noise: ${report.noise ?? 0} rows lie in no cluster; the labels file gives them -1 (NOISE of @mixkit/core, as scikit-learn writes it; R's dbscan writes 0).`,
  ];
  switch (details.kind) {
    case 'em':
      return {
        before: [],
        // The family names carry the covariance (gaussian-full, gaussian-VEV, ...).
        headline: [
          `Mixture of ${report.k} components, each ${report.families.join(' x ')}`,
          scores,
        ],
        after: [],
      };
    case 'mclust':
      return {
        before: [
          `Model selection as mclust's Mclust(): hierarchical starts, k = ${range(details.grid.map((c) => c.k))} x ${new Set(details.grid.map((c) => c.model)).size} models`,
          `(mclust's BIC = 2·loglik − npar·log(n): higher is better; NA where a covariance became singular)`,
          '',
          details.table.replace(/\n$/, ''),
          '',
          details.summary.replace(/\n$/, ''),
          '',
        ],
        headline: [
          `Mixture of ${report.k} components, mclust's ${details.best.model} (${mclustShapes[details.best.model]}): mclust's BIC ${details.best.bic.toFixed(3)}`,
          scores,
          "  (mixkit's BIC = −2·loglik + npar·log(n), lower is better: mclust's with the sign flipped)",
        ],
        after: [],
      };
    case 'kmeans':
      return {
        before: [],
        headline: [
          `k-means with k = ${report.k}: inertia ${(report.inertia ?? Number.NaN).toFixed(2)}`,
        ],
        after: [],
      };
    case 'bayes': {
      const unused = details.unusedComponents;
      const upper = report.k + (details.pruned ? unused.length : 0);
      return {
        before: [],
        headline: [
          `Variational Bayesian mixture of ${upper} components (an upper bound), each ${report.families.join(' x ')}, ${details.weightPrior} weight prior`,
          `  lower bound ${formatNumber(details.lowerBound, 6)} (scikit-learn's lower_bound_); ${upper - unused.length} component${upper - unused.length === 1 ? '' : 's'} used`,
        ],
        after:
          unused.length === 0
            ? [
                'Unused components: none (every component has at least one row of expected membership)',
              ]
            : [
                `Unused components (less than one row of expected membership): ${unused.join(', ')}; ${
                  details.pruned
                    ? `pruned: the labels and the model keep the other ${report.k} (numbered 0..${report.k - 1})`
                    : '--prune drops them from the labels and the model'
                }`,
              ],
      };
    }
    case 'agglomerative':
      return {
        before: [],
        headline: [
          `Agglomerative clustering, ${details.linkage} linkage (${details.metric}), cut ${'k' in details.cut ? `at k = ${details.cut.k}` : `at height ${details.cut.height}: ${report.k} clusters`}`,
          `  heights of the last merges, highest first: ${details.lastMerges.map((h) => formatNumber(h, 4)).join(', ')}`,
        ],
        after: [],
      };
    case 'dbscan':
      return {
        before: [],
        headline: [
          `DBSCAN (eps ${details.eps}, min-pts ${details.minPts}, ${details.metric}): ${found}, ${details.coreSamples} core samples`,
        ],
        after: noise,
      };
    case 'optics':
      return {
        before: [],
        headline: [
          `OPTICS (min-pts ${details.minPts}, eps ${details.eps ?? 'unbounded'}, ${details.metric}), DBSCAN extraction at eps-cluster ${details.epsCluster}: ${found}`,
          `  reachability distances: ${spread(details.reachability)}${details.unreachable > 0 ? `; ${details.unreachable} unreachable (Inf)` : ''}`,
        ],
        after: noise,
      };
    case 'hdbscan':
      return {
        before: [],
        headline: [
          `HDBSCAN (min-pts ${details.minPts}, ${details.clusterSelection} selection, ${details.metric}): ${found}`,
          `  membership probability of clustered rows: ${spread(details.probabilities)}`,
          `  GLOSH outlier scores: ${spread(details.outlierScores)}`,
        ],
        after: noise,
      };
  }
}

function spread(value: Spread | null): string {
  if (value === null) return 'none';
  const f = (x: number) => formatNumber(x, 3);
  return `min ${f(value.min)}, 10% ${f(value.p10)}, median ${f(value.median)}, 90% ${f(value.p90)}, max ${f(value.max)}`;
}

/** `1..9` for consecutive counts, else the list. */
function range(ks: readonly number[]): string {
  const sorted = [...new Set(ks)].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  return sorted.length > 1 && last - first + 1 === sorted.length
    ? `${first}..${last}`
    : sorted.join(',');
}
