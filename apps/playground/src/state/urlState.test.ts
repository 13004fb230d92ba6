import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, type PlaygroundState, resizeFamilies } from './playgroundState.js';
import { decodeState, encodeState } from './urlState.js';

const custom: PlaygroundState = {
  ...DEFAULT_STATE,
  view: '1d',
  dataset: 'custom',
  seed: 42,
  k: 3,
  families: ['gaussian', 'gamma', 'lognormal'],
  covariance: 'tied',
  init: 'k-means',
  color: 'hard',
  compare: true,
  xColumn: 1,
  yColumn: 0,
  column: 1,
  points: [
    [0.125, -3],
    [1e-7, 123456],
    [-2.5, 0],
  ],
};

describe('encodeState / decodeState', () => {
  it('round-trips the default state', () => {
    expect(decodeState(encodeState(DEFAULT_STATE))).toEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it('round-trips every field of a non-default state, including clicked points', () => {
    expect(decodeState(encodeState(custom))).toEqual({ state: custom, problems: [] });
  });

  it('round-trips synthetic-data parameters', () => {
    const blobs: PlaygroundState = { ...DEFAULT_STATE, dataset: 'blobs', n: 10_000, dataSeed: 7 };
    expect(decodeState(`?${encodeState(blobs)}`).state).toEqual(blobs);
  });

  it('keeps clicked points to 6 significant digits', () => {
    const state = { ...custom, points: [[1.23456789, -98765.4321] as const] };
    expect(decodeState(encodeState(state)).state.points).toEqual([[1.23457, -98765.4]]);
  });

  it('writes the fit parameters even when they equal the defaults', () => {
    const params = new URLSearchParams(encodeState(DEFAULT_STATE));
    for (const name of ['data', 'k', 'fam', 'cov', 'init', 'seed'])
      expect(params.has(name)).toBe(true);
    expect(params.has('pts')).toBe(false);
    expect(params.has('n')).toBe(false);
  });

  it('reads an empty query as the default state', () => {
    expect(decodeState('')).toEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it('replaces each malformed parameter by its default and names it in problems', () => {
    const { state, problems } = decodeState('data=mnist&k=99&seed=-1&cov=banana&compare=maybe&n=3');
    expect(state).toEqual(DEFAULT_STATE);
    expect(problems).toHaveLength(6);
    expect(problems[0]).toContain('data=mnist');
    expect(problems.join('\n')).toMatch(/k=99: expected an integer in \[1, 8\]/);
  });

  it('takes k from the family list when k is absent', () => {
    const { state } = decodeState('fam=gaussian,gamma,exponential');
    expect(state.k).toBe(3);
    expect(state.families).toEqual(['gaussian', 'gamma', 'exponential']);
  });

  it('resizes the family list to an explicit k', () => {
    expect(decodeState('k=4&fam=gamma,gaussian').state.families).toEqual([
      'gamma',
      'gaussian',
      'gaussian',
      'gaussian',
    ]);
    expect(decodeState('k=1&fam=gamma,gaussian').state.families).toEqual(['gamma']);
  });

  it('rejects an unknown family and a malformed point list', () => {
    const { state, problems } = decodeState('fam=gaussian,cauchy&pts=1,2;3');
    expect(state.families).toEqual(DEFAULT_STATE.families);
    expect(state.points).toEqual([]);
    expect(problems).toHaveLength(2);
  });

  it('rejects non-integer numbers instead of truncating them', () => {
    const { state, problems } = decodeState('seed=1.5&k=2e0');
    expect(state.seed).toBe(DEFAULT_STATE.seed);
    expect(state.k).toBe(DEFAULT_STATE.k);
    expect(problems).toHaveLength(2);
  });
});

describe('resizeFamilies', () => {
  it('repeats the last family when growing and truncates when shrinking', () => {
    expect(resizeFamilies(['gamma'], 3)).toEqual(['gamma', 'gamma', 'gamma']);
    expect(resizeFamilies(['gamma', 'gaussian', 'lognormal'], 2)).toEqual(['gamma', 'gaussian']);
    expect(resizeFamilies([], 2)).toEqual(['gaussian', 'gaussian']);
  });
});
