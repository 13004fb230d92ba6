import { describe, expect, it } from 'vitest';
import { alignLabels } from './alignLabels.js';

describe('alignLabels', () => {
  it('gives each cluster the color of the reference cluster it overlaps most', () => {
    const reference = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const labels = [2, 2, 2, 0, 0, 1, 1, 1, 1];
    // cluster 2 <-> reference 0, cluster 0 <-> reference 1, cluster 1 <-> reference 2.
    expect(Array.from(alignLabels(reference, labels, 3))).toEqual([1, 2, 0]);
  });

  it('is a permutation of 0..k-1, even for clusters that match nothing', () => {
    // Cluster 2 is empty in `labels`; it still gets the one color left.
    const colors = alignLabels([0, 0, 1, 1, 2, 2], [1, 1, 1, 1, 0, 0], 3);
    expect([...colors].sort()).toEqual([0, 1, 2]);
    expect(colors[1]).toBe(0);
  });

  it('keeps the identity when the labelings are equal or missing', () => {
    expect(Array.from(alignLabels([0, 1, 2], [0, 1, 2], 3))).toEqual([0, 1, 2]);
    expect(Array.from(alignLabels([], [], 2))).toEqual([0, 1]);
  });
});
