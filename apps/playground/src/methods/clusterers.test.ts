import { createMatrix, NOISE } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { AgglomerativeClustering } from '@mixkit/hierarchical';
import { adjustedRandIndex } from '@mixkit/metrics';
import { describe, expect, it } from 'vitest';
import { makeMoons } from '../data/makeMoons.js';
import type { FitRequest } from '../fit/fitProtocol.js';
import { condensedTreeLayout } from './condensedTreeLayout.js';
import { cutHeightForK, dendrogramLayout } from './dendrogramLayout.js';
import type { ClustererResult, MethodRequest } from './methodProtocol.js';
import { runMethod } from './runMethod.js';
import { select, suggestEps } from './suggestEps.js';

const faithful = loadFaithful().X;
const moons = makeMoons(600, 4).X;

async function run(method: MethodRequest, X = faithful, k = 3): Promise<ClustererResult> {
  const request: FitRequest = {
    rows: X.rows,
    cols: X.cols,
    data: X.data,
    families: Array.from({ length: k }, () => 'gaussian' as const),
    covariance: 'full',
    init: 'k-means',
    seed: 0,
    densityGrid: new Float64Array(0),
    method,
  };
  const outcome = await runMethod(request, {
    emSnapshot: () => undefined,
    kmeansSnapshot: () => undefined,
  });
  expect(outcome.em).toBeUndefined();
  expect(outcome.kmeans.labels).toHaveLength(X.rows);
  if (!outcome.clusterer) throw new Error('no clusterer result');
  return outcome.clusterer;
}

describe('suggestEps', () => {
  it('selects the k-th smallest value as a sort would', async () => {
    const values = Float64Array.from({ length: 501 }, (_, i) => ((i * 7919) % 1009) / 7);
    const sorted = Float64Array.from(values).sort();
    for (const k of [0, 1, 17, 250, 499, 500]) {
      expect(select(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });

  it('is the 75th percentile of the sampled rows’ minPts-th neighbour distance', async () => {
    // 16 rows on a line, 1 apart: the 3rd nearest (itself counted) is 1 away inside, 2 at the ends.
    const line = createMatrix(
      16,
      1,
      Float64Array.from({ length: 16 }, (_, i) => i),
    );
    expect(suggestEps(line, 3)).toBe(1);
    expect(suggestEps(line, 4)).toBe(2);
    expect(suggestEps(faithful, 10)).toBe(suggestEps(faithful, 10));
    expect(suggestEps(faithful, 10)).toBeGreaterThan(suggestEps(faithful, 3));
  });
});

describe('agglomerative clustering in the worker', () => {
  it('labels as AgglomerativeClustering does, cut by k or by height', async () => {
    const byK = await run({ kind: 'agglomerative', linkage: 'average', cut: { nClusters: 3 } });
    const expected = new AgglomerativeClustering({ linkage: 'average', nClusters: 3 }).fit(
      faithful,
    );
    expect(Array.from(byK.labels)).toEqual(Array.from(expected.labels));
    const byHeight = await run({
      kind: 'agglomerative',
      linkage: 'ward',
      cut: { distanceThreshold: 40 },
    });
    const ward = new AgglomerativeClustering({ linkage: 'ward', distanceThreshold: 40 }).fit(
      faithful,
    );
    expect(Array.from(byHeight.labels)).toEqual(Array.from(ward.labels));
    expect(byHeight.dendrogram?.cutHeight).toBe(40);
  });

  it('draws the top of the tree: leaves cover every row, branches below the cut in their color', async () => {
    const result = await run({ kind: 'agglomerative', linkage: 'ward', cut: { nClusters: 4 } });
    const layout = result.dendrogram;
    if (!layout) throw new Error('no dendrogram');
    expect(layout.drawnMerges).toBe(63);
    expect(layout.leaves).toBe(64);
    // Three segments a merge, and a stem split at the cut for each of the 4 clusters below it.
    expect(layout.x1).toHaveLength(3 * 63 + 4);
    expect(layout.leafSizes.reduce((a, b) => a + b, 0)).toBe(faithful.rows);
    // Cut into 4: every leaf lies in one cluster, and exactly 3 horizontal links are above the cut.
    expect(Array.from(layout.leafLabels).every((l) => l >= 0 && l < 4)).toBe(true);
    let above = 0;
    for (let s = 0; s < layout.x1.length; s++) {
      const horizontal = layout.y1[s] === layout.y2[s] && layout.x1[s] !== layout.x2[s];
      if (horizontal && layout.segmentLabel[s] === -1) {
        above++;
        expect(layout.y1[s]).toBeGreaterThan(layout.cutHeight);
      }
      if (horizontal && layout.segmentLabel[s] !== -1) {
        expect(layout.y1[s]).toBeLessThan(layout.cutHeight);
      }
    }
    expect(above).toBe(3);
    // No colored segment reaches above the cut, no gray one lies wholly below it within a cluster.
    for (let s = 0; s < layout.x1.length; s++) {
      const top = Math.max(layout.y1[s] as number, layout.y2[s] as number);
      if (layout.segmentLabel[s] !== -1) expect(top).toBeLessThanOrEqual(layout.cutHeight);
    }
    const model = new AgglomerativeClustering({ linkage: 'ward', nClusters: 4 }).fit(faithful);
    const heights = [model.linkage[4 * 267 + 2], model.linkage[4 * 268 + 2]] as number[];
    expect(layout.cutHeight).toBe(((heights[0] as number) + (heights[1] as number)) / 2);
    expect(layout.maxHeight).toBe(model.linkage[4 * 270 + 2]);
  });

  it('lays out a small tree whole, and cuts above the root for k = 1', async () => {
    const X = createMatrix(4, 1, Float64Array.of(0, 1, 5, 7));
    const model = new AgglomerativeClustering({ linkage: 'single', nClusters: 2 }).fit(X);
    const layout = dendrogramLayout(model.linkage, 4, model.labels, 3);
    expect(layout.leaves).toBe(4);
    expect(Array.from(layout.leafSizes)).toEqual([1, 1, 1, 1]);
    expect(Array.from(layout.leafLabels)).toEqual([0, 0, 1, 1]);
    expect(cutHeightForK(model.linkage, 4, 1)).toBeCloseTo(4 * 1.05, 12);
    expect(cutHeightForK(model.linkage, 4, 2)).toBe(3);
  });

  it('refuses complete linkage beyond its matrix limit, naming the ones that need no matrix', async () => {
    const X = createMatrix(
      5001,
      2,
      Float64Array.from({ length: 10_002 }, (_, i) => i % 97),
    );
    await expect(
      run({ kind: 'agglomerative', linkage: 'complete', cut: { nClusters: 2 } }, X),
    ).rejects.toThrow(/at most 5,000 rows.*Ward and single linkage need no matrix/);
  });
});

describe('density clustering in the worker', () => {
  it('labels as Dbscan does, core samples stronger than border rows, noise gray', async () => {
    const result = await run({ kind: 'dbscan', eps: 0.15, minPts: 8 }, moons);
    const model = new Dbscan({ eps: 0.15, minPts: 8 }).fit(moons);
    expect(Array.from(result.labels)).toEqual(Array.from(model.labels));
    expect(result.coreSamples).toBe(model.coreSampleIndices.length);
    expect(result.noise).toBeGreaterThan(0);
    expect(result.noise).toBe(Array.from(model.labels).filter((l) => l === NOISE).length);
    const noiseRow = Array.from(model.labels).indexOf(NOISE);
    expect(result.colors[noiseRow]).toBe(0xd9d9d9);
    // The two moons are found.
    expect(model.nClusters).toBe(2);
  });

  it('resolves eps=auto from the data and reports it', async () => {
    const result = await run({ kind: 'dbscan', eps: 'auto', minPts: 8 }, moons);
    expect(result.eps).toBe(suggestEps(moons, 8));
    const model = new Dbscan({ eps: result.eps ?? 0, minPts: 8 }).fit(moons);
    expect(Array.from(result.labels)).toEqual(Array.from(model.labels));
    expect(result.notes.join(' ')).toContain('chosen from the data');
  });

  it('labels as Optics does and bins its reachability plot', async () => {
    const result = await run({ kind: 'optics', eps: 0.15, maxEps: 'auto', minPts: 8 }, moons);
    expect(result.maxEps).toBeCloseTo(0.45, 15);
    const model = new Optics({ minPts: 8, eps: result.maxEps ?? 0, epsCluster: 0.15 }).fit(moons);
    expect(Array.from(result.labels)).toEqual(Array.from(model.labels));
    const bars = result.reachability;
    if (!bars) throw new Error('no reachability');
    expect(bars.values).toHaveLength(600);
    const plot = model.reachabilityPlot();
    expect(Array.from(bars.values)).toEqual(Array.from(plot));
    // The first row of the order starts a component: infinite reachability.
    expect(bars.values[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it('labels as Hdbscan does; its condensed tree selects the same clusters', async () => {
    for (const [X, minPts] of [
      [moons, 10],
      [faithful, 8],
      [loadIris().X, 5],
    ] as const) {
      const result = await run({ kind: 'hdbscan', minPts, selection: 'eom' }, X);
      const model = new Hdbscan({ minPts }).fit(X);
      expect(Array.from(result.labels)).toEqual(Array.from(model.labels));
      expect(Array.from(result.probabilities ?? [])).toEqual(Array.from(model.probabilities));
      const tree = result.condensedTree;
      if (!tree) throw new Error('no condensed tree');
      // Each selected cluster of the redrawn tree carries one of the model's labels, once.
      const selected = Array.from(tree.label).filter((l) => l >= 0);
      expect(selected.sort((a, b) => a - b)).toEqual(
        Array.from({ length: model.nClusters }, (_, i) => i),
      );
      // Its persistence is the model's stability of that label.
      tree.label.forEach((label, c) => {
        if (label >= 0)
          expect(tree.stability[c]).toBeCloseTo(model.clusterStabilities[label] as number, 9);
      });
      expect(tree.parent[0]).toBe(-1);
      expect(tree.profileWidth[0]).toBe(X.rows);
      // A child is born where its parent dies.
      for (let c = 1; c < tree.clusters; c++) {
        expect(tree.birthLambda[c]).toBeCloseTo(
          tree.deathLambda[tree.parent[c] as number] as number,
          9,
        );
      }
    }
  });

  it('selects leaves with clusterSelection leaf, as Hdbscan does', async () => {
    const result = await run({ kind: 'hdbscan', minPts: 5, selection: 'leaf' });
    const model = new Hdbscan({ minPts: 5, clusterSelection: 'leaf' }).fit(faithful);
    expect(Array.from(result.labels)).toEqual(Array.from(model.labels));
    expect(adjustedRandIndex(result.labels, model.labels)).toBe(1);
    const layout = condensedTreeLayout(model);
    expect(Array.from(layout.label).filter((l) => l >= 0)).toHaveLength(model.nClusters);
  });
});
