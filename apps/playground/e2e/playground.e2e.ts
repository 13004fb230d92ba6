import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AnyComponentFamily, createMatrix, createRandom, type Matrix } from '@mixkit/core';
import { loadFaithful } from '@mixkit/datasets';
import { gamma } from '@mixkit/distributions';
import { type FitMixtureOptions, fitMixture } from '@mixkit/em';
import { iterateKmeans, kmeansPlusPlus } from '@mixkit/kmeans';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  pointFills,
  readResult,
  screenshotDir,
  showLastIteration,
  startPreview,
} from './harness.js';

// The page's component colors (d3.schemeTableau10), to read labels back from the drawn points.
const PALETTE = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1'];

let server: PreviewServer;
let baseUrl: string;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ server, url: baseUrl } = await startPreview());
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}?${query}`);
  return page;
}

/** The library's fit of the same data in this process, configured by hand (not by app code). */
function libraryFit(X: Matrix, options: FitMixtureOptions) {
  const model = fitMixture(X, options);
  return {
    logLikelihood: model.score(X),
    iterations: model.diagnostics.iterations,
    converged: model.diagnostics.converged,
    labels: Array.from(model.predict(X)),
  };
}

function libraryKMeans(X: Matrix, k: number, seed: number) {
  const steps = iterateKmeans(X, { centers: kmeansPlusPlus(X, k, createRandom(seed)) });
  for (;;) {
    const step = steps.next();
    if (step.done) return { labels: Array.from(step.value.labels), inertia: step.value.inertia };
  }
}

function column(X: Matrix, c: number): Matrix {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) out[i] = X.data[i * X.cols + c] as number;
  return createMatrix(X.rows, 1, out);
}

describe('playground', () => {
  it('reports the same log-likelihood, iterations and labels as the library on the same data and seed', async () => {
    const page = await openPage(
      'data=faithful&k=2&fam=gamma,gamma&init=random-from-data&seed=3&color=hard',
    );
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const family: AnyComponentFamily = gamma();
    const expected = libraryFit(X, {
      components: [family, family],
      init: 'random-from-data',
      random: 3,
    });
    // Same code, same engine (V8) on both sides: the numbers agree to the last bit.
    expect(shown.logLikelihood).toBe(expected.logLikelihood);
    expect(shown.iterations).toBe(expected.iterations);
    expect(shown.converged).toBe(expected.converged);
    expect(shown.labels).toEqual(expected.labels);

    // The plotted clusters: at the last iteration, in hard mode, each point has its label's color.
    await showLastIteration(page);
    const fills = await pointFills(page, '#em-panel');
    expect(fills).toHaveLength(X.rows);
    expect(fills.map((fill) => PALETTE.indexOf(fill))).toEqual(expected.labels);
    await page.screenshot({
      path: join(screenshotDir, 'playground-2d.actual.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('runs k-means beside EM with the library k-means result', async () => {
    const page = await openPage('data=faithful&k=2&fam=gamma,gamma&seed=5&compare=1');
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const expected = libraryKMeans(X, 2, 5);
    expect(shown.kmeansLabels).toEqual(expected.labels);
    expect(shown.kmeansInertia).toBe(expected.inertia);
    await showLastIteration(page);
    const fills = await pointFills(page, '#kmeans-panel');
    expect(fills.map((fill) => PALETTE.indexOf(fill))).toEqual(expected.labels);
    await page.close();
  });

  it('shows the 1-D view: histogram, component densities and responsibilities that move', async () => {
    const page = await openPage(
      'view=1d&data=faithful&col=0&k=2&fam=gamma,gamma&init=random-from-data&seed=1',
    );
    const shown = await readResult(page);
    const family = gamma();
    const expected = libraryFit(column(loadFaithful().X, 0), {
      components: [family, family],
      init: 'random-from-data',
      random: 1,
    });
    expect(shown.logLikelihood).toBe(expected.logLikelihood);
    expect(shown.labels).toEqual(expected.labels);
    const last = await showLastIteration(page);
    expect(last).toBeGreaterThan(1);
    const rugAtEnd = await page.$$eval('g.data-points line', (lines) =>
      lines.map((l) => l.getAttribute('stroke')),
    );
    await page.click('#playback button[name="first"]');
    await page.waitForFunction(() => document.getElementById('playback')?.dataset.shown === '0');
    const rugAtStart = await page.$$eval('g.data-points line', (lines) =>
      lines.map((l) => l.getAttribute('stroke')),
    );
    expect(rugAtStart).toHaveLength(272);
    expect(rugAtStart).not.toEqual(rugAtEnd);
    await page.screenshot({
      path: join(screenshotDir, 'playground-1d.actual.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('has thrown no error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
