import {
  type ComponentKind,
  type CovarianceChoice,
  isCovarianceType,
  isMixtureMethod,
  type MethodName,
  type PlaygroundState,
  type Radius,
} from './playgroundState.js';

/** What each method is called in the form, the captions and the result. */
export const METHOD_LABELS: Record<MethodName, string> = {
  em: 'mixture by EM',
  variational: 'variational Bayes mixture',
  mclust: 'mclust model selection',
  agglomerative: 'agglomerative (hierarchical)',
  dbscan: 'DBSCAN',
  optics: 'OPTICS',
  hdbscan: 'HDBSCAN',
};

/** What each component family is called in the form and the legend. */
export const KIND_LABELS: Record<ComponentKind, string> = {
  gaussian: 'Gaussian',
  'student-t': 'Student t',
  'student-t-diag': 'Student t (diag)',
  'von-mises-fisher': 'von Mises–Fisher',
  gamma: 'gamma',
  lognormal: 'log-normal',
  exponential: 'exponential',
};

/** A form field that only some methods use. */
export type MethodField =
  | 'k'
  | 'families'
  | 'covariance'
  | 'init'
  | 'seed'
  | 'weightPrior'
  | 'concentration'
  | 'linkage'
  | 'cut'
  | 'height'
  | 'eps'
  | 'maxEps'
  | 'minPts'
  | 'selection';

/**
 * The fields the state's method reads (the others are hidden, and left out of the link). k and
 * the seed also drive k-means, so they show whenever k-means is beside the method.
 */
export function visibleFields(state: PlaygroundState): ReadonlySet<MethodField> {
  const fields = new Set<MethodField>();
  const kmeans = state.compare && state.view === '2d';
  if (kmeans) fields.add('k').add('seed');
  switch (state.method) {
    case 'em':
      fields.add('k').add('families').add('init').add('seed');
      // The covariance choice shapes the Gaussian components only.
      if (state.families.includes('gaussian')) fields.add('covariance');
      break;
    case 'variational':
      fields.add('k').add('covariance').add('init').add('seed').add('weightPrior');
      fields.add('concentration');
      break;
    case 'mclust':
      break;
    case 'agglomerative':
      fields.add('linkage').add('cut');
      fields.add(state.cut === 'k' ? 'k' : 'height');
      break;
    case 'dbscan':
      fields.add('eps').add('minPts');
      break;
    case 'optics':
      fields.add('eps').add('maxEps').add('minPts');
      break;
    case 'hdbscan':
      fields.add('minPts').add('selection');
      break;
  }
  return fields;
}

/** The covariance choices a method offers: the variational mixture has scikit-learn's four only. */
export function covarianceChoicesFor(
  method: MethodName,
  choices: readonly CovarianceChoice[],
): readonly CovarianceChoice[] {
  return method === 'variational' ? choices.filter(isCovarianceType) : choices;
}

/** True when the fit's rows are scaled to unit length: EM with a von Mises–Fisher component. */
export function usesUnitRows(state: PlaygroundState): boolean {
  return state.method === 'em' && state.families.includes('von-mises-fisher');
}

/**
 * Why the state cannot be fitted as it stands (a sentence for the page), or undefined. The 1-D
 * view draws mixture densities: it shows EM and the variational mixture, and a von Mises–Fisher
 * component needs directions in two or more columns.
 */
export function methodProblem(state: PlaygroundState): string | undefined {
  if (state.view === '1d') {
    if (state.method !== 'em' && state.method !== 'variational') {
      return `the 1-D view shows mixtures fitted by EM or variational Bayes: choose the 2-D scatter for ${METHOD_LABELS[state.method]}`;
    }
    if (usesUnitRows(state)) {
      return 'a von Mises–Fisher component models directions in 2 or more columns: choose the 2-D scatter';
    }
  }
  return undefined;
}

/**
 * The k the worker's k-means runs with. k-means runs beside every method (its labels are the
 * comparison's), but when the form hides k (a density clusterer without the comparison) the
 * user cannot lower it, so it is capped by the rows rather than refusing a small data set.
 */
export function kmeansClusters(state: PlaygroundState, rows: number): number {
  return visibleFields(state).has('k') ? state.k : Math.max(1, Math.min(state.k, rows));
}

/**
 * Why `rows` rows are too few for the state (a sentence for the page), or undefined: no rows
 * at all, or fewer rows than the k the form shows, named after what k counts there.
 */
export function tooFewRows(state: PlaygroundState, rows: number): string | undefined {
  if (rows === 0) {
    return state.dataset === 'custom'
      ? 'no points yet: click in the plot to add some'
      : 'the data has no rows';
  }
  if (rows >= kmeansClusters(state, rows)) return undefined;
  const what =
    state.method === 'em' || state.method === 'variational'
      ? 'components'
      : state.method === 'agglomerative' && state.cut === 'k'
        ? 'clusters'
        : 'k-means clusters';
  return `need at least ${state.k} points for ${state.k} ${what} (have ${rows})`;
}

/** Reads a radius as the form writes it: `auto` or a positive number; undefined otherwise. */
export function parseRadius(text: string): Radius | undefined {
  const trimmed = text.trim();
  if (trimmed === 'auto') return 'auto';
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** True for a hard clusterer (no mixture: labels, maybe noise, no iterations to step through). */
export function isHardMethod(method: MethodName): boolean {
  return !isMixtureMethod(method);
}
