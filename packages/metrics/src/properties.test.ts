import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedMutualInformation } from './adjustedMutualInformation.js';
import { adjustedRandIndex } from './adjustedRandIndex.js';
import { clusteringAccuracy } from './clusteringAccuracy.js';
import { normalizedMutualInformation } from './normalizedMutualInformation.js';
import { silhouetteSamples } from './silhouetteSamples.js';

// A fixed seed keeps CI deterministic; change it locally to explore more cases.
fc.configureGlobal({ seed: 20261128, numRuns: 200 });

/** Pairs of labelings of equal length with small label sets. */
const labelings = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    ),
  );

/** Brute force: the best injective assignment of clusters to classes, over all of them. */
function bruteForceAccuracy(truth: number[], pred: number[]): number {
  const classes = [...new Set(truth)];
  const clusters = [...new Set(pred)];
  let best = 0;
  const assign = (index: number, used: Set<number>, mapping: Map<number, number>) => {
    if (index === clusters.length) {
      let agree = 0;
      for (let i = 0; i < truth.length; i++) if (mapping.get(pred[i]) === truth[i]) agree++;
      best = Math.max(best, agree);
      return;
    }
    assign(index + 1, used, mapping); // cluster left unmatched
    for (const c of classes) {
      if (used.has(c)) continue;
      used.add(c);
      mapping.set(clusters[index], c);
      assign(index + 1, used, mapping);
      mapping.delete(clusters[index]);
      used.delete(c);
    }
  };
  assign(0, new Set(), new Map());
  return best / truth.length;
}

describe('label metric properties (fast-check)', () => {
  it('clusteringAccuracy equals the brute-force best one-to-one matching', () => {
    fc.assert(
      fc.property(labelings, ([truth, pred]) => {
        expect(clusteringAccuracy(truth, pred)).toBeCloseTo(bruteForceAccuracy(truth, pred), 12);
      }),
    );
  });

  it('ARI, NMI, AMI and accuracy do not change when predicted labels are renamed injectively', () => {
    const renames = fc.constantFrom([-7, 1e9, 3, -(2 ** 40)], [10, 20, 30, 40], [3, 2, 1, 0]);
    fc.assert(
      fc.property(labelings, renames, ([truth, pred], names) => {
        const renamed = pred.map((label) => names[label]);
        // Renaming reorders the table's cells, hence the summation: equal up to rounding.
        expect(adjustedRandIndex(truth, renamed)).toBeCloseTo(adjustedRandIndex(truth, pred), 12);
        expect(normalizedMutualInformation(truth, renamed)).toBeCloseTo(
          normalizedMutualInformation(truth, pred),
          12,
        );
        expect(adjustedMutualInformation(truth, renamed)).toBeCloseTo(
          adjustedMutualInformation(truth, pred),
          9,
        );
        expect(clusteringAccuracy(truth, renamed)).toBe(clusteringAccuracy(truth, pred));
      }),
    );
  });

  it('ARI and AMI are at most 1 and NMI lies in [0, 1]', () => {
    fc.assert(
      fc.property(labelings, ([truth, pred]) => {
        expect(adjustedRandIndex(truth, pred)).toBeLessThanOrEqual(1 + 1e-12);
        expect(adjustedMutualInformation(truth, pred)).toBeLessThanOrEqual(1 + 1e-9);
        const nmi = normalizedMutualInformation(truth, pred);
        expect(nmi).toBeGreaterThanOrEqual(0);
        expect(nmi).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('silhouette values lie in [-1, 1] and are finite', () => {
    const data = fc.integer({ min: 3, max: 25 }).chain((n) =>
      fc.tuple(
        fc.array(
          fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 2 }),
          {
            minLength: n,
            maxLength: n,
          },
        ),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      ),
    );
    fc.assert(
      fc.property(data, ([X, labels]) => {
        const k = new Set(labels).size;
        fc.pre(k >= 2 && k <= X.length - 1);
        for (const s of silhouetteSamples(X, labels)) {
          expect(Number.isFinite(s) && s >= -1 - 1e-12 && s <= 1 + 1e-12).toBe(true);
        }
      }),
    );
  });
});
