import { makeBlobs } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { createWebWorkerPool } from '@mixkit/workers/browser';

// The page behind the e2e test of the Web Worker executor: data large enough for several shards
// (so the pool really runs them), fitted in this thread and on the pool, compared bit for bit.
// With cross-origin isolation the pool shares the data (SharedArrayBuffer); without it, each
// worker gets a copy once per fit. Both must give the same bits.
const check = document.getElementById('check') as HTMLElement;

async function run(): Promise<Record<string, string>> {
  const { X } = makeBlobs({ nSamples: 120_000, nFeatures: 3, centers: 4, random: 5 });
  const workers = 2;
  const pool = createWebWorkerPool({
    workers,
    keepAlive: true,
    create: () => new Worker(new URL('./poolWorker.ts', import.meta.url), { type: 'module' }),
  });
  const same: string[] = [];
  for (const family of [gaussianFull(), gaussianDiag()]) {
    const options = { family, nClusters: 4, maxIterations: 5, tolerance: 0, random: 1 };
    const inThread = fitMixture(X, options);
    const onPool = await fitMixtureAsync(X, { ...options, executor: pool });
    same.push(String(JSON.stringify(onPool.toJSON()) === JSON.stringify(inThread.toJSON())));
  }
  const kmeans = new KMeans({ nClusters: 4, init: 'random', nInit: 2 });
  const a = kmeans.fit(X, { random: 3 });
  const b = await kmeans.fitAsync(X, { random: 3, executor: pool });
  same.push(String(JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON())));
  const live = pool.liveWorkers;
  pool.destroy();
  return {
    isolated: String(globalThis.crossOriginIsolated === true),
    shared: String(typeof SharedArrayBuffer !== 'undefined'),
    same: same.join(','),
    workers: String(live),
  };
}

run().then(
  (result) => {
    Object.assign(check.dataset, result, { status: 'done' });
    check.textContent = JSON.stringify(result, null, 2);
  },
  (error: unknown) => {
    check.dataset.status = 'error';
    check.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  },
);
