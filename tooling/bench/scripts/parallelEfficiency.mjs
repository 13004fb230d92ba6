// What two cores give this machine's arithmetic, without any pool (issue 17): the full-covariance
// GMM of the `em` suite on half of gmm-medium's rows, fitted in the thread of a worker, alone and
// then two at once (one half each, in two workers), interleaved. "two at once ÷ alone" near 1
// means the cores run the kernels independently; above 1 is contention (shared core resources,
// cache, clock), which caps the 1 → 2 worker speed-up at 2 ÷ that ratio whatever the pool does.
// Usage (after building the bench's dependencies; the workload cache is the harness's):
//   node tooling/bench/scripts/parallelEfficiency.mjs [rounds=10]
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { GaussianMixture } from '@mixkit/gaussian-mixture';

const cache = new URL('../.cache/', import.meta.url);
const bytes = readFileSync(new URL('gmm-medium-n100000.f64', cache));
const all = new Float64Array(
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
);
const init = JSON.parse(readFileSync(new URL('gmm-medium-n100000.init.json', cache), 'utf8'));
const mixture = () =>
  new GaussianMixture({
    nClusters: 8,
    covarianceType: 'full',
    regCovar: 1e-6,
    tolerance: 0,
    maxIterations: 20,
    weightsInit: init.weights,
    meansInit: init.means,
    precisionsInit: init.full.precisions,
  });

if (!isMainThread) {
  const half = workerData.half;
  const X = { rows: 50_000, cols: 10, data: all.slice(half * 500_000, (half + 1) * 500_000) };
  parentPort.on('message', (message) => {
    if (message === 'stop') {
      parentPort.close();
      return;
    }
    const start = performance.now();
    mixture().fit(X);
    parentPort.postMessage(performance.now() - start);
  });
} else {
  const rounds = Number(process.argv[2] ?? 10);
  const workers = [0, 1].map(
    (half) => new Worker(new URL(import.meta.url), { workerData: { half } }),
  );
  const fit = (worker) =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('go');
    });
  const alone = [];
  const together = [];
  for (let round = 0; round <= rounds; round++) {
    const a = [await fit(workers[0]), await fit(workers[1])];
    const b = await Promise.all([fit(workers[0]), fit(workers[1])]);
    // Round 0 warms up.
    if (round > 0) {
      alone.push(...a);
      together.push(...b);
    }
  }
  const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
  console.log(
    `alone: ms per fit median ${median(alone).toFixed(1)}, min ${Math.min(...alone).toFixed(1)}`,
  );
  console.log(
    `two at once: ms per fit median ${median(together).toFixed(1)}, min ${Math.min(...together).toFixed(1)}`,
  );
  console.log(
    `two at once ÷ alone: medians ${(median(together) / median(alone)).toFixed(3)}, minima ${(Math.min(...together) / Math.min(...alone)).toFixed(3)}`,
  );
  for (const worker of workers) worker.postMessage('stop');
}
