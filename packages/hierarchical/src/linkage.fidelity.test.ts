import { readFileSync } from 'node:fs';
import { InvalidInputError, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { AgglomerativeClustering } from './agglomerativeClustering.js';
import { linkageMatrix } from './linkageMatrix.js';
import { LINKAGE_METHODS, type LinkageMethod } from './linkageMethod.js';

interface SetFixture {
  rows: number;
  cols: number;
  data: number[];
  k: number;
  components: number;
  edges: { from: number[]; to: number[] };
  linkage: Record<LinkageMethod, number[]>;
  labels: Record<LinkageMethod, number[]>;
  threshold: Record<LinkageMethod, { threshold: number; labels: number[] }>;
  constrained: Partial<
    Record<
      LinkageMethod,
      { metric: string; children: number[]; distances: number[]; labels: number[] }
    >
  >;
}

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/scipy-linkage.json', import.meta.url), 'utf8'),
) as { sets: Record<string, SetFixture> };

/** Row distances summed column by column, as SciPy's pdist. */
function distanceMatrix(X: Matrix): Matrix {
  const n = X.rows;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < X.cols; t++) s += (X.data[i * X.cols + t] - X.data[j * X.cols + t]) ** 2;
      D[i * n + j] = Math.sqrt(s);
    }
  return { rows: n, cols: n, data: D };
}

function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((ab.has(x) && ab.get(x) !== y) || (ba.has(y) && ba.get(y) !== x)) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/** Per group of heights equal to 1e-12: the sorted (lowest row, size) of each merged cluster. */
function mergeGroups(Z: Float64Array, n: number): string[] {
  const m = Z.length / 4;
  const lowest = new Int32Array(n + m);
  for (let i = 0; i < n; i++) lowest[i] = i;
  const groups: string[] = [];
  let current: string[] = [];
  for (let k = 0; k < m; k++) {
    lowest[n + k] = Math.min(lowest[Z[4 * k]], lowest[Z[4 * k + 1]]);
    if (k > 0 && Z[4 * k + 2] - Z[4 * k - 2] > 1e-12) {
      groups.push(current.sort().join(' '));
      current = [];
    }
    current.push(`${lowest[n + k]}:${Z[4 * k + 3]}`);
  }
  groups.push(current.sort().join(' '));
  return groups;
}

describe('linkageMatrix against SciPy, AgglomerativeClustering against scikit-learn', () => {
  for (const [name, set] of Object.entries(fixture.sets)) {
    const X: Matrix = { rows: set.rows, cols: set.cols, data: Float64Array.from(set.data) };
    for (const method of LINKAGE_METHODS) {
      it(`${name} ${method}: same merges as scipy.cluster.hierarchy.linkage, heights to 1e-12`, () => {
        const Z = linkageMatrix(X, { linkage: method });
        const expected = set.linkage[method];
        expect(Z.length).toBe(expected.length);
        for (let k = 0; k < Z.length / 4; k++) {
          expect(Math.abs(Z[4 * k + 2] - expected[4 * k + 2])).toBeLessThanOrEqual(1e-12);
          expect(Z[4 * k + 3]).toBe(expected[4 * k + 3]);
        }
        // The same clusters are formed: compare each merge's cluster (as its lowest row and size)
        // within groups of equal height, since merges tied to 1e-12 may come in either order.
        expect(mergeGroups(Z, set.rows)).toEqual(
          mergeGroups(Float64Array.from(expected), set.rows),
        );
      });

      it(`${name} ${method}: same clusters as scikit-learn for n_clusters=3 and for a distance threshold`, () => {
        const model = new AgglomerativeClustering({ linkage: method, nClusters: 3 }).fit(X);
        expect(samePartition(model.labels, set.labels[method])).toBe(true);
        const t = set.threshold[method];
        const cut = new AgglomerativeClustering({
          linkage: method,
          distanceThreshold: t.threshold,
        }).fit(X);
        expect(samePartition(cut.labels, t.labels)).toBe(true);
      });

      const constrained = set.constrained[method];
      if (constrained !== undefined) {
        it(`${name} ${method} with connectivity (k=${set.k}): scikit-learn's merge heights in order (1e-12) and clusters`, () => {
          const connectivity = { kind: 'edges', from: set.edges.from, to: set.edges.to } as const;
          const input = constrained.metric === 'precomputed' ? distanceMatrix(X) : X;
          const metric = constrained.metric === 'precomputed' ? 'precomputed' : 'euclidean';
          const Z = linkageMatrix(input, { linkage: method, connectivity, metric });
          const m = Z.length / 4;
          const heights = Array.from({ length: m }, (_, k) => Z[4 * k + 2]);
          const expected =
            method === 'single'
              ? [...constrained.distances].sort((a, b) => a - b)
              : constrained.distances;
          for (let k = 0; k < m; k++)
            expect(Math.abs(heights[k] - expected[k])).toBeLessThanOrEqual(1e-12);
          const model = new AgglomerativeClustering({
            linkage: method,
            nClusters: 3,
            connectivity,
          }).fit(X);
          expect(samePartition(model.labels, constrained.labels)).toBe(true);
          const knn = new AgglomerativeClustering({
            linkage: method,
            nClusters: 3,
            connectivity: { kind: 'k-nearest', k: set.k },
          }).fit(X);
          expect(samePartition(knn.labels, constrained.labels)).toBe(true);
        });
      }
    }
    if (set.components > 1) {
      it(`${name}: a disconnected connectivity graph is a typed error naming its components`, () => {
        const connectivity = { kind: 'edges', from: set.edges.from, to: set.edges.to } as const;
        expect(() => linkageMatrix(X, { connectivity })).toThrow(InvalidInputError);
      });
    }
  }
});
