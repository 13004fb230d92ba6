import { gaussianModelNames } from '@mixkit/distributions';
import { adjustedRandIndex } from '@mixkit/metrics';
import type { ComponentSummary, FitOutcome } from '../fit/fitProtocol.js';
import type { FitRun } from '../fit/fitRun.js';
import { mclustComponentRange } from '../methods/limits.js';
import { isHardMethod, KIND_LABELS, METHOD_LABELS } from '../state/methodRules.js';
import type { PlaygroundState } from '../state/playgroundState.js';
import { type ClustererNumbers, clustererNumbers } from './clustererResult.js';
import { h } from './dom.js';
import { emFrame } from './stage.js';

export interface ResultContext {
  readonly state: PlaygroundState;
  readonly run: FitRun | undefined;
  readonly shown: number;
  readonly palette: readonly string[];
}

/**
 * The fit's numbers in words, plus the machine-readable record on `#fit-result`: the final mean
 * log-likelihood (full precision, `String(number)` round-trips), iterations, convergence and the
 * labels, as the library reported them. The e2e test compares these with its own library run.
 */
export function renderResult(context: ResultContext): HTMLElement {
  const { run, state } = context;
  const section = h('section', { id: 'fit-result', 'aria-live': 'polite' });
  if (!run) {
    section.dataset.status = 'idle';
    return section;
  }
  section.dataset.status = run.status;
  if (run.status === 'error') {
    section.append(h('p', { class: 'error' }, `The fit failed: ${run.error ?? 'unknown error'}`));
    return section;
  }
  section.dataset.method = state.method;
  const outcome = run.outcome;
  const compare = state.compare && state.view === '2d';
  let clusterer: ClustererNumbers | undefined;
  if (isHardMethod(state.method)) {
    if (run.status === 'running' || !outcome?.clusterer) {
      section.append(h('p', {}, `${METHOD_LABELS[state.method]}: fitting in the worker...`));
      return section;
    }
    clusterer = clustererNumbers(section, outcome.clusterer, state, context.palette);
    section.append(clusterer.legend);
  } else {
    const snapshot = run.em[emFrame(run, context.shown).parameters];
    section.append(
      h(
        'ol',
        { class: 'legend' },
        ...(snapshot?.components ?? []).map((component, j) =>
          legendItem(component, j, context, outcome),
        ),
      ),
    );
    if (run.status === 'running' || !outcome?.em) {
      const note =
        state.method === 'mclust' && run.em.length === 0
          ? mclustFittingNote(run.data.X.rows)
          : `fitting... ${Math.max(0, run.em.length - 1)} iterations so far`;
      section.append(h('p', {}, note));
      return section;
    }
  }
  if (!outcome) return section;
  const { em, kmeans } = outcome;
  const labels = em?.labels ?? outcome.clusterer?.labels;
  if (labels) section.dataset.labels = labels.join(',');
  if (em) {
    section.dataset.logLikelihood = String(em.logLikelihood);
    section.dataset.iterations = String(em.iterations);
    section.dataset.converged = String(em.converged);
    if (em.bic !== undefined) section.dataset.bic = String(em.bic);
  }
  section.dataset.kmeansLabels = kmeans.labels.join(',');
  section.dataset.kmeansInertia = String(kmeans.inertia);
  section.dataset.kmeansIterations = String(kmeans.iterations);
  section.dataset.startedAt = String(run.startedAt);
  section.dataset.firstSnapshotAt = String(run.firstSnapshotAt ?? run.startedAt);
  section.dataset.finishedAt = String(run.finishedAt ?? run.startedAt);
  const seconds = ((run.finishedAt ?? run.startedAt) - run.startedAt) / 1000;
  const rows: [string, string][] = [
    ...(em ? mixtureRows(em, outcome) : []),
    ...(clusterer?.rows ?? []),
    ...(compare
      ? ([
          [
            'k-means',
            `inertia ${kmeans.inertia.toPrecision(6)} after ${kmeans.iterations} iterations (${kmeans.converged ? 'converged' : 'not converged'})`,
          ],
        ] as [string, string][])
      : []),
    ...agreement(outcome, run.data.trueLabels, state).filter(
      ([name]) => compare || !name.includes('k-means'),
    ),
  ];
  rows.push([
    compare ? 'fit time (both, in the worker)' : 'fit time (in the worker)',
    `${seconds.toFixed(2)} s for ${run.data.X.rows.toLocaleString()} rows`,
  ]);
  section.append(
    h(
      'table',
      { class: 'numbers' },
      ...rows.map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value))),
    ),
  );
  section.append(...(clusterer?.notes ?? []));
  if (outcome.mclust) {
    section.append(
      h('p', {}, "mclust's BIC (2ℓ − npar·log n: higher is better), the three best of the grid:"),
      h('pre', { class: 'mclust-summary' }, outcome.mclust.summary),
      h(
        'details',
        {},
        h(
          'summary',
          {},
          `the whole table (${outcome.mclust.fits} fits; NA: a singular covariance)`,
        ),
        h('pre', { class: 'mclust-table' }, outcome.mclust.table),
      ),
    );
  }
  for (const warning of em?.warnings ?? []) section.append(h('p', { class: 'warning' }, warning));
  return section;
}

/** A component of the legend: its family and numbers, as the page draws it. */
function legendItem(
  component: ComponentSummary,
  j: number,
  context: ResultContext,
  outcome: FitOutcome | undefined,
): HTMLElement {
  const { state } = context;
  const covariance = outcome?.mclust?.modelName ?? state.covariance;
  const family =
    component.kind === 'gaussian'
      ? `Gaussian (${covariance})`
      : component.kind === 'gamma' ||
          component.kind === 'lognormal' ||
          component.kind === 'exponential'
        ? `${KIND_LABELS[component.kind]} (product)`
        : KIND_LABELS[component.kind];
  const short = (v: number) => v.toPrecision(4);
  const mean = Array.from(component.mean.slice(0, 3), short).join(', ');
  const where =
    component.concentration !== undefined
      ? `direction ${((Math.atan2(component.mean[1] ?? 0, component.mean[0] ?? 1) * 180) / Math.PI).toFixed(1)}°, κ = ${short(component.concentration)}`
      : `${component.dof === undefined ? 'mean' : 'location'} (${mean}${component.mean.length > 3 ? ', ...' : ''})${component.dof === undefined ? '' : `, ν = ${short(component.dof)}`}`;
  // Only the 2-D view draws outlines, and only moment-matched components' are dashed.
  const dashed = !component.exact && state.view === '2d';
  return h(
    'li',
    { class: component.unused ? 'unused' : '' },
    h('span', {
      class: 'swatch',
      style: `background:${context.palette[j % context.palette.length]}`,
    }),
    `${family}: weight ${component.weight.toFixed(3)}, ${where}`,
    dashed
      ? h('span', { class: 'hint' }, ' (dashed outline: its mean and covariance, not its shape)')
      : '',
    component.dof !== undefined && state.view === '2d'
      ? h('span', { class: 'hint' }, ' (ellipses: its scale matrix Σ, the shape of its contours)')
      : '',
    component.unused
      ? h('span', { class: 'hint' }, ' — unused: less than one row of membership')
      : '',
  );
}

/** The mixture's own numbers: likelihood, BIC or lower bound, iterations, unused components. */
function mixtureRows(em: NonNullable<FitOutcome['em']>, outcome: FitOutcome): [string, string][] {
  const rows: [string, string][] = [['mean log-likelihood', em.logLikelihood.toFixed(6)]];
  if (em.bic !== undefined) rows.push(['BIC (mixkit: lower is better)', em.bic.toFixed(2)]);
  if (outcome.mclust) {
    rows.push([
      "mclust's choice",
      `${outcome.mclust.modelName} with ${outcome.mclust.nClusters} components, BIC ${outcome.mclust.bic.toFixed(3)} (mclust's sign: higher is better), ${outcome.mclust.mSteps} M-steps in mclust's count`,
    ]);
  }
  const variational = outcome.variational;
  if (variational) {
    rows.push(['evidence lower bound', variational.lowerBound.toFixed(4)]);
    rows.push([
      'unused components',
      variational.unused.length === 0
        ? 'none'
        : `${variational.unused.map((c) => `#${c + 1}`).join(', ')} of ${variational.weights.length} (less than one row each; prune() drops them)`,
    ]);
  }
  rows.push(['iterations', `${em.iterations} (${em.converged ? 'converged' : 'not converged'})`]);
  return rows;
}

/** What the page says while mclust's grid runs: how many fits, over which numbers of components. */
function mclustFittingNote(rows: number): string {
  const top = mclustComponentRange(rows).length;
  const models = gaussianModelNames.length;
  return `mclust: fitting ${top * models} models (1 to ${top} component${top === 1 ? '' : 's'} x ${models} models) in the worker...`;
}

const agreements = new WeakMap<FitOutcome, [string, string][]>();

/**
 * Adjusted Rand indices between the method, k-means and the true classes (computed once per
 * fit; noise counts as one more group).
 */
function agreement(
  outcome: FitOutcome,
  truth: Int32Array | undefined,
  state: PlaygroundState,
): [string, string][] {
  let rows = agreements.get(outcome);
  const labels = outcome.em?.labels ?? outcome.clusterer?.labels;
  if (!rows && labels) {
    const { kmeans } = outcome;
    const name = state.method === 'em' ? 'EM' : METHOD_LABELS[state.method];
    rows = [
      [`${name} vs k-means labels (ARI)`, adjustedRandIndex(labels, kmeans.labels).toFixed(3)],
    ];
    if (truth) {
      rows.push([`${name} vs true classes (ARI)`, adjustedRandIndex(truth, labels).toFixed(3)]);
      rows.push([
        'k-means vs true classes (ARI)',
        adjustedRandIndex(truth, kmeans.labels).toFixed(3),
      ]);
    }
    agreements.set(outcome, rows);
  }
  return rows ?? [];
}
