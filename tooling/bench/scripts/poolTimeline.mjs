// Where the time of a fit on a worker pool goes (issue 17): the full-covariance GMM of the `em`
// suite (gmm-medium, 20 iterations from the shared start) in the calling thread, on 1 and on 2
// workers, interleaved. The pool runs EM's pass task under another name (poolTimelineTasks.mjs)
// that stamps each shard, and a wrapping executor stamps each round, so every pass splits into:
//   post→decode  the caller posts the round until a worker starts decoding its input
//   decode       parameters rebuilt from their JSON form in the worker
//   shards       the worker runs its shards (span over workers; `imbalance`: first to last finish)
//   end→resolve  the last shard ends until the caller has every output (post, wake, clone)
//   caller       the caller's merge, M-step and next encode until it posts the next round
// plus the fixed costs of a fit (before the session opens, the open, the first and last pass).
// `variational` times the variational suite's BayesianGaussianMixture (full, Dirichlet process,
// 'random-from-data' seed 0, 20 iterations) instead, whose passes are the same task.
// Usage (after building the bench's dependencies; the workload cache is the harness's):
//   node tooling/bench/scripts/poolTimeline.mjs [rows=100000] [rounds=6] [full|variational]
// Timing under load measures the load: read `uptime` beside it, and prefer minima.
import { existsSync, readFileSync } from 'node:fs';
import { BayesianGaussianMixture, GaussianMixture } from '@mixkit/gaussian-mixture';
import { createWorkerPool } from '@mixkit/workers';
import { timedPassTask } from './poolTimelineTasks.mjs';

const rows = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 6);
const kind = process.argv[4] ?? 'full';
const cache = new URL('../.cache/', import.meta.url);
const stem = `gmm-medium-n${rows}`;
if (!existsSync(new URL(`${stem}.f64`, cache))) {
  throw new Error(
    `no ${stem} in tooling/bench/.cache: run the em suite once at the size that has it`,
  );
}
const header = JSON.parse(readFileSync(new URL(`${stem}.json`, cache), 'utf8'));
const bytes = readFileSync(new URL(`${stem}.f64`, cache));
const X = {
  rows: header.rows,
  cols: header.cols,
  data: new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
};
const init = JSON.parse(readFileSync(new URL(`${stem}.init.json`, cache), 'utf8'));
const ITERATIONS = 20;
const fitOptions = kind === 'variational' ? { random: 0 } : {};
const mixture = () =>
  kind === 'variational'
    ? new BayesianGaussianMixture({
        nClusters: init.weights.length,
        covarianceType: 'full',
        regCovar: 1e-6,
        tolerance: 0,
        maxIterations: ITERATIONS,
        init: 'random-from-data',
      })
    : new GaussianMixture({
        nClusters: init.weights.length,
        covarianceType: 'full',
        regCovar: 1e-6,
        tolerance: 0,
        maxIterations: ITERATIONS,
        weightsInit: init.weights,
        meansInit: init.means,
        precisionsInit: init.full.precisions,
      });
const now = () => performance.timeOrigin + performance.now();
const builtWorker = new URL('../../../packages/workers/dist/nodeWorker.js', import.meta.url);
const modules = [new URL('./poolTimelineTasks.mjs', import.meta.url).href];
const pools = {};
for (const workers of [1, 2]) {
  pools[workers] = createWorkerPool({ workers, keepAlive: true, workerUrl: builtWorker, modules });
  await pools[workers].start();
}

/** An executor over `pool` that runs the timed pass task and logs every round of it. */
function timedExecutor(pool, log) {
  return {
    workers: pool.workers,
    async open(task, setup, plan, local) {
      if (task.name !== '@mixkit/em:pass') return pool.open(task, setup, plan, local);
      log.openStart = now();
      const session = await pool.open(timedPassTask, setup, plan, local);
      log.openEnd = now();
      return {
        plan: session.plan,
        async map(input, signal) {
          const posted = now();
          const outputs = await session.map(input, signal);
          log.rounds.push({ posted, resolved: now(), timings: outputs.map((o) => o.timing) });
          return outputs;
        },
        close: () => session.close(),
      };
    },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fits = { 0: [], 1: [], 2: [] };
for (let round = 0; round <= rounds; round++) {
  for (const workers of [0, 1, 2]) {
    const log = { rounds: [] };
    const cpu = process.cpuUsage();
    log.fitStart = now();
    const model =
      workers === 0
        ? mixture().fit(X, fitOptions)
        : await mixture().fitAsync(X, {
            ...fitOptions,
            executor: timedExecutor(pools[workers], log),
          });
    log.fitEnd = now();
    const used = process.cpuUsage(cpu);
    log.cpu = (used.user + used.system) / 1000;
    log.iterations = model.iterations;
    // Round 0 warms up.
    if (round > 0) fits[workers].push(log);
  }
}

const perIteration = (log) => (log.fitEnd - log.fitStart) / log.iterations;
for (const workers of [0, 1, 2]) {
  const logs = fits[workers];
  const wall = logs.map(perIteration);
  console.log(
    `${workers === 0 ? 'in-thread' : `${workers} worker${workers > 1 ? 's' : ''}`}: ` +
      `ms/iteration median ${median(wall).toFixed(2)}, min ${Math.min(...wall).toFixed(2)}; ` +
      `CPU ms/iteration (all threads) ${median(logs.map((l) => l.cpu / l.iterations)).toFixed(2)}`,
  );
}
for (const ratio of [
  ['in-thread', 0],
  ['1 worker', 1],
]) {
  const paired = fits[ratio[1]].map((log, r) => perIteration(log) / perIteration(fits[2][r]));
  console.log(`${ratio[0]} ÷ 2 workers, paired by round: median ${median(paired).toFixed(3)}`);
}

/** One steady pass: every part in ms (the first pass and the final scoring pass excluded). */
function passParts(round, next) {
  const byWorker = new Map();
  for (const t of round.timings) {
    const w = byWorker.get(t.decodeStart) ?? { ...t, firstStart: t.start, lastEnd: t.end };
    w.firstStart = Math.min(w.firstStart, t.start);
    w.lastEnd = Math.max(w.lastEnd, t.end);
    byWorker.set(t.decodeStart, w);
  }
  const workers = [...byWorker.values()];
  const lastEnd = Math.max(...workers.map((w) => w.lastEnd));
  return {
    'post→decode': median(workers.map((w) => w.decodeStart - round.posted)),
    decode: median(workers.map((w) => w.decodeEnd - w.decodeStart)),
    shards: lastEnd - Math.min(...workers.map((w) => w.firstStart)),
    imbalance: lastEnd - Math.min(...workers.map((w) => w.lastEnd)),
    'end→resolve': round.resolved - lastEnd,
    caller: next.posted - round.resolved,
    pass: next.posted - round.posted,
  };
}

for (const workers of [1, 2]) {
  const passes = [];
  const firsts = [];
  const fixed = [];
  for (const log of fits[workers]) {
    const r = log.rounds;
    for (let i = 1; i < r.length - 2; i++) passes.push(passParts(r[i], r[i + 1]));
    firsts.push(passParts(r[0], r[1]));
    fixed.push({
      'before open': log.openStart - log.fitStart,
      open: log.openEnd - log.openStart,
      'first pass': r[1].posted - r[0].posted,
      'final pass': r[r.length - 1].resolved - r[r.length - 1].posted,
      'after it': log.fitEnd - r[r.length - 1].resolved,
    });
  }
  const show = (rowsOf) =>
    Object.keys(rowsOf[0])
      .map((key) => {
        const values = rowsOf.map((row) => row[key]);
        return `${key} ${median(values).toFixed(3)} (min ${Math.min(...values).toFixed(3)})`;
      })
      .join(', ');
  console.log(`${workers} worker(s), per steady pass, median (min) ms: ${show(passes)}`);
  console.log(`${workers} worker(s), first pass, median (min) ms: ${show(firsts)}`);
  console.log(`${workers} worker(s), per fit, median (min) ms: ${show(fixed)}`);
}
for (const pool of Object.values(pools)) pool.destroy();
