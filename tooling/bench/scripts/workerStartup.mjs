// What a worker pool's start costs (issue 17: a fresh process starts its pool inside its first
// fit), split into its parts, for one or more builds of mixkit interleaved in one process:
// - `empty`: an empty worker thread (Node's bootstrap alone): wall time until its code runs and
//   the worker thread's own CPU time by then;
// - `imports`: inside one worker, each package of the worker's graph imported in dependency
//   order (ml-matrix first, so linalg's row is without it), then the WebAssembly kernels
//   compiled (`allocateKernelArrays`): the worker thread's CPU and wall per step;
// - `pool`: `createWorkerPool({ workers })` + `await pool.start()`: wall, the calling thread's
//   CPU, and the CPU of every other thread of the process (the workers, and V8's helpers);
// - `first fit`: then the pool's first fit (a full GMM, 60,000 x 8, k = 5, 3 iterations: the
//   workers' first use of the WebAssembly kernels is in it), the same figures.
// CPU per thread is read from /proc (Linux). Usage (each root a checkout with packages/*/dist):
//   node tooling/bench/scripts/workerStartup.mjs [rounds=5] [workers=2] <root> [<root> ...]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const rounds = Number(process.argv[2] ?? 5);
const workerCount = Number(process.argv[3] ?? 2);
const roots = process.argv.slice(4);
if (roots.length === 0) throw new Error('name at least one root');

/** CPU ms of the calling thread. */
const mainCpu = () =>
  Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
/** CPU ms of the whole process, ended threads included. */
const processCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
};

const THREAD_CPU = `() => Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6`;

function runEval(source) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const worker = new Worker(source, { eval: true, workerData: { started } });
    let answer;
    worker.on('message', (message) => {
      answer = { ...message, firstMessageMs: performance.now() - started };
    });
    worker.on('error', reject);
    worker.on('exit', () => resolve({ ...answer, exitMs: performance.now() - started }));
  });
}

/** Node's worker bootstrap alone. */
function emptyWorker() {
  return runEval(`
    const cpu = ${THREAD_CPU};
    require('node:worker_threads').parentPort.postMessage({ cpuMs: cpu() });
  `);
}

function steps(root) {
  const require = createRequire(`${root}/packages/linalg/package.json`);
  const mlMatrix = require.resolve('ml-matrix').replace(/matrix\.js$/, 'matrix.mjs');
  const pkg = (name) => pathToFileURL(`${root}/packages/${name}/dist/index.js`).href;
  return [
    ['ml-matrix', pathToFileURL(mlMatrix).href],
    ['core', pkg('core')],
    ['linalg', pkg('linalg')],
    ['distributions', pkg('distributions')],
    ['em', pkg('em')],
    ['gaussian-mixture', pkg('gaussian-mixture')],
    ['kmeans', pkg('kmeans')],
    ['metrics', pkg('metrics')],
    ['workers (entry)', pathToFileURL(`${root}/packages/workers/dist/nodeWorker.js`).href],
  ];
}

/** Each package's import in one worker, in dependency order, then the WebAssembly compile. */
function importsWorker(root) {
  const list = JSON.stringify(steps(root).slice(0, -1));
  return runEval(`
    const cpu = ${THREAD_CPU};
    (async () => {
      const out = { boot: { cpuMs: cpu(), wallMs: performance.now() } };
      let linalg;
      for (const [name, url] of ${list}) {
        const c = cpu();
        const w = performance.now();
        const module = await import(url);
        if (name === 'linalg') linalg = module;
        out[name] = { cpuMs: cpu() - c, wallMs: performance.now() - w };
      }
      const c = cpu();
      const w = performance.now();
      linalg.allocateKernelArrays([16]);
      out['wasm compile'] = { cpuMs: cpu() - c, wallMs: performance.now() - w };
      require('node:worker_threads').parentPort.postMessage(out);
    })();
  `);
}

const pools = {};
const mixtures = {};
for (const root of roots) {
  pools[root] = await import(`${root}/packages/workers/dist/index.js`);
  mixtures[root] = await import(`${root}/packages/gaussian-mixture/dist/index.js`);
}
const { makeBlobs } = await import(`${roots[0]}/packages/datasets/dist/index.js`);
const { X } = makeBlobs({ nSamples: 60_000, nFeatures: 8, centers: 5, random: 1 });

async function poolStart(root) {
  const { createWorkerPool } = pools[root];
  const workerUrl = new URL(`file://${root}/packages/workers/dist/nodeWorker.js`);
  const m = mainCpu();
  const p = processCpu();
  const w = performance.now();
  const pool = createWorkerPool({ workers: workerCount, workerUrl });
  await pool.start();
  const wallMs = performance.now() - w;
  const mainMs = mainCpu() - m;
  const othersMs = processCpu() - p - mainMs;
  const m2 = mainCpu();
  const p2 = processCpu();
  const w2 = performance.now();
  const mixture = new mixtures[root].GaussianMixture({
    nClusters: 5,
    covarianceType: 'full',
    maxIterations: 3,
    tolerance: 0,
    random: 1,
  });
  await mixture.fitAsync(X, { executor: pool });
  const fitWallMs = performance.now() - w2;
  const fitMainMs = mainCpu() - m2;
  const fitOthersMs = processCpu() - p2 - fitMainMs;
  pool.destroy();
  // Let the threads end before the next measurement.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { wallMs, mainMs, othersMs, fitWallMs, fitMainMs, fitOthersMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const rows = {};
const add = (key, value) => {
  rows[key] ??= [];
  rows[key].push(value);
};
const loads = [];
for (let round = 0; round <= rounds; round++) {
  loads.push(loadavg()[0]);
  const counted = round > 0; // round 0 warms the file cache
  const empty = await emptyWorker();
  if (counted) {
    add('empty worker: cpu ms', empty.cpuMs);
    add('empty worker: wall ms to its message', empty.firstMessageMs);
  }
  for (const root of roots) {
    const tag = roots.length > 1 ? `[${roots.indexOf(root)}] ` : '';
    const imports = await importsWorker(root);
    const pool = await poolStart(root);
    if (!counted) continue;
    add(`${tag}worker boot (before its code): cpu ms`, imports.boot.cpuMs);
    for (const [name, value] of Object.entries(imports)) {
      if (name === 'boot' || typeof value !== 'object') continue;
      add(`${tag}import ${name}: cpu ms`, value.cpuMs);
      add(`${tag}import ${name}: wall ms`, value.wallMs);
    }
    add(`${tag}pool(${workerCount}) start: wall ms`, pool.wallMs);
    add(`${tag}pool(${workerCount}) start: calling thread cpu ms`, pool.mainMs);
    add(`${tag}pool(${workerCount}) start: other threads cpu ms`, pool.othersMs);
    add(`${tag}first fit: wall ms`, pool.fitWallMs);
    add(`${tag}first fit: calling thread cpu ms`, pool.fitMainMs);
    add(`${tag}first fit: other threads cpu ms`, pool.fitOthersMs);
  }
}
console.log(`roots: ${roots.map((r, i) => `[${i}] ${r}`).join(', ')}`);
console.log(
  `rounds ${rounds} (+1 warm-up); load average (1 min) ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
);
for (const [key, values] of Object.entries(rows)) {
  console.log(
    `${key.padEnd(52)} median ${median(values).toFixed(1).padStart(7)}  min ${Math.min(...values)
      .toFixed(1)
      .padStart(7)}  max ${Math.max(...values)
      .toFixed(1)
      .padStart(7)}`,
  );
}
