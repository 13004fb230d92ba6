import { describe, expect, it } from 'vitest';
import { modelBasedHierarchical } from '../src/hierarchical/modelBasedHierarchical.js';
import { loadMclustFixture, mclustDataSets } from './mclustFixtures.js';

describe.each(mclustDataSets)("modelBasedHierarchical vs mclust's hc(VVV, SVD): %s", (dataSet) => {
  const { X, fixture } = loadMclustFixture(dataSet);
  const tree = modelBasedHierarchical(X);
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('the same partition into %i groups', (G) => {
    expect(Array.from(tree.labels(G))).toEqual(fixture.hc[G - 1]);
  });
});

describe("factorStorage: 'exact'", () => {
  it('keeps the true scatter factor: the same merges while clusters are small, other last merges on wreath', () => {
    const { X, fixture } = loadMclustFixture('wreath');
    const exact = modelBasedHierarchical(X, { factorStorage: 'exact' });
    expect(Array.from(exact.labels(9))).toEqual(fixture.hc[8]);
    expect(Array.from(exact.labels(2))).not.toEqual(fixture.hc[1]);
  });
});
