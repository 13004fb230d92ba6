import { loadFaithful, loadIris } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../state/playgroundState.js';
import { CUSTOM_DOMAIN, loadData, selectColumn } from './loadData.js';

describe('loadData', () => {
  it('loads the bundled data sets with their column names and, where known, true classes', () => {
    const iris = loadData({ ...DEFAULT_STATE, dataset: 'iris' });
    expect(iris.X).toEqual(loadIris().X);
    expect(iris.featureNames).toHaveLength(4);
    expect(iris.trueLabels).toHaveLength(150);
    const faithful = loadData({ ...DEFAULT_STATE, dataset: 'faithful' });
    expect(faithful.X).toEqual(loadFaithful().X);
    expect(faithful.trueLabels).toBeUndefined();
  });

  it('draws the synthetic data sets from the data seed: same seed, same rows', () => {
    for (const dataset of ['blobs', 'mixture'] as const) {
      const state = { ...DEFAULT_STATE, dataset, n: 300, dataSeed: 4 };
      const first = loadData(state);
      expect(first.X.rows).toBe(300);
      expect(first.X.cols).toBe(2);
      expect(loadData(state).X.data).toEqual(first.X.data);
      expect(loadData({ ...state, dataSeed: 5 }).X.data).not.toEqual(first.X.data);
      // The fit's seed does not change the data.
      expect(loadData({ ...state, seed: 99 }).X.data).toEqual(first.X.data);
    }
  });

  it('turns clicked points into an n x 2 matrix on the fixed click domain', () => {
    const data = loadData({
      ...DEFAULT_STATE,
      dataset: 'custom',
      points: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(data.X).toEqual({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
    expect(data.domain).toEqual(CUSTOM_DOMAIN);
    expect(loadData({ ...DEFAULT_STATE, dataset: 'custom', points: [] }).X.rows).toBe(0);
  });
});

describe('selectColumn', () => {
  it('keeps one column as an n x 1 matrix with its name, clamping the index', () => {
    const faithful = loadData({ ...DEFAULT_STATE, dataset: 'faithful' });
    const waiting = selectColumn(faithful, 1);
    expect(waiting.X.cols).toBe(1);
    expect(waiting.featureNames).toEqual([faithful.featureNames[1]]);
    expect(waiting.X.data[0]).toBe(faithful.X.data[1]);
    expect(selectColumn(faithful, 7).featureNames).toEqual([faithful.featureNames[1]]);
  });
});
