import { adjustedRandIndex } from '@mixkit/metrics';
import type { FitOutcome } from '../fit/fitProtocol.js';
import type { FitRun } from '../fit/fitRun.js';
import type { PlaygroundState } from '../state/playgroundState.js';
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
  const snapshot = run.em[emFrame(run, context.shown).parameters];
  // Only the 2-D view draws outlines, and only non-Gaussian components' are dashed.
  const dashedDrawn = state.view === '2d';
  const legend = h(
    'ol',
    { class: 'legend' },
    ...(snapshot?.components ?? []).map((component, j) => {
      const family =
        component.kind === 'gaussian'
          ? `gaussian (${state.covariance})`
          : `${component.kind} (product)`;
      const mean = Array.from(component.mean.slice(0, 3), (v) => v.toPrecision(4)).join(', ');
      return h(
        'li',
        {},
        h('span', {
          class: 'swatch',
          style: `background:${context.palette[j % context.palette.length]}`,
        }),
        `${family}: weight ${component.weight.toFixed(3)}, mean (${mean}${component.mean.length > 3 ? ', ...' : ''})`,
        component.exact || !dashedDrawn
          ? ''
          : h(
              'span',
              { class: 'hint' },
              ' (dashed outline: its mean and covariance, not its shape)',
            ),
      );
    }),
  );
  section.append(legend);
  const outcome = run.outcome;
  if (run.status === 'running' || !outcome) {
    section.append(h('p', {}, `fitting... ${Math.max(0, run.em.length - 1)} EM iterations so far`));
    return section;
  }
  const { em, kmeans } = outcome;
  section.dataset.logLikelihood = String(em.logLikelihood);
  section.dataset.iterations = String(em.iterations);
  section.dataset.converged = String(em.converged);
  section.dataset.bic = String(em.bic);
  section.dataset.labels = em.labels.join(',');
  section.dataset.kmeansLabels = kmeans.labels.join(',');
  section.dataset.kmeansInertia = String(kmeans.inertia);
  section.dataset.kmeansIterations = String(kmeans.iterations);
  section.dataset.startedAt = String(run.startedAt);
  section.dataset.firstSnapshotAt = String(run.firstSnapshotAt ?? run.startedAt);
  section.dataset.finishedAt = String(run.finishedAt ?? run.startedAt);
  const seconds = ((run.finishedAt ?? run.startedAt) - run.startedAt) / 1000;
  const compare = state.compare && state.view === '2d';
  const rows: [string, string][] = [
    ['mean log-likelihood', em.logLikelihood.toFixed(6)],
    ['BIC', em.bic.toFixed(2)],
    ['EM iterations', `${em.iterations} (${em.converged ? 'converged' : 'not converged'})`],
    ...(compare
      ? ([
          [
            'k-means',
            `inertia ${kmeans.inertia.toPrecision(6)} after ${kmeans.iterations} iterations (${kmeans.converged ? 'converged' : 'not converged'})`,
          ],
        ] as [string, string][])
      : []),
    ...agreement(outcome, run.data.trueLabels).filter(
      ([name]) => compare || !name.includes('k-means'),
    ),
  ];
  rows.push([
    compare ? 'fit time (EM and k-means, in the worker)' : 'fit time (in the worker)',
    `${seconds.toFixed(2)} s for ${run.data.X.rows.toLocaleString()} rows`,
  ]);
  section.append(
    h(
      'table',
      { class: 'numbers' },
      ...rows.map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value))),
    ),
  );
  for (const warning of em.warnings) section.append(h('p', { class: 'warning' }, warning));
  return section;
}

const agreements = new WeakMap<FitOutcome, [string, string][]>();

/** Adjusted Rand indices between EM, k-means and the true classes (computed once per fit). */
function agreement(outcome: FitOutcome, truth: Int32Array | undefined): [string, string][] {
  let rows = agreements.get(outcome);
  if (!rows) {
    const { em, kmeans } = outcome;
    rows = [['EM vs k-means labels (ARI)', adjustedRandIndex(em.labels, kmeans.labels).toFixed(3)]];
    if (truth) {
      rows.push(['EM vs true classes (ARI)', adjustedRandIndex(truth, em.labels).toFixed(3)]);
      rows.push([
        'k-means vs true classes (ARI)',
        adjustedRandIndex(truth, kmeans.labels).toFixed(3),
      ]);
    }
    agreements.set(outcome, rows);
  }
  return rows;
}
