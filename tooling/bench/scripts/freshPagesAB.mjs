// Where a fit touches fresh pages (issue 17): minor page faults and CPU time per thread (the
// calling thread, each worker, the process's other threads) of whole fits, for one or two
// builds interleaved in one process. Cases: `thread` a synchronous diagonal GMM fit on X
// (gmm-large, 1,000,000 x 16, k = 16, 10 iterations from the harness's start, as
// em/gmm-large-diag-fixed-costs), `fixed` the same fit with 0 iterations (its fixed parts),
// `diag1`/`diag2` that fit with fitAsync on kept pools of 1 and 2 workers, `km1`/`km2`
// kmeans-large (1,000,000 x 32, k = 64, 20 iterations, Hamerly) and `vb1`/`vb2` the
// variational full GMM on gmm-medium (20 iterations) on 1 and 2 workers.
// Usage: node tooling/bench/scripts/freshPagesAB.mjs <root> [<root2>] [rounds=3]
//   CASES=thread,fixed,diag1,diag2,km1,km2,vb1,vb2 (default all)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { threadUsage } from './threadUsage.mjs';

const args = process.argv.slice(2);
const roots = args.filter((a) => a.startsWith('/'));
const [rounds = 3] = args.filter((a) => !a.startsWith('/')).map(Number);
const cases = (process.env.CASES ?? 'thread,fixed,diag1,diag2,km1,km2,vb1,vb2').split(',');
const cache = new URL('../.cache/', import.meta.url);
const load = (stem) => {
  const header = JSON.parse(readFileSync(new URL(`${stem}.json`, cache), 'utf8'));
  const bytes = readFileSync(new URL(`${stem}.f64`, cache));
  const data = new Float64Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  const init = JSON.parse(readFileSync(new URL(`${stem}.init.json`, cache), 'utf8'));
  return { X: { rows: header.rows, cols: header.cols, data }, init };
};
const need = (prefix) => cases.some((c) => c.startsWith(prefix));
const large =
  need('thread') || need('fixed') || need('diag') ? load('gmm-large-n1000000') : undefined;
const km = need('km') ? load('kmeans-large-n1000000') : undefined;
const medium = need('vb') ? load('gmm-medium-n100000') : undefined;

const threads = threadUsage;
const main = String(process.pid);

const builds = [];
for (const root of roots) {
  const gm = await import(`${root}/packages/gaussian-mixture/dist/index.js`);
  const kmeans = await import(`${root}/packages/kmeans/dist/index.js`);
  const workers = await import(`${root}/packages/workers/dist/index.js`);
  const workerUrl = new URL(`file://${root}/packages/workers/dist/nodeWorker.js`);
  const pools = {};
  for (const count of [1, 2]) {
    const before = new Set(threads().keys());
    pools[count] = workers.createWorkerPool({ workers: count, keepAlive: true, workerUrl });
    await pools[count].start();
    pools[count].tids = [...threads().keys()].filter((t) => !before.has(t));
  }
  builds.push({ gm, kmeans, pools });
}

const diag = (gm, iterations) =>
  new gm.GaussianMixture({
    nClusters: large.init.weights.length,
    covarianceType: 'diag',
    regCovar: 1e-6,
    tolerance: 0,
    maxIterations: iterations,
    weightsInit: large.init.weights,
    meansInit: large.init.means,
    precisionsInit: large.init.diag.precisions,
  });
const run = {
  thread: (b) => diag(b.gm, 10).fit(large.X).lowerBound,
  fixed: (b) => diag(b.gm, 0).fit(large.X).lowerBound,
  diag1: async (b) => (await diag(b.gm, 10).fitAsync(large.X, { executor: b.pools[1] })).lowerBound,
  diag2: async (b) => (await diag(b.gm, 10).fitAsync(large.X, { executor: b.pools[2] })).lowerBound,
  km: async (b, w) => {
    const k = km.init.centers.length;
    const centers = { rows: k, cols: km.X.cols, data: Float64Array.from(km.init.centers.flat()) };
    const model = new b.kmeans.KMeans({
      nClusters: k,
      init: centers,
      algorithm: 'auto',
      maxIterations: 20,
      tolerance: 0,
    });
    return (await model.fitAsync(km.X, { executor: b.pools[w] })).inertia;
  },
  vb: async (b, w) => {
    const model = new b.gm.BayesianGaussianMixture({
      nClusters: medium.init.weights.length,
      covarianceType: 'full',
      regCovar: 1e-6,
      tolerance: 0,
      maxIterations: 20,
      init: 'random-from-data',
    });
    return (await model.fitAsync(medium.X, { random: 0, executor: b.pools[w] })).lowerBound;
  },
};
run.km1 = (b) => run.km(b, 1);
run.km2 = (b) => run.km(b, 2);
run.vb1 = (b) => run.vb(b, 1);
run.vb2 = (b) => run.vb(b, 2);

const f = (x) => x.toFixed(0);
for (let r = 0; r < rounds; r++) {
  for (const name of cases) {
    for (const [i, b] of builds.entries()) {
      const l = loadavg()[0].toFixed(1);
      const t0 = threads();
      const w0 = performance.now();
      const value = await run[name](b);
      const wall = performance.now() - w0;
      const t1 = threads();
      const pool = name.endsWith('2') ? b.pools[2] : name.endsWith('1') ? b.pools[1] : undefined;
      const all = new Set(b.pools[1].tids.concat(b.pools[2].tids));
      let mainD = { cpu: 0, faults: 0 };
      let others = { cpu: 0, faults: 0 };
      const per = new Map();
      for (const [tid, v] of t1) {
        const u = t0.get(tid) ?? { cpu: 0, faults: 0 };
        const d = { cpu: v.cpu - u.cpu, faults: v.faults - u.faults };
        if (tid === main) mainD = d;
        else if (all.has(tid)) per.set(tid, d);
        else others = { cpu: others.cpu + d.cpu, faults: others.faults + d.faults };
      }
      const ws = (pool?.tids ?? []).map((t) => per.get(t) ?? { cpu: 0, faults: 0 });
      const total = mainD.cpu + others.cpu + ws.reduce((s, w) => s + w.cpu, 0);
      console.log(
        `r${r} ${name.padEnd(6)} build${i} load ${l} wall ${f(wall)} cpu ${f(total)} | main ${f(mainD.cpu)} (${mainD.faults} flt) | workers ${ws.map((w) => `${f(w.cpu)} (${w.faults})`).join(' ')} | others ${f(others.cpu)} (${others.faults}) | ${value}`,
      );
    }
  }
}
for (const b of builds) for (const p of Object.values(b.pools)) p.destroy();
