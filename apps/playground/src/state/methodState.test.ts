import { describe, expect, it } from 'vitest';
import { mclustComponentRange } from '../methods/limits.js';
import { methodRequestOf } from '../methods/methodRequestOf.js';
import {
  covarianceChoicesFor,
  isHardMethod,
  kmeansClusters,
  methodProblem,
  parseRadius,
  tooFewRows,
  usesUnitRows,
  visibleFields,
} from './methodRules.js';
import {
  COVARIANCE_CHOICES,
  DEFAULT_STATE,
  METHOD_NAMES,
  type PlaygroundState,
} from './playgroundState.js';
import { decodeState, encodeState } from './urlState.js';

/** One state per method, each with its own settings away from the defaults. */
const perMethod: PlaygroundState[] = [
  {
    ...DEFAULT_STATE,
    method: 'em',
    k: 3,
    families: ['student-t', 'student-t-diag', 'gaussian'],
    covariance: 'VEV',
  },
  {
    ...DEFAULT_STATE,
    method: 'variational',
    k: 6,
    weightPrior: 'dirichlet-distribution',
    concentration: 0.05,
    covariance: 'diag',
    families: resize(6),
  },
  { ...DEFAULT_STATE, method: 'mclust' },
  { ...DEFAULT_STATE, method: 'agglomerative', linkage: 'average', cut: 'height', height: 12.5 },
  {
    ...DEFAULT_STATE,
    method: 'agglomerative',
    linkage: 'single',
    cut: 'k',
    k: 5,
    families: resize(5),
  },
  {
    ...DEFAULT_STATE,
    method: 'dbscan',
    dataset: 'moons',
    n: 2000,
    dataSeed: 3,
    eps: 0.125,
    minPts: 7,
  },
  { ...DEFAULT_STATE, method: 'optics', eps: 0.3, maxEps: 'auto', minPts: 12 },
  { ...DEFAULT_STATE, method: 'optics', eps: 'auto', maxEps: 2.5, minPts: 4 },
  {
    ...DEFAULT_STATE,
    method: 'hdbscan',
    minPts: 25,
    selection: 'leaf',
    dataset: 'directions',
    n: 500,
    dataSeed: 2,
  },
];

function resize(k: number): PlaygroundState['families'] {
  return Array.from({ length: k }, () => 'gaussian' as const);
}

describe('the methods in the link', () => {
  it('round-trips every method with its own settings', () => {
    for (const state of perMethod) {
      expect(decodeState(encodeState(state))).toEqual({ state, problems: [] });
    }
  });

  it("writes a method's own settings only, and always the method", () => {
    const params = (state: PlaygroundState) => new URLSearchParams(encodeState(state));
    expect(params(DEFAULT_STATE).get('method')).toBe('em');
    const dbscan = params(perMethod[5] as PlaygroundState);
    expect(Object.fromEntries(dbscan)).toMatchObject({
      method: 'dbscan',
      eps: '0.125',
      minpts: '7',
      n: '2000',
      dseed: '3',
    });
    for (const other of ['linkage', 'cut', 'h', 'maxeps', 'sel', 'prior', 'conc']) {
      expect(dbscan.has(other)).toBe(false);
    }
    expect(Object.fromEntries(params(perMethod[3] as PlaygroundState))).toMatchObject({
      linkage: 'average',
      cut: 'height',
      h: '12.5',
    });
    // Cut by k: the height is not the fit's, so it stays out of the link.
    expect(params(perMethod[4] as PlaygroundState).has('h')).toBe(false);
    // The default concentration (1/k) is no number: absent from the link.
    expect(params({ ...DEFAULT_STATE, method: 'variational' }).has('conc')).toBe(false);
  });

  it('takes minPts = 1 for DBSCAN and OPTICS, as the density package does, but not for HDBSCAN', () => {
    for (const method of ['dbscan', 'optics'] as const) {
      const { state, problems } = decodeState(`method=${method}&minpts=1`);
      expect(problems).toEqual([]);
      expect(state.minPts).toBe(1);
    }
    const { state, problems } = decodeState('method=hdbscan&minpts=1');
    expect(state.minPts).toBe(DEFAULT_STATE.minPts);
    expect(problems.join('\n')).toContain('minpts=1: expected an integer in [2, 1000]');
  });

  it('names each malformed method setting and keeps its default', () => {
    const { state, problems } = decodeState(
      'method=kmedoids&prior=flat&conc=-1&linkage=centroid&cut=depth&h=0&eps=near&maxeps=-2&minpts=0&sel=max&cov=XYZ',
    );
    expect(state).toEqual(DEFAULT_STATE);
    expect(problems).toHaveLength(11);
    expect(problems.join('\n')).toContain(
      'eps=near: expected auto or a positive number; using auto',
    );
    expect(problems.join('\n')).toContain('minpts=0: expected an integer in [1, 1000]');
    expect(problems.join('\n')).toContain('conc=-1: expected a positive number; using the default');
  });

  it("reads mclust's model names as covariance choices", () => {
    expect(decodeState('cov=EVV').state.covariance).toBe('EVV');
    expect(COVARIANCE_CHOICES).toHaveLength(18);
  });
});

describe('the method rules', () => {
  it("shows each method's own fields, and k and the seed whenever k-means is beside it", () => {
    const fields = (patch: Partial<PlaygroundState>) =>
      [...visibleFields({ ...DEFAULT_STATE, ...patch })].sort();
    expect(fields({ method: 'em' })).toEqual(['covariance', 'families', 'init', 'k', 'seed']);
    expect(fields({ method: 'em', families: ['gamma', 'student-t'] })).toEqual([
      'families',
      'init',
      'k',
      'seed',
    ]);
    expect(fields({ method: 'variational' })).toEqual([
      'concentration',
      'covariance',
      'init',
      'k',
      'seed',
      'weightPrior',
    ]);
    expect(fields({ method: 'mclust' })).toEqual([]);
    expect(fields({ method: 'mclust', compare: true })).toEqual(['k', 'seed']);
    expect(fields({ method: 'agglomerative' })).toEqual(['cut', 'k', 'linkage']);
    expect(fields({ method: 'agglomerative', cut: 'height' })).toEqual([
      'cut',
      'height',
      'linkage',
    ]);
    expect(fields({ method: 'dbscan' })).toEqual(['eps', 'minPts']);
    expect(fields({ method: 'optics' })).toEqual(['eps', 'maxEps', 'minPts']);
    expect(fields({ method: 'hdbscan' })).toEqual(['minPts', 'selection']);
    expect(fields({ method: 'hdbscan', compare: true, view: '1d' })).toEqual([
      'minPts',
      'selection',
    ]);
  });

  it('offers the variational mixture the four scikit-learn types only', () => {
    expect(covarianceChoicesFor('variational', COVARIANCE_CHOICES)).toEqual([
      'full',
      'diag',
      'spherical',
      'tied',
    ]);
    expect(covarianceChoicesFor('em', COVARIANCE_CHOICES)).toBe(COVARIANCE_CHOICES);
  });

  it('says why a state cannot be fitted: the 1-D view with a clusterer or a direction', () => {
    expect(methodProblem(DEFAULT_STATE)).toBeUndefined();
    expect(methodProblem({ ...DEFAULT_STATE, view: '1d', method: 'variational' })).toBeUndefined();
    expect(methodProblem({ ...DEFAULT_STATE, view: '1d', method: 'hdbscan' })).toContain(
      'choose the 2-D scatter for HDBSCAN',
    );
    const vmf = { ...DEFAULT_STATE, families: ['von-mises-fisher', 'gaussian'] } as const;
    expect(usesUnitRows(vmf)).toBe(true);
    expect(usesUnitRows({ ...vmf, method: 'hdbscan' })).toBe(false);
    expect(methodProblem({ ...vmf, view: '1d' })).toContain('directions in 2 or more columns');
  });

  it('refuses fewer rows than the k the form shows, and caps the hidden k-means k instead', () => {
    const em = { ...DEFAULT_STATE, k: 4, families: Array(4).fill('gaussian') } as const;
    expect(tooFewRows(em, 4)).toBeUndefined();
    expect(tooFewRows(em, 3)).toBe('need at least 4 points for 4 components (have 3)');
    expect(tooFewRows({ ...em, method: 'agglomerative', cut: 'k' }, 3)).toContain('4 clusters');
    // A height cut shows no k: three rows are fitted, k-means beside them with 3 clusters.
    const byHeight = { ...em, method: 'agglomerative', cut: 'height' } as const;
    expect(tooFewRows(byHeight, 3)).toBeUndefined();
    expect(kmeansClusters(byHeight, 3)).toBe(3);
    expect(kmeansClusters(byHeight, 100)).toBe(4);
    // With k-means shown beside DBSCAN, k is in the form again and is the user's to lower.
    const dbscanCompared = { ...em, method: 'dbscan', compare: true } as const;
    expect(tooFewRows(dbscanCompared, 3)).toContain('4 k-means clusters');
    expect(kmeansClusters(dbscanCompared, 3)).toBe(4);
    expect(tooFewRows({ ...em, method: 'mclust' }, 2)).toBeUndefined();
    expect(tooFewRows({ ...em, dataset: 'custom', method: 'hdbscan' }, 0)).toContain(
      'click in the plot',
    );
  });

  it("tries mclust's 1 to 9 components, never more than the rows", () => {
    expect(mclustComponentRange(1000)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mclustComponentRange(3)).toEqual([1, 2, 3]);
    expect(mclustComponentRange(0)).toEqual([1]);
  });

  it('reads radii as the form writes them', () => {
    expect(parseRadius('auto')).toBe('auto');
    expect(parseRadius(' 0.25 ')).toBe(0.25);
    expect(parseRadius('1e-3')).toBe(0.001);
    for (const bad of ['', '0', '-1', 'wide', 'Infinity', 'NaN'])
      expect(parseRadius(bad)).toBeUndefined();
  });

  it("asks the worker for the state's method with its settings", () => {
    expect(methodRequestOf(perMethod[3] as PlaygroundState)).toEqual({
      kind: 'agglomerative',
      linkage: 'average',
      cut: { distanceThreshold: 12.5 },
    });
    expect(methodRequestOf(perMethod[4] as PlaygroundState)).toEqual({
      kind: 'agglomerative',
      linkage: 'single',
      cut: { nClusters: 5 },
    });
    expect(methodRequestOf(perMethod[7] as PlaygroundState)).toEqual({
      kind: 'optics',
      eps: 'auto',
      maxEps: 2.5,
      minPts: 4,
    });
    expect(methodRequestOf(perMethod[1] as PlaygroundState)).toEqual({
      kind: 'variational',
      weightPrior: 'dirichlet-distribution',
      concentration: 0.05,
    });
    expect(METHOD_NAMES.filter(isHardMethod)).toEqual([
      'agglomerative',
      'dbscan',
      'optics',
      'hdbscan',
    ]);
  });
});
