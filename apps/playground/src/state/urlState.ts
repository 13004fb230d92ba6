import {
  COLOR_MODES,
  COMPONENT_KINDS,
  COVARIANCE_CHOICES,
  type ComponentKind,
  CUT_MODES,
  DATASETS,
  DEFAULT_STATE,
  INIT_NAMES,
  isSynthetic,
  LINKAGE_CHOICES,
  MAX_COMPONENTS,
  MAX_ROWS,
  METHOD_NAMES,
  MIN_COMPONENTS,
  MIN_ROWS,
  minPtsRange,
  type PlaygroundState,
  type Radius,
  resizeFamilies,
  SELECTIONS,
  VIEW_MODES,
  WEIGHT_PRIORS,
} from './playgroundState.js';

/** The result of reading a query string: the state, and what was ignored and why. */
export interface DecodedState {
  readonly state: PlaygroundState;
  /** One human-readable line per parameter that was malformed and replaced by its default. */
  readonly problems: readonly string[];
}

/** Significant digits kept for clicked points: enough for any pixel, short enough for a link. */
const POINT_PRECISION = 6;

/**
 * Writes the state as a query string (without `?`). Everything that changes the fit is always
 * written, so a link keeps reproducing the same fit even if the page's defaults change later;
 * the synthetic-data parameters only for synthetic data, the points only for clicked data, and
 * each method's own parameters only for that method.
 */
export function encodeState(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  params.set('data', state.dataset);
  if (isSynthetic(state.dataset)) {
    params.set('n', String(state.n));
    params.set('dseed', String(state.dataSeed));
  }
  params.set('method', state.method);
  switch (state.method) {
    case 'variational':
      params.set('prior', state.weightPrior);
      if (state.concentration !== undefined) params.set('conc', String(state.concentration));
      break;
    case 'agglomerative':
      params.set('linkage', state.linkage);
      params.set('cut', state.cut);
      if (state.cut === 'height') params.set('h', String(state.height));
      break;
    case 'dbscan':
      params.set('eps', String(state.eps));
      params.set('minpts', String(state.minPts));
      break;
    case 'optics':
      params.set('eps', String(state.eps));
      params.set('maxeps', String(state.maxEps));
      params.set('minpts', String(state.minPts));
      break;
    case 'hdbscan':
      params.set('minpts', String(state.minPts));
      params.set('sel', state.selection);
      break;
    case 'em':
    case 'mclust':
      break;
  }
  params.set('k', String(state.k));
  params.set('fam', state.families.join(','));
  params.set('cov', state.covariance);
  params.set('init', state.init);
  params.set('seed', String(state.seed));
  params.set('color', state.color);
  if (state.compare) params.set('compare', '1');
  params.set('x', String(state.xColumn));
  params.set('y', String(state.yColumn));
  params.set('col', String(state.column));
  if (state.dataset === 'custom' && state.points.length > 0) {
    params.set(
      'pts',
      state.points.map(([x, y]) => `${formatCoordinate(x)},${formatCoordinate(y)}`).join(';'),
    );
  }
  return params.toString();
}

/**
 * Reads a query string (with or without `?`). Never throws: a malformed parameter is replaced
 * by its default and listed in `problems`, so a hand-edited link still opens a working page.
 */
export function decodeState(search: string): DecodedState {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const base = DEFAULT_STATE;

  const view = readChoice(params, 'view', VIEW_MODES, base.view, problems);
  const dataset = readChoice(params, 'data', DATASETS, base.dataset, problems);
  const n = readInteger(params, 'n', MIN_ROWS, MAX_ROWS, base.n, problems);
  const dataSeed = readInteger(params, 'dseed', 0, 2 ** 31 - 1, base.dataSeed, problems);
  const seed = readInteger(params, 'seed', 0, 2 ** 31 - 1, base.seed, problems);
  const covariance = readChoice(params, 'cov', COVARIANCE_CHOICES, base.covariance, problems);
  const init = readChoice(params, 'init', INIT_NAMES, base.init, problems);
  const method = readChoice(params, 'method', METHOD_NAMES, base.method, problems);
  const weightPrior = readChoice(params, 'prior', WEIGHT_PRIORS, base.weightPrior, problems);
  const concentration = readPositive(params, 'conc', base.concentration, problems);
  const linkage = readChoice(params, 'linkage', LINKAGE_CHOICES, base.linkage, problems);
  const cut = readChoice(params, 'cut', CUT_MODES, base.cut, problems);
  const height = readPositive(params, 'h', base.height, problems) ?? base.height;
  const eps = readRadius(params, 'eps', base.eps, problems);
  const maxEps = readRadius(params, 'maxeps', base.maxEps, problems);
  const [minPtsLow, minPtsHigh] = minPtsRange(method);
  const minPts = readInteger(params, 'minpts', minPtsLow, minPtsHigh, base.minPts, problems);
  const selection = readChoice(params, 'sel', SELECTIONS, base.selection, problems);
  const color = readChoice(params, 'color', COLOR_MODES, base.color, problems);
  const compare = readFlag(params, 'compare', base.compare, problems);
  const xColumn = readInteger(params, 'x', 0, 1000, base.xColumn, problems);
  const yColumn = readInteger(params, 'y', 0, 1000, base.yColumn, problems);
  const column = readInteger(params, 'col', 0, 1000, base.column, problems);
  const points = readPoints(params, problems);

  const families = readFamilies(params, problems);
  const k = readInteger(
    params,
    'k',
    MIN_COMPONENTS,
    MAX_COMPONENTS,
    families?.length ?? base.k,
    problems,
  );
  return {
    state: {
      view,
      dataset,
      n,
      dataSeed,
      seed,
      k,
      families: resizeFamilies(families ?? base.families, k),
      covariance,
      init,
      method,
      weightPrior,
      concentration,
      linkage,
      cut,
      height,
      eps,
      maxEps,
      minPts,
      selection,
      color,
      compare,
      xColumn,
      yColumn,
      column,
      points,
    },
    problems,
  };
}

function formatCoordinate(value: number): string {
  return String(Number(value.toPrecision(POINT_PRECISION)));
}

function readChoice<T extends string>(
  params: URLSearchParams,
  name: string,
  choices: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const found = choices.find((choice) => choice === raw);
  if (found !== undefined) return found;
  problems.push(`${name}=${raw}: expected one of ${choices.join(', ')}; using ${fallback}`);
  return fallback;
}

function readInteger(
  params: URLSearchParams,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  problems.push(`${name}=${raw}: expected an integer in [${min}, ${max}]; using ${fallback}`);
  return fallback;
}

/** A positive finite number; `fallback` when absent (which may be undefined: the library's default). */
function readPositive<T extends number | undefined>(
  params: URLSearchParams,
  name: string,
  fallback: T,
  problems: string[],
): number | T {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  problems.push(`${name}=${raw}: expected a positive number; using ${fallback ?? 'the default'}`);
  return fallback;
}

/** A radius: `auto` or a positive finite number. */
function readRadius(
  params: URLSearchParams,
  name: string,
  fallback: Radius,
  problems: string[],
): Radius {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (raw === 'auto') return 'auto';
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isFinite(value) && value > 0) return value;
  problems.push(`${name}=${raw}: expected auto or a positive number; using ${fallback}`);
  return fallback;
}

function readFlag(
  params: URLSearchParams,
  name: string,
  fallback: boolean,
  problems: string[],
): boolean {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  problems.push(`${name}=${raw}: expected 1 or 0; using ${fallback ? 1 : 0}`);
  return fallback;
}

function readFamilies(params: URLSearchParams, problems: string[]): ComponentKind[] | undefined {
  const raw = params.get('fam');
  if (raw === null) return undefined;
  const families: ComponentKind[] = [];
  for (const entry of raw.split(',')) {
    const found = COMPONENT_KINDS.find((kind) => kind === entry);
    if (found === undefined) {
      problems.push(`fam=${raw}: unknown family '${entry}'; using the default families`);
      return undefined;
    }
    families.push(found);
  }
  if (families.length < MIN_COMPONENTS || families.length > MAX_COMPONENTS) {
    problems.push(`fam=${raw}: expected ${MIN_COMPONENTS} to ${MAX_COMPONENTS} families`);
    return undefined;
  }
  return families;
}

function readPoints(
  params: URLSearchParams,
  problems: string[],
): readonly (readonly [number, number])[] {
  const raw = params.get('pts');
  if (raw === null || raw === '') return [];
  const points: (readonly [number, number])[] = [];
  for (const pair of raw.split(';')) {
    const parts = pair.split(',');
    const x = Number(parts[0]);
    const y = Number(parts[1]);
    if (
      parts.length !== 2 ||
      parts[0] === '' ||
      parts[1] === '' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) {
      problems.push(`pts: '${pair}' is not a point 'x,y'; ignoring the clicked points`);
      return [];
    }
    points.push([x, y]);
  }
  return points;
}
