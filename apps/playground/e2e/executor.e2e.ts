import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readResult, startPreview } from './harness.js';

// The Web Worker executor in Chromium, served with and without the cross-origin-isolation
// headers: workers.html fits 120,000 rows (several shards) in the page's thread and on a pool of
// 2 Web Workers and compares the results bit for bit; the playground itself reports where its
// fit ran (a pool when isolated, its fit worker alone otherwise).

interface Served {
  server: PreviewServer;
  url: string;
}
let isolated: Served | undefined;
let plain: Served | undefined;
let launched: Browser | undefined;
let setupError: unknown;
const pageErrors: string[] = [];

// A setup failure (no Chromium, no build) fails every test with its reason, never skips them.
beforeAll(async () => {
  try {
    isolated = await startPreview();
    plain = await startPreview({ isolated: false });
    launched = await launchChromium();
  } catch (error) {
    setupError = error;
  }
});

afterAll(async () => {
  await launched?.close();
  await isolated?.server.close();
  await plain?.server.close();
});

async function open(served: Served | undefined, path: string): Promise<Page> {
  if (setupError !== undefined || !launched || !served) throw setupError ?? new Error('no browser');
  const page = await launched.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(new URL(path, served.url).href);
  return page;
}

async function workersCheck(served: Served | undefined): Promise<Record<string, string>> {
  const page = await open(served, 'workers.html');
  await page.waitForSelector('#check[data-status="done"], #check[data-status="error"]', {
    timeout: 100_000,
  });
  const record = await page.$eval('#check', (element) => ({ ...(element as HTMLElement).dataset }));
  if (record.status !== 'done')
    throw new Error(`the check failed: ${await page.textContent('#check')}`);
  await page.close();
  return record as Record<string, string>;
}

describe('the Web Worker executor in Chromium', () => {
  it('with COOP/COEP: the data is shared, 2 workers run the shards, same bits as in the page', async () => {
    const record = await workersCheck(isolated);
    expect(record).toMatchObject({ isolated: 'true', shared: 'true', workers: '2' });
    expect(record.same).toBe('true,true,true');
  });

  it('without them: no SharedArrayBuffer, the pool copies the data once per fit, same bits', async () => {
    const record = await workersCheck(plain);
    expect(record).toMatchObject({ isolated: 'false', shared: 'false', workers: '2' });
    expect(record.same).toBe('true,true,true');
  });

  it('the playground fits through a pool when isolated, and alone in its fit worker otherwise', async () => {
    const query = '?data=blobs&n=10000&dseed=2&k=4&init=k-means&seed=0';
    const results = [];
    for (const [served, expected] of [
      [isolated, /^web-workers:\d$/],
      [plain, /^in-thread$/],
    ] as const) {
      const page = await open(served, query);
      results.push(await readResult(page));
      const executor = await page.getAttribute('html', 'data-fit-executor');
      expect(executor).toMatch(expected);
      await page.close();
    }
    // Either way the same fit.
    expect(results[0]).toEqual(results[1]);
  });

  it('threw no error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
