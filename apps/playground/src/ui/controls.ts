import { KIND_LABELS, usesUnitRows, visibleFields } from '../state/methodRules.js';
import {
  COMPONENT_KINDS,
  type ComponentKind,
  DATASETS,
  type DatasetName,
  INIT_NAMES,
  isSynthetic,
  MAX_COMPONENTS,
  MAX_ROWS,
  MIN_COMPONENTS,
  MIN_ROWS,
  type PlaygroundState,
  resizeFamilies,
} from '../state/playgroundState.js';
import { h, select } from './dom.js';
import { covarianceSelect, methodFieldset } from './methodControls.js';

const DATASET_LABELS: Record<DatasetName, string> = {
  faithful: 'Old Faithful (272 x 2)',
  iris: 'Iris (150 x 4)',
  wine: 'Wine (178 x 13)',
  blobs: 'Synthetic blobs',
  mixture: 'Synthetic Gaussian mixture',
  moons: 'Two moons and noise',
  directions: 'Directions (unit circle)',
  custom: 'Click to add points',
  user: 'Your data (CSV/TSV)',
};

const INIT_LABELS: Record<string, string> = {
  'random-placement': 'random placement, wide',
  'random-from-data': 'one random row each',
  'k-means': 'k-means labels',
  'k-means++': 'k-means++ seeds',
  random: 'random responsibilities',
};

/** True when the method fits a mixture (its components are set in the form). */
function isMixture(state: PlaygroundState): boolean {
  return state.method === 'em' || state.method === 'variational';
}

/** What the fieldset of k (and the mixture's components) is called for the state's method. */
function componentsLegend(state: PlaygroundState): string {
  if (isMixture(state)) return 'Components';
  if (state.method === 'agglomerative' && state.cut === 'k') return 'Clusters';
  return 'k-means beside it';
}

/** What the k field is called for the state's method. */
function kLabel(state: PlaygroundState): string {
  if (state.method === 'variational') return 'k (at most)';
  if (state.method === 'agglomerative') return 'k (clusters of the cut)';
  return isMixture(state) ? 'k' : 'k of k-means';
}

/** The user's table as the data fieldset shows it. */
export interface UserDataStatus {
  /** The last pasted text (kept across re-renders of the form). */
  readonly pasted: string;
  /** `source: n rows x d columns` and the notes on its columns, once a table was read. */
  readonly summary: readonly string[];
  /** The located error of the last table that failed to read. */
  readonly error?: string;
}

export interface ControlsContext {
  readonly state: PlaygroundState;
  readonly user: UserDataStatus;
  /** A table the user chose or dropped (its bytes) or pasted (its text), and where it came from. */
  onUserText(text: string | Uint8Array, source: string): void;
  /** Column names of the loaded data (for the axis pickers). */
  readonly featureNames: readonly string[];
  readonly palette: readonly string[];
  onChange(next: PlaygroundState): void;
}

/**
 * The form that edits the state. It is rebuilt from the state after every change (the state is
 * the single source of truth, also for the URL), which keeps form, URL and fit in agreement.
 */
export function renderControls(context: ControlsContext): HTMLFormElement {
  const { state, featureNames, onChange } = context;
  const update = (patch: Partial<PlaygroundState>) => onChange({ ...state, ...patch });
  const columnChoices = featureNames.map((_, index) => index);
  const columnLabel = (index: number) => featureNames[index] ?? `column ${index}`;
  const synthetic = isSynthetic(state.dataset);
  const fields = visibleFields(state);

  const field = (label: string, control: HTMLElement, hidden = false) =>
    h('label', { class: 'field', hidden }, h('span', {}, label), control);
  const numberInput = (name: string, value: number, min: number, max: number) =>
    h('input', { type: 'number', name, value, min, max, step: 1, required: true });

  const viewTabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ...(['2d', '1d'] as const).map((view) => {
      const button = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          name: `view-${view}`,
          'aria-selected': String(state.view === view),
        },
        view === '2d' ? '2-D scatter' : '1-D view (one column)',
      );
      button.addEventListener('click', () => update({ view }));
      return button;
    }),
  );

  const dataset = select({ name: 'data' }, DATASETS, state.dataset, (d) => DATASET_LABELS[d]);
  dataset.addEventListener('change', () => {
    const next = DATASETS.find((d) => d === dataset.value) ?? state.dataset;
    update({ dataset: next, xColumn: 0, yColumn: 1, column: 0 });
  });

  const rows = numberInput('n', state.n, MIN_ROWS, MAX_ROWS);
  rows.addEventListener('change', () => rows.reportValidity() && update({ n: rows.valueAsNumber }));
  const dataSeed = numberInput('dseed', state.dataSeed, 0, 2 ** 31 - 1);
  dataSeed.addEventListener(
    'change',
    () => dataSeed.reportValidity() && update({ dataSeed: dataSeed.valueAsNumber }),
  );

  const xColumn = select(
    { name: 'x' },
    columnChoices,
    Math.min(state.xColumn, featureNames.length - 1),
    columnLabel,
  );
  xColumn.addEventListener('change', () => update({ xColumn: Number(xColumn.value) }));
  const yColumn = select(
    { name: 'y' },
    columnChoices,
    Math.min(state.yColumn, featureNames.length - 1),
    columnLabel,
  );
  yColumn.addEventListener('change', () => update({ yColumn: Number(yColumn.value) }));
  const column = select(
    { name: 'col' },
    columnChoices,
    Math.min(state.column, featureNames.length - 1),
    columnLabel,
  );
  column.addEventListener('change', () => update({ column: Number(column.value) }));

  const k = numberInput('k', state.k, MIN_COMPONENTS, MAX_COMPONENTS);
  k.addEventListener('change', () => {
    if (!k.reportValidity()) return;
    update({ k: k.valueAsNumber, families: resizeFamilies(state.families, k.valueAsNumber) });
  });

  const families = h(
    'ol',
    { class: 'families', hidden: !fields.has('families') },
    ...state.families.map((family, index) => {
      const picker = select(
        { name: `fam-${index}`, 'aria-label': `family of component ${index + 1}` },
        COMPONENT_KINDS,
        family,
        (kind) => KIND_LABELS[kind],
      );
      picker.addEventListener('change', () => {
        const next = [...state.families];
        next[index] = COMPONENT_KINDS.find((kind) => kind === picker.value) ?? family;
        update({ families: next as ComponentKind[] });
      });
      return h(
        'li',
        {},
        h('span', {
          class: 'swatch',
          style: `background:${context.palette[index % context.palette.length]}`,
        }),
        picker,
      );
    }),
  );

  const covariance = covarianceSelect(state, update);
  // The variational mixture starts as the library does: no random placement.
  const inits =
    state.method === 'variational'
      ? INIT_NAMES.filter((i) => i !== 'random-placement')
      : INIT_NAMES;
  const init = select(
    { name: 'init' },
    inits,
    state.method === 'variational' && state.init === 'random-placement' ? 'k-means' : state.init,
    (name) => INIT_LABELS[name] ?? name,
  );
  init.addEventListener('change', () =>
    update({ init: INIT_NAMES.find((i) => i === init.value) ?? state.init }),
  );

  const seed = numberInput('seed', state.seed, 0, 2 ** 31 - 1);
  seed.addEventListener(
    'change',
    () => seed.reportValidity() && update({ seed: seed.valueAsNumber }),
  );
  const reseed = h('button', { type: 'button', name: 'reseed', title: 'next seed' }, 'next seed');
  reseed.addEventListener('click', () => update({ seed: state.seed + 1 }));

  const colorToggle = h(
    'div',
    {
      class: 'segmented',
      role: 'radiogroup',
      'aria-label': 'coloring',
      // A hard clusterer's points have one color: their cluster's.
      hidden: !isMixture(state) && state.method !== 'mclust',
    },
    ...(['soft', 'hard'] as const).map((mode) => {
      const input = h('input', {
        type: 'radio',
        name: 'color',
        value: mode,
        checked: state.color === mode,
      });
      input.addEventListener('change', () => update({ color: mode }));
      return h('label', {}, input, mode === 'soft' ? 'soft (responsibilities)' : 'hard (labels)');
    }),
  );

  const compare = h('input', { type: 'checkbox', name: 'compare', checked: state.compare });
  compare.addEventListener('change', () => update({ compare: compare.checked }));

  const fileInput = h('input', {
    type: 'file',
    name: 'file',
    accept: '.csv,.tsv,.tab,.txt,text/csv,text/tab-separated-values,text/plain',
    'aria-label': 'CSV or TSV file',
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Bytes, not file.text(): @mixkit/csv tells UTF-16 ("Unicode text" from spreadsheets) from UTF-8.
    if (file)
      void file.arrayBuffer().then((bytes) => context.onUserText(new Uint8Array(bytes), file.name));
  });
  const pasted = h('textarea', {
    name: 'paste',
    rows: 5,
    'aria-label': 'pasted table',
    placeholder: 'x,y\n1.5,2\n...',
  });
  pasted.value = context.user.pasted;
  const usePasted = h('button', { type: 'button', name: 'use-pasted' }, 'fit the pasted table');
  usePasted.addEventListener('click', () => context.onUserText(pasted.value, 'pasted text'));
  const userFields = h(
    'div',
    { class: 'user-data', hidden: state.dataset !== 'user' },
    h(
      'div',
      { class: 'drop-zone', id: 'drop-zone' },
      h('p', {}, 'Drop a CSV or TSV file anywhere on the page, or choose one:'),
      fileInput,
    ),
    h('label', { class: 'hint' }, 'or paste a table with a header row:'),
    pasted,
    usePasted,
    ...(context.user.error
      ? [h('ul', { class: 'data-errors', role: 'alert' }, h('li', {}, context.user.error))]
      : []),
    ...context.user.summary.map((line) => h('p', { class: 'hint' }, line)),
  );

  const clear = h('button', { type: 'button', name: 'clear-points' }, 'clear points');
  clear.addEventListener('click', () => update({ points: [] }));

  const componentsShown =
    fields.has('k') || fields.has('families') || fields.has('covariance') || fields.has('seed');
  const form = h(
    'form',
    { id: 'controls', 'aria-label': 'fit settings' },
    viewTabs,
    methodFieldset(state, update, fields),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Data'),
      field('data set', dataset),
      field('rows', rows, !synthetic),
      field('data seed', dataSeed, !synthetic),
      field('x axis', xColumn, state.view !== '2d' || featureNames.length < 2),
      field('y axis', yColumn, state.view !== '2d' || featureNames.length < 2),
      field('column', column, state.view !== '1d'),
      h(
        'p',
        { class: 'hint', hidden: state.dataset !== 'custom' },
        'Click in the plot to add a point.',
      ),
      h('div', { hidden: state.dataset !== 'custom' }, clear),
      userFields,
    ),
    h(
      'fieldset',
      { hidden: !componentsShown },
      h('legend', {}, componentsLegend(state)),
      field(kLabel(state), k, !fields.has('k')),
      families,
      h(
        'p',
        { class: 'hint', hidden: !usesUnitRows(state) },
        'von Mises–Fisher components model directions: every row is scaled to unit length (moved onto the unit circle) before the fit.',
      ),
      field('Gaussian covariance', covariance, !fields.has('covariance')),
      h(
        'p',
        { class: 'hint', hidden: !fields.has('covariance') || state.method !== 'em' },
        "mclust's models Σₖ = λₖDₖAₖDₖᵀ: the letters say whether the volume, shape and orientation are Equal across components, Variable, or the Identity.",
      ),
      field('initialisation', init, !fields.has('init')),
      h('div', { class: 'seed-row', hidden: !fields.has('seed') }, field('seed', seed), reseed),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Display'),
      colorToggle,
      h('label', { class: 'check' }, compare, 'compare with k-means'),
    ),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}
