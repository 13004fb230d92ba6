// Before/after of the 1 → 2 worker speed-up (issue 17) between two builds of mixkit, interleaved
// in one process: the em suite's full-covariance GMM (gmm-medium, 20 iterations from the shared
// start) on 1 and 2 workers, and the variational suite's BayesianGaussianMixture (full, Dirichlet
// process, 'random-from-data' seed 0) in the thread and on 2 workers. Each fit also records the
// CPU time of the calling thread alone (Linux: /proc/self/task/<pid>/stat), which is the serial
// part of a fit on workers and, unlike wall time, hardly moves with the machine's load.
// Usage (both builds' packages built; the workload cache is the harness's):
//   node tooling/bench/scripts/workerScalingAB.mjs <before-root> <after-root> [rounds=5]
// where a root is a checkout holding packages/*/dist (e.g. /work/main and this worktree).
import { readdirSync, readFileSync } from 'node:fs';

const roots = { before: process.argv[2], after: process.argv[3] };
const rounds = Number(process.argv[4] ?? 5);
const cache = new URL('../.cache/', import.meta.url);
const stem = 'gmm-medium-n100000';
const header = JSON.parse(readFileSync(new URL(`${stem}.json`, cache), 'utf8'));
const bytes = readFileSync(new URL(`${stem}.f64`, cache));
const X = {
  rows: header.rows,
  cols: header.cols,
  data: new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
};
const init = JSON.parse(readFileSync(new URL(`${stem}.init.json`, cache), 'utf8'));
const ITERATIONS = 20;
/** CPU ms of the calling thread and of every other thread of the process so far. */
const threadCpu = () => {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    let ns = 0;
    try {
      ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // a thread that ended meanwhile
    }
    if (tid === String(process.pid)) main += ns / 1e6;
    else others += ns / 1e6;
  }
  return { main, others };
};

const builds = {};
for (const [name, root] of Object.entries(roots)) {
  const gm = await import(`${root}/packages/gaussian-mixture/dist/index.js`);
  const workers = await import(`${root}/packages/workers/dist/index.js`);
  const workerUrl = new URL(`file://${root}/packages/workers/dist/nodeWorker.js`);
  const pools = {};
  for (const count of [1, 2]) {
    pools[count] = workers.createWorkerPool({ workers: count, keepAlive: true, workerUrl });
    await pools[count].start();
  }
  builds[name] = { gm, pools };
}

const cases = {
  full: (gm) =>
    new gm.GaussianMixture({
      nClusters: init.weights.length,
      covarianceType: 'full',
      regCovar: 1e-6,
      tolerance: 0,
      maxIterations: ITERATIONS,
      weightsInit: init.weights,
      meansInit: init.means,
      precisionsInit: init.full.precisions,
    }),
  variational: (gm) =>
    new gm.BayesianGaussianMixture({
      nClusters: init.weights.length,
      covarianceType: 'full',
      regCovar: 1e-6,
      tolerance: 0,
      maxIterations: ITERATIONS,
      init: 'random-from-data',
    }),
};
const configs = { full: [1, 2], variational: [0, 2] };

const results = {};
for (let round = 0; round <= rounds; round++) {
  for (const [kind, make] of Object.entries(cases)) {
    for (const workers of configs[kind]) {
      for (const name of Object.keys(builds)) {
        const { gm, pools } = builds[name];
        const cpu = threadCpu();
        const start = performance.now();
        const model =
          workers === 0
            ? make(gm).fit(X, { random: 0 })
            : await make(gm).fitAsync(X, { random: 0, executor: pools[workers] });
        const wall = performance.now() - start;
        const key = `${kind} ${workers}w ${name}`;
        // Round 0 warms up.
        if (round > 0) {
          const used = threadCpu();
          results[key] ??= { wall: [], main: [], others: [], score: model.lowerBound };
          results[key].wall.push(wall / ITERATIONS);
          results[key].main.push((used.main - cpu.main) / ITERATIONS);
          results[key].others.push((used.others - cpu.others) / ITERATIONS);
        }
      }
    }
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const [key, r] of Object.entries(results)) {
  console.log(
    `${key.padEnd(22)} ms/it median ${median(r.wall).toFixed(2)} (min ${Math.min(...r.wall).toFixed(2)}), ` +
      `CPU ms/it: calling thread ${median(r.main).toFixed(2)}, other threads ${median(r.others).toFixed(2)}; lowerBound ${r.score}`,
  );
}
for (const [kind, [a, b]] of Object.entries(configs)) {
  for (const name of Object.keys(builds)) {
    const one = results[`${kind} ${a}w ${name}`].wall;
    const two = results[`${kind} ${b}w ${name}`].wall;
    const paired = one.map((t, i) => t / two[i]);
    const r1 = results[`${kind} ${a}w ${name}`];
    const r2 = results[`${kind} ${b}w ${name}`];
    const model = (median(r1.main) + median(r1.others)) / (median(r2.main) + median(r2.others) / 2);
    console.log(
      `${kind} ${name}: ${a === 0 ? 'thread' : '1 worker'} ÷ 2 workers, median of medians ${(median(one) / median(two)).toFixed(3)}, paired median ${median(paired).toFixed(3)}, min ÷ min ${(Math.min(...one) / Math.min(...two)).toFixed(3)}, model ${model.toFixed(3)}`,
    );
  }
}
for (const { pools } of Object.values(builds))
  for (const pool of Object.values(pools)) pool.destroy();
