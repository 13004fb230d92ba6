import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NOISE } from '@mixkit/core';
import { loadFaithful, loadIris } from '@mixkit/datasets';
import { Dbscan, Hdbscan, Optics } from '@mixkit/density';
import { gaussianModel, studentTDiag, studentTFull, vonMisesFisher } from '@mixkit/distributions';
import { type FitMixtureOptions, fitMixture } from '@mixkit/em';
import { BayesianGaussianMixture, mclust } from '@mixkit/gaussian-mixture';
import { AgglomerativeClustering } from '@mixkit/hierarchical';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../src/data/loadData.js';
import { unitRows } from '../src/data/unitRows.js';
import { randomPlacement } from '../src/fit/randomPlacement.js';
import { DEFAULT_STATE } from '../src/state/playgroundState.js';
import {
  launchChromium,
  pointFills,
  readResult,
  screenshotDir,
  showLastIteration,
  startPreview,
  traceMainThread,
} from './harness.js';

// The methods that landed beside EM: Student-t and von Mises–Fisher components, mclust's models
// and its selection, the variational mixture, and the hard clusterers with their figures. Each
// test fits in the page and, in this process, with the library configured here; labels must be
// equal, the figure drawn, and the link must bring the same fit back.

const PALETTE = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1'];
const NOISE_FILL = '#d9d9d9';

let server: PreviewServer | undefined;
let baseUrl = '';
let launched: Browser | undefined;
let setupError: unknown;
const pageErrors: string[] = [];

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

async function openPage(query: string, width = 1280): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(`${query}: ${error.message}`));
  await page.goto(`${baseUrl}?${query}`);
  return page;
}

/** A hard clusterer's record on `#fit-result`, once its fit is done. */
async function readClusterer(page: Page) {
  await page.waitForSelector('#fit-result[data-status="done"], #fit-result[data-status="error"]');
  const record = await page.$eval('#fit-result', (element) => ({
    ...(element as HTMLElement).dataset,
  }));
  if (record.status !== 'done' || record.labels === undefined) {
    throw new Error(`the page's fit failed: ${await page.textContent('#fit-result')}`);
  }
  const numbers = (text: string | undefined) => (text ? text.split(',').map(Number) : []);
  return {
    method: record.method,
    labels: numbers(record.labels),
    nClusters: Number(record.nClusters),
    noise: Number(record.noise),
    eps: record.eps === undefined ? undefined : Number(record.eps),
    maxEps: record.maxEps === undefined ? undefined : Number(record.maxEps),
    probabilities: numbers(record.probabilities),
  };
}

/** Waits for the link to carry `name=value` (the form writes the URL on every change). */
async function linkHas(page: Page, name: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([n, v]) => new URL(window.location.href).searchParams.get(n as string) === v,
    [name, value],
  );
}

/** Presses a Plot figure at data height `y` (through its own y scale). */
async function pressAtHeight(page: Page, selector: string, y: number): Promise<void> {
  const position = await page.$eval(
    selector,
    (svg, value) => {
      const plot = svg as SVGSVGElement & { scale(name: string): { apply(v: number): number } };
      const box = plot.getBoundingClientRect();
      const pixelsPerUnit = box.height / plot.height.baseVal.value;
      return {
        x: box.left + box.width / 2,
        y: box.top + plot.scale('y').apply(value as number) * pixelsPerUnit,
      };
    },
    y,
  );
  await page.mouse.click(position.x, position.y);
}

/** `#rrggbb` of a palette color at opacity `alpha` over white, as a point of strength p is painted. */
function faded(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(255 - (255 - ((value >> shift) & 255)) * alpha);
  return `#${((channel(16) << 16) | (channel(8) << 8) | channel(0)).toString(16).padStart(6, '0')}`;
}

describe('the new component families in Chromium', () => {
  it('fits Student t components as the library does, and draws their scale ellipses', async () => {
    const page = await openPage(
      'data=iris&k=3&fam=student-t,student-t,student-t-diag&init=k-means&seed=1&x=2&y=3&color=hard',
    );
    const shown = await readResult(page);
    const X = loadIris().X;
    const t = studentTFull();
    const model = fitMixture(X, { components: [t, t, studentTDiag()], init: 'k-means', random: 1 });
    expect(shown.labels).toEqual(Array.from(model.predict(X)));
    expect(shown.iterations).toBe(model.diagnostics.iterations);
    await showLastIteration(page);
    // Two solid ellipses (the scale matrix at 1 and 2) per component, ν in the legend.
    expect(
      await page.$$eval(
        '#em-panel g.component-outlines path:not([stroke-dasharray])',
        (p) => p.length,
      ),
    ).toBe(6);
    expect(await page.textContent('#fit-result .legend')).toMatch(
      /Student t: weight [\d.]+, location \([^)]*\), ν = [\d.]+/,
    );
    const fills = await pointFills(page, '#em-panel');
    expect(fills.map((fill) => PALETTE.indexOf(fill))).toEqual(shown.labels);
    await page.close();
  });

  it('fits von Mises–Fisher components to the directions, says the rows are unit vectors, draws sectors', async () => {
    const page = await openPage(
      'data=directions&n=600&dseed=1&k=3&fam=von-mises-fisher,von-mises-fisher,von-mises-fisher&init=random-placement&seed=2',
    );
    const shown = await readResult(page);
    const state = { ...DEFAULT_STATE, dataset: 'directions' as const, n: 600, dataSeed: 1 };
    const X = unitRows(loadData(state)).X;
    const family = vonMisesFisher();
    const kinds = ['von-mises-fisher', 'von-mises-fisher', 'von-mises-fisher'] as const;
    // The page's families are chosen at run time, so its options are typed as any family's.
    const options: FitMixtureOptions = {
      components: [family, family, family],
      init: randomPlacement(X, kinds, 'full', 2),
      random: 2,
    };
    const model = fitMixture(X, options);
    expect(shown.labels).toEqual(Array.from(model.predict(X)));
    expect(Math.abs(shown.logLikelihood - model.score(X))).toBeLessThanOrEqual(
      1e-11 * Math.abs(model.score(X)),
    );
    expect(await page.textContent('#controls')).toContain('every row is scaled to unit length');
    await showLastIteration(page);
    // A sector (origin + arc) at 1 and 2 spreads per component; directions and κ in the legend.
    const sectors = await page.$$eval(
      '#em-panel g.component-outlines path',
      (paths) => paths.length,
    );
    expect(sectors).toBe(6);
    expect(await page.textContent('#fit-result .legend')).toMatch(
      /von Mises–Fisher: weight [\d.]+, direction -?[\d.]+°, κ = [\d.]+/,
    );
    // Gaussian covariance does not shape any component here: not offered.
    expect(await page.isVisible('select[name="cov"]')).toBe(false);
    await page.close();
  });

  it("fits one of mclust's models (cov=VEV) by EM as the library does", async () => {
    const page = await openPage('data=iris&k=2&fam=gaussian,gaussian&cov=VEV&init=k-means&seed=0');
    const shown = await readResult(page);
    const X = loadIris().X;
    const family = gaussianModel('VEV');
    const model = fitMixture(X, { components: [family, family], init: 'k-means', random: 0 });
    expect(shown.labels).toEqual(Array.from(model.predict(X)));
    expect(shown.iterations).toBe(model.diagnostics.iterations);
    expect(await page.textContent('#fit-result .legend')).toContain('Gaussian (VEV)');
    expect(await page.inputValue('select[name="cov"]')).toBe('VEV');
    await page.close();
  });
});

describe('mclust selection and the variational mixture in Chromium', () => {
  it("selects as mclust() does and prints its summary like R's summary(mclustBIC)", async () => {
    const page = await openPage('data=faithful&method=mclust');
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const result = mclust(X);
    expect(shown.labels).toEqual(Array.from(result.model.predict(X)));
    expect(await page.textContent('pre.mclust-summary')).toBe(result.summary());
    expect(await page.textContent('pre.mclust-table')).toBe(result.table());
    // The page is cross-origin isolated: the 126 fits ran on its pool of Web Workers.
    expect(await page.getAttribute('html', 'data-fit-executor')).toMatch(/^web-workers:\d$/);
    expect(await page.textContent('#fit-result')).toContain(
      "EEE with 3 components, BIC -2314.316 (mclust's sign: higher is better)",
    );
    // The player replays the chosen model's EM, ending at its fitted components.
    await showLastIteration(page);
    expect(await page.textContent('#em-panel figcaption')).toContain(
      "mclust's choice, EEE with 3 components, fitted",
    );
    expect(await page.$$eval('#em-panel g.component-outlines path', (p) => p.length)).toBe(6);
    await page.screenshot({
      path: join(screenshotDir, 'playground-mclust.actual.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('fits the variational mixture as BayesianGaussianMixture does, unused components faint and listed', async () => {
    const page = await openPage(
      'data=faithful&method=variational&k=6&cov=full&prior=dirichlet-process&conc=0.01&init=k-means&seed=1',
    );
    const shown = await readResult(page);
    const X = loadFaithful().X;
    const model = new BayesianGaussianMixture({
      nClusters: 6,
      covarianceType: 'full',
      weightPrior: 'dirichlet-process',
      weightConcentrationPrior: 0.01,
      init: 'k-means',
    }).fit(X, { random: 1 });
    expect(shown.labels).toEqual(Array.from(model.predict(X)));
    expect(shown.iterations).toBe(model.iterations);
    const unused = model.unusedComponents;
    expect(unused.length).toBeGreaterThan(0);
    expect(await page.textContent('#fit-result')).toContain(
      `${unused.map((c) => `#${c + 1}`).join(', ')} of 6 (less than one row each`,
    );
    await showLastIteration(page);
    expect(await page.$$eval('#em-panel path.unused-component', (p) => p.length)).toBe(
      2 * unused.length,
    );
    expect(await page.$$eval('#fit-result .legend li.unused', (items) => items.length)).toBe(
      unused.length,
    );
    expect(await page.textContent('.traces')).toContain('evidence lower bound');
    await page.close();
  });
});

describe('agglomerative clustering in Chromium', () => {
  it('labels as AgglomerativeClustering does, draws the dendrogram, and cuts where it is pressed', async () => {
    const page = await openPage('data=faithful&method=agglomerative&linkage=ward&cut=k&k=3');
    const first = await readClusterer(page);
    const X = loadFaithful().X;
    const byK = new AgglomerativeClustering({ linkage: 'ward', nClusters: 3 }).fit(X);
    expect(first.labels).toEqual(Array.from(byK.labels));
    expect(first.nClusters).toBe(3);
    await page.waitForSelector('#dendrogram-panel svg');
    // 63 merges drawn, 3 segments each, and each of the 3 clusters' stems split at the cut line.
    expect(await page.$$eval('#dendrogram-panel g.dendrogram-links path', (p) => p.length)).toBe(
      192,
    );
    expect(await page.$$eval('#dendrogram-panel g.dendrogram-cut line', (l) => l.length)).toBe(1);
    expect(await page.isVisible('#playback')).toBe(false);
    await page.screenshot({
      path: join(screenshotDir, 'playground-dendrogram.actual.png'),
      fullPage: true,
    });

    // Press at height 30: the link now cuts there, and the labels are the library's for it.
    await pressAtHeight(page, '#dendrogram-panel svg', 30);
    await linkHas(page, 'cut', 'height');
    const height = Number(new URL(page.url()).searchParams.get('h'));
    // Within a few pixels of the press (the figure spans about 300 in 200 pixels).
    expect(Math.abs(height - 30)).toBeLessThan(3);
    await page.waitForFunction(
      () => document.getElementById('fit-result')?.dataset.status === 'done',
    );
    const cut = await readClusterer(page);
    const byHeight = new AgglomerativeClustering({
      linkage: 'ward',
      distanceThreshold: height,
    }).fit(X);
    expect(cut.labels).toEqual(Array.from(byHeight.labels));
    expect(cut.nClusters).toBeGreaterThan(3);
    expect(await page.inputValue('input[name="h"]')).toBe(String(height));
    await page.close();
  });
});

describe('density clustering in Chromium', () => {
  const moonsState = { ...DEFAULT_STATE, dataset: 'moons' as const, n: 1000, dataSeed: 1 };

  it('labels as Dbscan does with the radius it chose, noise painted gray', async () => {
    const page = await openPage('data=moons&n=1000&dseed=1&method=dbscan&eps=auto&minpts=10');
    const shown = await readClusterer(page);
    const X = loadData(moonsState).X;
    expect(shown.eps).toBeGreaterThan(0);
    const model = new Dbscan({ eps: shown.eps ?? 0, minPts: 10 }).fit(X);
    expect(shown.labels).toEqual(Array.from(model.labels));
    expect(model.nClusters).toBe(2);
    const noise = Array.from(model.labels).filter((l) => l === NOISE).length;
    expect(shown.noise).toBe(noise);
    const fills = await pointFills(page, '#cluster-panel');
    expect(fills.filter((fill) => fill === NOISE_FILL)).toHaveLength(noise);
    // Core samples in their cluster's color, border rows lighter.
    const core = new Set(model.coreSampleIndices);
    model.labels.forEach((label, i) => {
      if (label === NOISE) return;
      const color = PALETTE[label] as string;
      expect(fills[i]).toBe(core.has(i) ? color : faded(color, 0.2 + 0.8 * 0.35));
    });
    expect(await page.textContent('#fit-result')).toContain('(auto)');
    await page.close();
  });

  it('labels as Optics does, draws the reachability plot, and extracts where it is pressed', async () => {
    const page = await openPage(
      'data=moons&n=1000&dseed=1&method=optics&eps=0.09&maxeps=0.3&minpts=10',
    );
    const shown = await readClusterer(page);
    const X = loadData(moonsState).X;
    const model = new Optics({ minPts: 10, eps: 0.3, epsCluster: 0.09 }).fit(X);
    expect(shown.labels).toEqual(Array.from(model.labels));
    expect(shown.maxEps).toBe(0.3);
    await page.waitForSelector('#reachability-panel svg');
    expect(await page.$$eval('#reachability-panel g.reachability-bars rect', (r) => r.length)).toBe(
      800,
    );
    await pressAtHeight(page, '#reachability-panel svg', 0.06);
    await page.waitForFunction(() => {
      const eps = Number(new URL(window.location.href).searchParams.get('eps'));
      return Math.abs(eps - 0.06) < 0.01;
    });
    const eps = Number(new URL(page.url()).searchParams.get('eps'));
    await page.waitForFunction(
      (value) => document.getElementById('fit-result')?.dataset.eps === String(value),
      eps,
    );
    const lower = await readClusterer(page);
    const extracted = new Optics({ minPts: 10, eps: 0.3, epsCluster: eps }).fit(X);
    expect(lower.labels).toEqual(Array.from(extracted.labels));
    expect(lower.noise).toBeGreaterThan(shown.noise);
    await page.close();
  });

  it('labels as Hdbscan does, with membership probabilities as opacity and the condensed tree', async () => {
    const page = await openPage(
      'data=moons&n=1000&dseed=1&method=hdbscan&minpts=10&sel=eom&compare=1&k=2',
    );
    const shown = await readClusterer(page);
    const X = loadData(moonsState).X;
    const model = new Hdbscan({ minPts: 10 }).fit(X);
    expect(shown.labels).toEqual(Array.from(model.labels));
    // Chromium's V8 and Node's may differ in the last bit of a distance (as of Math.exp for EM).
    expect(shown.probabilities).toHaveLength(X.rows);
    shown.probabilities.forEach((p, i) => {
      expect(Math.abs(p - (model.probabilities[i] as number))).toBeLessThanOrEqual(1e-12);
    });
    const fills = await pointFills(page, '#cluster-panel');
    model.labels.forEach((label, i) => {
      const expected =
        label === NOISE
          ? NOISE_FILL
          : faded(PALETTE[label] as string, 0.2 + 0.8 * (model.probabilities[i] as number));
      expect(fills[i]).toBe(expected);
    });
    await page.waitForSelector('#condensed-tree-panel svg');
    expect(await page.$$eval('#condensed-tree-panel path.selected-cluster', (p) => p.length)).toBe(
      model.nClusters,
    );
    // Each cluster's persistence (stability) is listed.
    const legend = await page.textContent('#fit-result .legend');
    model.clusterStabilities.forEach((stability, c) => {
      expect(legend).toContain(`cluster #${c}: `);
      expect(legend).toContain(`stability ${stability.toPrecision(4)}`);
    });
    // k-means beside it, matched to HDBSCAN's clusters.
    expect(await page.isVisible('#kmeans-panel')).toBe(true);
    await page.screenshot({
      path: join(screenshotDir, 'playground-hdbscan.actual.png'),
      fullPage: true,
    });
    await page.close();
  });

  it("keeps each clusterer's settings in the link: changed in the form, reopened, the same fit", async () => {
    const page = await openPage('data=moons&n=1000&dseed=1');
    await readResult(page);
    await page.selectOption('select[name="method"]', 'hdbscan');
    await linkHas(page, 'method', 'hdbscan');
    await page.fill('input[name="minpts"]', '15');
    await page.press('input[name="minpts"]', 'Enter');
    await linkHas(page, 'minpts', '15');
    await page.selectOption('select[name="sel"]', 'leaf');
    await linkHas(page, 'sel', 'leaf');
    const first = await readClusterer(page);
    const X = loadData(moonsState).X;
    expect(first.labels).toEqual(
      Array.from(new Hdbscan({ minPts: 15, clusterSelection: 'leaf' }).fit(X).labels),
    );
    const link = page.url();
    const reopened = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await reopened.goto(link);
    expect(await readClusterer(reopened)).toEqual(first);
    expect(await reopened.inputValue('select[name="method"]')).toBe('hdbscan');
    expect(await reopened.inputValue('input[name="minpts"]')).toBe('15');
    expect(await reopened.inputValue('select[name="sel"]')).toBe('leaf');
    await reopened.close();

    // Agglomerative and DBSCAN settings, through the form and back.
    await page.selectOption('select[name="method"]', 'agglomerative');
    await page.selectOption('select[name="linkage"]', 'single');
    await linkHas(page, 'linkage', 'single');
    await page.selectOption('select[name="method"]', 'dbscan');
    await page.fill('input[name="eps"]', '0.1');
    await page.press('input[name="eps"]', 'Enter');
    await linkHas(page, 'eps', '0.1');
    const dbscan = await readClusterer(page);
    expect(dbscan.labels).toEqual(Array.from(new Dbscan({ eps: 0.1, minPts: 15 }).fit(X).labels));
    const again = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await again.goto(page.url());
    expect(await readClusterer(again)).toEqual(dbscan);
    expect(await again.inputValue('input[name="eps"]')).toBe('0.1');
    await again.close();
    await page.close();
  });
});

describe('a 20,000-row density and hierarchy fit', () => {
  // Retried once, as the EM long-task test: the wall-time check is scaled by the run's average
  // stretch, and one task can still wait longer than the average on a loaded machine.
  it('runs HDBSCAN and single linkage in the worker and draws them with no long task over 100 ms', {
    retry: 1,
  }, async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(`20,000 rows: ${error.message}`));
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          tasks.push({ start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}?data=moons&n=1000&dseed=2&method=hdbscan&minpts=10`);
    await readClusterer(page);
    const since = await page.evaluate(() => performance.now());
    const labelled = (method: string) =>
      page.waitForFunction(
        (m) => {
          const result = document.getElementById('fit-result');
          return (
            result?.dataset.method === m && result.dataset.labels?.split(',').length === 20_000
          );
        },
        method,
        { timeout: 240_000 },
      );
    const trace = await traceMainThread(page, async () => {
      await page.fill('input[name="n"]', '20000');
      await page.press('input[name="n"]', 'Enter');
      await linkHas(page, 'n', '20000');
      await labelled('hdbscan');
      await page.waitForSelector('#condensed-tree-panel svg');
      await page.selectOption('select[name="method"]', 'agglomerative');
      await page.selectOption('select[name="linkage"]', 'single');
      await linkHas(page, 'linkage', 'single');
      await labelled('agglomerative');
      await page.waitForSelector('#dendrogram-panel svg');
      await page.waitForTimeout(1000);
    });
    expect(await page.getAttribute('#cluster-panel', 'data-renderer')).toBe('canvas');
    const tasks = await page.evaluate(
      () => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks,
    );
    const during = tasks.filter((task) => task.start >= since);
    const worst = Math.max(0, ...during.map((task) => task.duration));
    console.log(
      `20,000-row HDBSCAN then single linkage: ${during.length} long tasks, the longest ${worst.toFixed(0)} ms (wall); main thread: ${trace.tasks.length} tasks, the longest ${trace.longestCpu.toFixed(0)} ms of CPU, machine stretch ${trace.stretch.toFixed(2)}x`,
    );
    expect(trace.longestCpu).toBeLessThanOrEqual(100);
    expect(worst).toBeLessThanOrEqual(100 * Math.max(1, trace.stretch));
    await page.close();
  });
});

describe('small and bad data on a phone (390 px, touch)', () => {
  /** The page's fit record once it ends, with its text and what a reader would see wrong. */
  async function outcome(page: Page) {
    await page.waitForSelector('#fit-result[data-status="done"], #fit-result[data-status="error"]');
    return page.evaluate(() => {
      const text = document.body.textContent ?? '';
      return {
        status: document.getElementById('fit-result')?.dataset.status,
        message: document.getElementById('fit-result')?.textContent ?? '',
        unreadable: text.match(/.{0,40}(NaN|Infinity|undefined|\[object|\.[jt]s:\d).{0,20}/g),
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
  }

  it('fits tiny data, says plainly what is wrong with bad data, and never shows NaN', async () => {
    const page = await browser().newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    page.on('pageerror', (error) => pageErrors.push(`phone: ${error.message}`));
    const three = 'data=custom&pts=1,1;2,2;3,3';
    // mclust tries 1 to 3 components on three rows, not 1 to 9 (which the library refuses).
    // DBSCAN shows no k: its hidden k-means runs with at most one cluster per row.
    // All noise, and a single cluster, are results, not errors.
    const fitted = [
      `${three}&method=mclust&k=4`,
      'data=custom&pts=1,1;1.1,1&method=dbscan&minpts=2&k=3',
      'method=dbscan&eps=0.0001&minpts=10',
      'method=agglomerative&linkage=single&cut=height&h=1000000',
      `${three}&method=agglomerative&cut=k&k=3`,
    ];
    for (const query of fitted) {
      await page.goto(`${baseUrl}?${query}`);
      const shown = await outcome(page);
      expect(shown, query).toMatchObject({ status: 'done', unreadable: null });
      expect(shown.overflow, query).toBeLessThanOrEqual(0);
    }
    // (the last of them: three clusters of one row each, counted in the singular)
    expect(await page.textContent('#fit-result')).toMatch(/cluster #0: 1 row(?!s)/);
    // Each refusal is one sentence naming the setting and the value, as the library's typed
    // error (InvalidInputError) words it, or the page's own check before fitting.
    const refused: [string, RegExp][] = [
      [`${three}&method=hdbscan&minpts=5`, /^The fit failed: Invalid minPts: .* \(got 5\)$/],
      [
        'data=blobs&n=200&k=2&fam=gamma,gamma',
        /^The fit failed: Invalid X at row \d+, column \d+: gamma data must be .* \(got -?[\d.]+\)$/,
      ],
      [`${three}&k=4`, /^The fit failed: need at least 4 points for 4 components \(have 3\)$/],
      ['data=custom&method=hdbscan', /^The fit failed: no points yet: click in the plot/],
    ];
    for (const [query, expected] of refused) {
      await page.goto(`${baseUrl}?${query}`);
      const shown = await outcome(page);
      expect(shown, query).toMatchObject({ status: 'error', unreadable: null });
      expect(shown.message.trim(), query).toMatch(expected);
      expect(shown.overflow, query).toBeLessThanOrEqual(0);
    }

    // A finger on the dendrogram cuts it there, as a mouse press does.
    await page.goto(`${baseUrl}?data=faithful&method=agglomerative&linkage=ward&cut=k&k=3`);
    await readClusterer(page);
    const svg = await page.waitForSelector('#dendrogram-panel svg');
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box) throw new Error('the dendrogram has no box');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height * 0.6);
    await linkHas(page, 'cut', 'height');
    const cut = await readClusterer(page);
    expect(cut.nClusters).toBeGreaterThan(1);
    expect((await outcome(page)).overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('the methods in the page', () => {
  it('threw no error in any page', () => {
    browser();
    expect(pageErrors).toEqual([]);
  });
});
