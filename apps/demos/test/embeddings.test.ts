import { describe, expect, it } from 'vitest';
import { run } from '../src/embeddings.js';

describe('embeddings demo', () => {
  const result = run();

  it('cosine methods recover the topics; Euclidean k-means on raw vectors does worse', () => {
    expect(result.sphericalAri).toBeGreaterThan(0.95);
    expect(result.mixtureAri).toBeGreaterThan(0.95);
    expect(result.kmeansAri).toBeLessThan(result.sphericalAri - 0.1);
  });

  it('the von Mises–Fisher mixture recovers each topic’s weight and concentration', () => {
    const truth = [
      [0.3, 400],
      [0.25, 250],
      [0.2, 600],
      [0.15, 300],
      [0.1, 180],
    ];
    truth.forEach(([share, kappa], c) => {
      expect(Math.abs((result.weights[c] ?? 0) - (share ?? 0))).toBeLessThan(0.02);
      expect(Math.abs((result.concentrations[c] ?? 0) / (kappa ?? 1) - 1)).toBeLessThan(0.1);
    });
  });

  it('prints a screenful', () => {
    expect(result.report.split('\n').length).toBeLessThanOrEqual(30);
    for (const line of result.report.split('\n')) expect(line.length).toBeLessThanOrEqual(110);
  });
});
