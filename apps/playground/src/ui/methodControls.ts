import { LINKAGE_MATRIX_MAX_ROWS, MCLUST_MAX_ROWS } from '../methods/limits.js';
import {
  covarianceChoicesFor,
  METHOD_LABELS,
  type MethodField,
  parseRadius,
} from '../state/methodRules.js';
import {
  COVARIANCE_CHOICES,
  type CovarianceChoice,
  CUT_MODES,
  isCovarianceType,
  LINKAGE_CHOICES,
  METHOD_NAMES,
  type MethodName,
  minPtsRange,
  type PlaygroundState,
  SELECTIONS,
  WEIGHT_PRIORS,
} from '../state/playgroundState.js';
import { h, select } from './dom.js';

/** Applies a change of some fields to the state. */
export type Update = (patch: Partial<PlaygroundState>) => void;

const PRIOR_LABELS = {
  'dirichlet-process': 'Dirichlet process (stick-breaking)',
  'dirichlet-distribution': 'Dirichlet distribution',
} as const;

const SELECTION_LABELS = { eom: 'excess of mass', leaf: 'leaves' } as const;

const METHOD_HINTS: Record<MethodName, string> = {
  em: 'Expectation-maximisation: soft assignments (E-step), then each component re-fitted (M-step).',
  variational:
    "scikit-learn's BayesianGaussianMixture: k is an upper bound; a small weight concentration leaves the components it does not need empty (drawn faint, listed as unused).",
  mclust: `R's Mclust(): 1 to 9 components (at most one per row) x mclust's 14 covariance models, each EM run from its hierarchical start; the highest BIC wins. At most ${MCLUST_MAX_ROWS.toLocaleString('en-US')} rows.`,
  agglomerative: `Merges the two closest clusters, again and again; the dendrogram is cut into clusters. Complete and average linkage: at most ${LINKAGE_MATRIX_MAX_ROWS.toLocaleString('en-US')} rows.`,
  dbscan:
    'A core point has minPts rows within eps (itself counted); clusters are core points within eps of each other, with their border rows; the rest is noise.',
  optics:
    'Orders the rows so that clusters at every radius up to the bound are contiguous (the reachability plot); clusters are extracted at eps.',
  hdbscan:
    'DBSCAN at every radius at once: the clusters that persist longest in the condensed tree are kept. minPts is both the neighbourhood and the least cluster size.',
};

/**
 * The method picker and the method's own settings (the fieldset "Method"): the variational
 * prior, the linkage and the cut, the radii and minPts, HDBSCAN's selection. Only the fields in
 * `fields` show (see `visibleFields`).
 */
export function methodFieldset(
  state: PlaygroundState,
  update: Update,
  fields: ReadonlySet<MethodField>,
): HTMLFieldSetElement {
  const field = (label: string, control: HTMLElement, shown: boolean) =>
    h('label', { class: 'field', hidden: !shown }, h('span', {}, label), control);

  const method = select({ name: 'method' }, METHOD_NAMES, state.method, (m) => METHOD_LABELS[m]);
  method.addEventListener('change', () => {
    const next = METHOD_NAMES.find((m) => m === method.value) ?? state.method;
    update({
      method: next,
      // The variational mixture has scikit-learn's four covariance types and its own starts.
      ...(next === 'variational' && !isCovarianceType(state.covariance)
        ? { covariance: 'full' as const }
        : {}),
      ...(next === 'variational' && state.init === 'random-placement'
        ? { init: 'k-means' as const }
        : {}),
      // DBSCAN's minPts = 1 is below HDBSCAN's least (its field shows the new value).
      ...(state.minPts < minPtsRange(next)[0] ? { minPts: minPtsRange(next)[0] } : {}),
    });
  });

  const prior = select({ name: 'prior' }, WEIGHT_PRIORS, state.weightPrior, (p) => PRIOR_LABELS[p]);
  prior.addEventListener('change', () =>
    update({ weightPrior: WEIGHT_PRIORS.find((p) => p === prior.value) ?? state.weightPrior }),
  );
  const concentration = h('input', {
    type: 'number',
    name: 'conc',
    min: 0,
    step: 'any',
    placeholder: '1/k',
    value: state.concentration ?? '',
    'aria-label': 'weight concentration prior',
  });
  concentration.addEventListener('change', () => {
    if (concentration.value.trim() === '') return update({ concentration: undefined });
    const value = concentration.valueAsNumber;
    if (Number.isFinite(value) && value > 0) update({ concentration: value });
    else invalid(concentration, 'a positive number, or empty for 1/k');
  });

  const linkage = select({ name: 'linkage' }, LINKAGE_CHOICES, state.linkage);
  linkage.addEventListener('change', () =>
    update({ linkage: LINKAGE_CHOICES.find((l) => l === linkage.value) ?? state.linkage }),
  );
  const cut = select({ name: 'cut' }, CUT_MODES, state.cut, (c) =>
    c === 'k' ? 'into k clusters' : 'at a height',
  );
  cut.addEventListener('change', () =>
    update({ cut: CUT_MODES.find((c) => c === cut.value) ?? state.cut }),
  );
  const height = h('input', {
    type: 'number',
    name: 'h',
    min: 0,
    step: 'any',
    value: state.height,
    required: true,
  });
  height.addEventListener('change', () => {
    const value = height.valueAsNumber;
    if (Number.isFinite(value) && value > 0) update({ height: value });
    else invalid(height, 'a positive height');
  });

  const radius = (
    name: string,
    value: PlaygroundState['eps'],
    apply: (r: number | 'auto') => void,
  ) => {
    const input = h('input', {
      type: 'text',
      name,
      inputmode: 'decimal',
      value: String(value),
      size: 7,
      required: true,
    });
    input.addEventListener('change', () => {
      const parsed = parseRadius(input.value);
      if (parsed === undefined) invalid(input, 'auto, or a positive number');
      else apply(parsed);
    });
    return input;
  };
  const eps = radius('eps', state.eps, (value) => update({ eps: value }));
  const maxEps = radius('maxeps', state.maxEps, (value) => update({ maxEps: value }));
  const [lowest, highest] = minPtsRange(state.method);
  const minPts = h('input', {
    type: 'number',
    name: 'minpts',
    min: lowest,
    max: highest,
    step: 1,
    value: state.minPts,
    required: true,
  });
  minPts.addEventListener(
    'change',
    () => minPts.reportValidity() && update({ minPts: minPts.valueAsNumber }),
  );
  const selection = select(
    { name: 'sel' },
    SELECTIONS,
    state.selection,
    (s) => SELECTION_LABELS[s],
  );
  selection.addEventListener('change', () =>
    update({ selection: SELECTIONS.find((s) => s === selection.value) ?? state.selection }),
  );

  return h(
    'fieldset',
    { id: 'method-settings' },
    h('legend', {}, 'Method'),
    field('method', method, true),
    h('p', { class: 'hint method-hint' }, METHOD_HINTS[state.method]),
    field('weight prior', prior, fields.has('weightPrior')),
    field('concentration', concentration, fields.has('concentration')),
    field('linkage', linkage, fields.has('linkage')),
    field('cut', cut, fields.has('cut')),
    field('height', height, fields.has('height')),
    field(state.method === 'optics' ? 'eps (extraction)' : 'eps (radius)', eps, fields.has('eps')),
    field('bound (max eps)', maxEps, fields.has('maxEps')),
    field('minPts', minPts, fields.has('minPts')),
    field('selection', selection, fields.has('selection')),
    h(
      'p',
      { class: 'hint', hidden: !fields.has('eps') },
      'auto: chosen from the data so that three rows in four are core points.',
    ),
  );
}

/** The covariance picker: scikit-learn's four types, then mclust's fourteen models. */
export function covarianceSelect(state: PlaygroundState, update: Update): HTMLSelectElement {
  const choices = covarianceChoicesFor(state.method, COVARIANCE_CHOICES);
  const option = (choice: CovarianceChoice) =>
    h('option', { value: choice, selected: choice === state.covariance }, choice);
  const picker = h(
    'select',
    { name: 'cov' },
    h('optgroup', { label: 'scikit-learn' }, ...choices.filter(isCovarianceType).map(option)),
    ...(choices.some((c) => !isCovarianceType(c))
      ? [
          h(
            'optgroup',
            { label: "mclust's models" },
            ...choices.filter((c) => !isCovarianceType(c)).map(option),
          ),
        ]
      : []),
  );
  picker.addEventListener('change', () =>
    update({ covariance: choices.find((c) => c === picker.value) ?? state.covariance }),
  );
  return picker;
}

/** Marks an input invalid with a message the browser shows. */
function invalid(input: HTMLInputElement, message: string): void {
  input.setCustomValidity(`expected ${message}`);
  input.reportValidity();
  input.addEventListener('input', () => input.setCustomValidity(''), { once: true });
}
