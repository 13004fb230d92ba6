import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMatrix, createRandom, type Matrix } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { gamma, gaussianDiag, gaussianFull, logNormal } from '@mixkit/distributions';
import { type FitMixtureOptions, fitMixture } from '@mixkit/em';
import { iterateKmeans, kmeansPlusPlus } from '@mixkit/kmeans';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../src/data/loadData.js';
import { randomPlacement } from '../src/fit/randomPlacement.js';
import { DEFAULT_STATE } from '../src/state/playgroundState.js';
import {
  launchChromium,
  type PageResult,
  pointFills,
  readResult,
  screenshotDir,
  showLastIteration,
  startPreview,
  waitForStep,
} from './harness.js';

// The page's component colors (d3.schemeTableau10), to read labels back from the drawn points.
const PALETTE = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1'];

let server: PreviewServer | undefined;
let baseUrl = '';
let launched: Browser | undefined;
let setupError: unknown;
const pageErrors: string[] = [];

// A setup failure (no Chromium, no build) is kept and rethrown by every test, so each one FAILS
// with the reason: a throwing beforeAll would only mark them skipped.
beforeAll(async () => {
  try {
    ({ server, url: baseUrl } = await startPreview());
    launched = await launchChromium();
    mkdirSync(screenshotDir, { recursive: true });
  } catch (error) {
    setupError = error;
  }
});

afterAll(async () => {
  await launched?.close();
  await server?.close();
});

function browser(): Browser {
  if (setupError !== undefined || !launched) throw setupError ?? new Error('no browser');
  return launched;
}

async function openPage(query: string): Promise<Page> {
  const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(`${query}: ${error.message}`));
  await page.goto(`${baseUrl}?${query}`);
  return page;
}

/** The library's fit of the same data in this process, configured here (not by app code). */
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

/**
 * Page and test process run the same library code on different V8 builds (Chromium's and
 * Node's), whose Math.exp/log may differ in the last bit; over an EM run that stays ~1e-13
 * relative. Labels and iteration counts must agree exactly.
 */
function expectSameFit(shown: PageResult, expected: ReturnType<typeof libraryFit>) {
  expect(Math.abs(shown.logLikelihood - expected.logLikelihood)).toBeLessThanOrEqual(
    1e-11 * Math.abs(expected.logLikelihood),
  );
  expect(shown.iterations).toBe(expected.iterations);
  expect(shown.converged).toBe(expected.converged);
  expect(shown.labels).toEqual(expected.labels);
}

function column(X: Matrix, c: number): Matrix {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) out[i] = X.data[i * X.cols + c] as number;
  return createMatrix(X.rows, 1, out);
}

describe('playground in Chromium', () => {
  it('reports the log-likelihood, iterations and labels of the library fit with the same data and seed', async () => {
    const page = await openPage(
      'data=faithful&k=2&fam=gaussian,gaussian&cov=full&init=k-means&seed=3&color=hard',
    );
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const family = gaussianFull();
    expectSameFit(
      shown,
      libraryFit(X, { components: [family, family], init: 'k-means', random: 3 }),
    );

    // The plotted clusters: at the last iteration, in hard mode, each point has its label's color.
    await showLastIteration(page);
    const fills = await pointFills(page, '#em-panel');
    expect(fills).toHaveLength(X.rows);
    expect(fills.map((fill) => PALETTE.indexOf(fill))).toEqual(shown.labels);
    // Soft mode blends: a point sure of its component keeps that color, so the colors differ.
    await page.click('input[name="color"][value="soft"]');
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('color') === 'soft',
    );
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#em-panel g.data-points circle')].some(
        (c) => !['#4e79a7', '#f28e2c'].includes(c.getAttribute('fill') ?? ''),
      ),
    );
    await page.close();
  });

  it('fits a mixture of different families (Gaussian, gamma, log-normal) as the library does', async () => {
    const page = await openPage(
      'data=iris&k=3&fam=gaussian,gamma,lognormal&cov=diag&init=k-means&seed=1&x=2&y=3',
    );
    const shown = await readResult(page);
    const X = loadIris().X;
    const expected = libraryFit(X, {
      components: [gaussianDiag(), gamma(), logNormal()],
      init: 'k-means',
      random: 1,
    });
    expectSameFit(shown, expected);
    // One solid (Gaussian) and dashed (moment) outlines: 2 ellipses per component are drawn.
    await showLastIteration(page);
    const outlines = await page.$$eval(
      '#em-panel g.component-outlines path',
      (paths) => paths.length,
    );
    expect(outlines).toBe(6);
    await page.close();
  });

  it('shows k-means beside EM with the library k-means result', async () => {
    const page = await openPage('data=faithful&k=2&seed=5&compare=1');
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const expected = libraryKMeans(X, 2, 5);
    expect(shown.kmeansLabels).toEqual(expected.labels);
    expect(shown.kmeansInertia).toBeCloseTo(expected.inertia, 6);
    await showLastIteration(page);
    // The panel paints each k-means cluster like the EM component it overlaps most: one color per
    // cluster, a different one for each.
    const colors = (await pointFills(page, '#kmeans-panel')).map((fill) => PALETTE.indexOf(fill));
    const colorOfCluster = new Map<number, number>();
    expected.labels.forEach((label, i) => {
      expect(colorOfCluster.get(label) ?? colors[i]).toBe(colors[i]);
      colorOfCluster.set(label, colors[i] as number);
    });
    expect(new Set(colorOfCluster.values()).size).toBe(2);
    expect(colors).not.toContain(-1);
    await page.close();
  });

  it('shows the 1-D view: two randomly placed Gaussians re-fit step by step, responsibilities moving', async () => {
    const page = await openPage(
      'view=1d&data=faithful&col=0&k=2&fam=gaussian,gaussian&init=random-placement&seed=1',
    );
    const shown = await readResult(page);
    const X = column(loadFaithful().X, 0);
    const family = gaussianFull();
    const expected = libraryFit(X, {
      components: [family, family],
      init: randomPlacement(X, ['gaussian', 'gaussian'], 'full', 1),
      random: 1,
    });
    expectSameFit(shown, expected);
    const last = await showLastIteration(page);
    // A start, an E-step and an M-step per iteration, and the final E-step.
    expect(last).toBe(2 * expected.iterations + 1);
    expect(await page.getAttribute('#density-panel', 'data-phase')).toBe('final');
    expect(await page.getAttribute('#density-panel', 'data-iteration')).toBe(
      String(expected.iterations),
    );
    const rug = () =>
      page.$$eval('#density-panel g.data-points line', (lines) =>
        lines.map((l) => l.getAttribute('stroke')),
      );
    const density = () =>
      page.$$eval('#density-panel svg [aria-label="line"] path', (paths) =>
        paths.map((p) => p.getAttribute('d')),
      );
    const rugAtEnd = await rug();
    const densityAtEnd = await density();
    expect(rugAtEnd).toHaveLength(X.rows);
    // Two component curves and their sum.
    expect(densityAtEnd).toHaveLength(3);
    await page.screenshot({
      path: join(screenshotDir, 'playground-1d.actual.png'),
      fullPage: true,
    });
    await page.click('#playback button[name="first"]');
    await waitForStep(page, 0);
    expect(await rug()).not.toEqual(rugAtEnd);
    expect(await density()).not.toEqual(densityAtEnd);
    await page.close();
  });

  it('keeps the state in the URL: a copied link reproduces the settings and the fit', async () => {
    const page = await openPage('data=faithful');
    await readResult(page);
    await page.fill('input[name="k"]', '3');
    await page.press('input[name="k"]', 'Enter');
    await page.waitForSelector('select[name="fam-2"]');
    await page.selectOption('select[name="fam-2"]', 'gamma');
    await page.selectOption('select[name="cov"]', 'diag');
    await page.selectOption('select[name="init"]', 'k-means');
    await page.click('button[name="reseed"]');
    await page.check('input[name="compare"]');
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('compare') === '1',
    );
    const first = await readResult(page);
    const link = page.url();
    const params = new URL(link).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      data: 'faithful',
      k: '3',
      fam: 'gaussian,gaussian,gamma',
      cov: 'diag',
      init: 'k-means',
      seed: String(DEFAULT_STATE.seed + 1),
      compare: '1',
    });

    const reopened = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await reopened.goto(link);
    const second = await readResult(reopened);
    expect(second).toEqual(first);
    expect(await reopened.inputValue('input[name="k"]')).toBe('3');
    expect(await reopened.inputValue('select[name="fam-2"]')).toBe('gamma');
    expect(await reopened.inputValue('select[name="cov"]')).toBe('diag');
    expect(await reopened.isChecked('input[name="compare"]')).toBe(true);
    expect(reopened.url()).toBe(link);
    await reopened.close();
    await page.close();
  });

  it('adds clicked points to the data (and the link) and fits them', async () => {
    const page = await openPage('data=custom&k=2&init=k-means');
    const clicks = [
      [2, 2],
      [2.5, 2.4],
      [1.6, 2.8],
      [2.2, 1.5],
      [8, 8],
      [7.5, 8.6],
      [8.4, 7.2],
      [7.8, 7.7],
    ] as const;
    for (const [index, [x, y]] of clicks.entries()) {
      // Click on a settled page: the fit of the points so far is finished and not replaying.
      await page.waitForSelector('#fit-result:is([data-status="done"], [data-status="error"])');
      await page.waitForSelector('#playback[data-playing="false"]');
      // Plot's figure is the <svg> itself and carries its scales: data -> SVG units -> pixels.
      const position = await page.$eval(
        '#em-panel svg',
        (svg, [dataX, dataY]) => {
          type Scale = { apply(value: number): number };
          const plot = svg as SVGSVGElement & { scale(name: string): Scale };
          const rect = plot.getBoundingClientRect();
          const pixelsPerUnit = rect.width / plot.width.baseVal.value;
          return {
            x: rect.left + plot.scale('x').apply(dataX as number) * pixelsPerUnit,
            y: rect.top + plot.scale('y').apply(dataY as number) * pixelsPerUnit,
          };
        },
        [x, y],
      );
      await page.mouse.click(position.x, position.y);
      await page.waitForFunction(
        (count) =>
          (new URL(window.location.href).searchParams.get('pts') ?? '').split(';').length === count,
        index + 1,
      );
    }
    const points = (new URL(page.url()).searchParams.get('pts') ?? '')
      .split(';')
      .map((p) => p.split(',').map(Number));
    points.forEach((point, i) => {
      expect(point[0]).toBeCloseTo(clicks[i]?.[0] as number, 1);
      expect(point[1]).toBeCloseTo(clicks[i]?.[1] as number, 1);
    });
    const shown = await readResult(page);
    expect(shown.labels).toHaveLength(8);
    // The two clicked groups are the two clusters.
    expect(new Set(shown.labels.slice(0, 4)).size).toBe(1);
    expect(new Set(shown.labels.slice(4)).size).toBe(1);
    expect(shown.labels[0]).not.toBe(shown.labels[4]);
    await page.close();
  });

  it('fits 10,000 points in the worker and matches the library', async () => {
    const query = 'data=blobs&n=10000&dseed=2&k=4&init=k-means&seed=0&compare=1';
    const page = await openPage(query);
    const shown = await readResult(page);
    const X = loadData({ ...DEFAULT_STATE, dataset: 'blobs', n: 10_000, dataSeed: 2 }).X;
    const family = gaussianFull();
    expectSameFit(
      shown,
      libraryFit(X, { components: [family, family, family, family], init: 'k-means', random: 0 }),
    );
    // Every point is drawn, on a canvas rather than as 10,000 SVG circles.
    await showLastIteration(page);
    expect(await page.getAttribute('#em-panel', 'data-renderer')).toBe('canvas');
    expect(await page.getAttribute('#kmeans-panel', 'data-renderer')).toBe('canvas');
    expect(await pointFills(page, '#em-panel')).toHaveLength(0);
    const painted = await page.$eval('#em-panel canvas', (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
      let opaque = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) opaque++;
      return opaque;
    });
    expect(painted).toBeGreaterThan(5000);
    await page.close();
  });

  it('looks right (screenshot for the README)', async () => {
    const page = await openPage('data=iris&k=3&init=random-placement&seed=2&compare=1&x=2&y=3');
    await readResult(page);
    await showLastIteration(page);
    await page.screenshot({
      path: join(screenshotDir, 'playground-2d.actual.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('threw no error in any page', () => {
    browser();
    expect(pageErrors).toEqual([]);
  });
});
