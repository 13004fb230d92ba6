import { describe, expect, it } from 'vitest';
import { run as bagOfWords } from '../src/bagOfWords.js';
import { run as bernoulli } from '../src/bernoulli.js';
import { run as customFamily } from '../src/customFamily.js';
import { run as faithfulBic } from '../src/faithfulBic.js';
import { run as headline } from '../src/headline.js';
import { run as kmeansVsGmm } from '../src/kmeansVsGmm.js';
import { run as mixedTypes } from '../src/mixedTypes.js';
import sklearnFaithful from './__fixtures__/faithful-bic.json' with { type: 'json' };

/** Runs a demo on first use (inside a test, so a throw fails that test, not the file load). */
function once<T>(demo: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= demo();
    return value;
  };
}

/** Every demo's printed output stays short: a screenful. */
function expectScreenful(report: string): void {
  expect(report.split('\n').length).toBeLessThanOrEqual(30);
  for (const line of report.split('\n')) expect(line.length).toBeLessThanOrEqual(110);
}

describe('headline demo', () => {
  const result = once(headline);

  it('recovers the hidden segments of a Gaussian x Poisson x categorical mixture', () => {
    expect(result().converged).toBe(true);
    expect(result().ari).toBeGreaterThan(0.9);
    expect(result().weightError).toBeLessThan(0.05);
    expect(result().meanRelativeError).toBeLessThan(0.08);
    expect(result().channelError).toBeLessThan(0.08);
  });

  it('prints fitted beside true parameters and the ARI', () => {
    expect(result().report).toMatch(/students +families +retirees/);
    expect(result().report).toContain(`ARI ${result().ari.toFixed(3)}`);
    expectScreenful(result().report);
  });
});

describe('faithful-bic demo', () => {
  const result = once(faithfulBic);
  const reference = (k: number, covariance: string) =>
    sklearnFaithful.grid.find((cell) => cell.k === k && cell.covariance === covariance)!.bic;

  it('chooses the same (k, covariance) as scikit-learn, at a BIC within 0.1% of its own', () => {
    expect(result().chosen.k).toBe(sklearnFaithful.best.k);
    expect(result().chosen.covariance).toBe(sklearnFaithful.best.covariance);
    expect(Math.abs(result().chosen.bic / sklearnFaithful.best.bic - 1)).toBeLessThan(1e-3);
  });

  it('one-component BICs (no local optima) equal scikit-learn to 1e-9', () => {
    for (const cell of result().grid.filter((c) => c.k === 1)) {
      expect(Math.abs(cell.bic / reference(1, cell.covariance) - 1)).toBeLessThan(1e-9);
    }
  });

  it('every cell is within 1% of scikit-learn (EM local optima differ slightly)', () => {
    for (const cell of result().grid) {
      expect(Math.abs(cell.bic / reference(cell.k, cell.covariance) - 1)).toBeLessThan(0.01);
    }
    expectScreenful(result().report);
  });
});

describe('mixed-types demo', () => {
  const result = once(mixedTypes);
  const first = () => result().recovery[0];
  const last = () => result().recovery.at(-1)!;

  it('recovers every kind of parameter closely at the largest n', () => {
    expect(last().ari).toBeGreaterThan(0.99);
    expect(last().gaussianMean).toBeLessThan(0.05);
    expect(last().poissonRate).toBeLessThan(0.02);
    expect(last().categorical).toBeLessThan(0.03);
    expect(last().gammaMean).toBeLessThan(0.03);
    expect(last().bernoulli).toBeLessThan(0.03);
  });

  it('errors shrink as n grows', () => {
    for (const key of [
      'gaussianMean',
      'poissonRate',
      'categorical',
      'gammaMean',
      'bernoulli',
    ] as const) {
      expect(last()[key]).toBeLessThan(first()[key]);
    }
    expectScreenful(result().report);
  });
});

describe('bernoulli demo', () => {
  it('clusters noisy binary glyphs and recovers the pixel probabilities', () => {
    const result = once(bernoulli);
    expect(result().ari).toBeGreaterThan(0.9);
    expect(result().probabilityError).toBeLessThan(0.05);
    expectScreenful(result().report);
  });
});

describe('bag-of-words demo', () => {
  it('recovers the topics and their words with a multinomial mixture', () => {
    const result = once(bagOfWords);
    expect(result().ari).toBeGreaterThan(0.9);
    for (const recovered of result().topWordsRecovered) expect(recovered).toBeGreaterThanOrEqual(7);
    expectScreenful(result().report);
  });
});

describe('custom-family demo', () => {
  const result = once(customFamily);

  it('fits von Mises x Gaussian components and beats a Gaussian on raw degrees', () => {
    expect(result().vonMisesAri).toBeGreaterThan(0.85);
    expect(result().vonMisesAri - result().gaussianAri).toBeGreaterThan(0.15);
    for (const error of result().directionErrors) expect(error).toBeLessThan(10);
  });

  it('saves and reloads the mixture through an extended registry', () => {
    expect(result().roundTripIdentical).toBe(true);
    expectScreenful(result().report);
  });
});

describe('kmeans-vs-gmm demo', () => {
  it('the full-covariance mixture recovers sheared blobs that k-means cuts across', () => {
    const result = once(kmeansVsGmm);
    expect(result().gmmAri).toBeGreaterThan(0.95);
    expect(result().kmeansAri).toBeLessThan(0.8);
    expectScreenful(result().report);
  });
});
