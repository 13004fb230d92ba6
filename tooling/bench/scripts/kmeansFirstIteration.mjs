// k-means' fixed cost before its first iteration (issues 17 and 23): the calling thread's
// preparation of the data (input check, frame, centred copy, norms) and the shards' setup,
// measured from outside the library with performance.now(), process.cpuUsage() (which counts
// every thread of the process, workers included) and the calling thread's event-loop active time
// (`main`: its own work, not its waits for the workers) around a fit and at each onIteration:
// before = (first onIteration - start) - steady iteration. In the calling thread and on a pool
// of 2 workers, alternating, on data near the origin (used as it is) and on the same data
// shifted by 100 (centred: one copy); `iterations` and `executors` (a comma list of `thread`,
// `1`, `2`: worker counts) as given. Usage (after building the packages):
//   node tooling/bench/scripts/kmeansFirstIteration.mjs [rows=1000000] [cols=32] [k=64] [rounds=3]
//     [iterations=4] [executors=thread,2]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { KMeans } from '@mixkit/kmeans';
import { createWorkerPool } from '@mixkit/workers';

const [n = 1_000_000, d = 32, k = 64, rounds = 3, iterations = 4] = process.argv
  .slice(2, 7)
  .map(Number);
const executors = (process.argv[7] ?? 'thread,2').split(',');

/** Seeded blobs as the bench's `blobs` workload draws them: centres in [-8, 8]^d, spread 1.5. */
function makeData(shift) {
  let s = 0x9e3779b9;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const centers = Float64Array.from({ length: k * d }, () => 16 * uniform() - 8 + shift);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(uniform() * k);
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c * d + j] + 1.5 * gauss();
  }
  // The first k rows as the start, so every fit runs the same iterations.
  return { X: { rows: n, cols: d, data }, init: { rows: k, cols: d, data: data.slice(0, k * d) } };
}

/**
 * Wall time, CPU time of the whole process (all threads) and the calling thread's busy time
 * (its event loop's active time: elapsed minus idle, so waits for the workers do not count).
 */
function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  return () => {
    const used = process.cpuUsage(cpu);
    const { active } = performance.eventLoopUtilization(loop);
    return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000, main: active };
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Whole fit, steady iteration (median gap) and the part before the first iteration. */
async function timeFit(fit) {
  const marks = [];
  const stop = clock();
  await fit(() => marks.push(stop()));
  const total = stop();
  const gap = (key) => median(marks.slice(1).map((m, i) => m[key] - marks[i][key]));
  const steady = { wall: gap('wall'), cpu: gap('cpu'), main: gap('main') };
  const before = {};
  for (const key of ['wall', 'cpu', 'main']) before[key] = marks[0][key] - steady[key];
  return { total, steady, before };
}

const pools = new Map();
for (const name of executors.filter((e) => e !== 'thread')) {
  const pool = createWorkerPool({ workers: Number(name), keepAlive: true });
  await pool.start();
  pools.set(name, pool);
}
const results = new Map();
for (const shift of [0, 100]) {
  const { X, init } = makeData(shift);
  const model = new KMeans({ nClusters: k, init, maxIterations: iterations, tolerance: 0 });
  const runs = Object.fromEntries(
    executors.map((name) => [
      name === 'thread' ? 'in-thread' : `${name} worker${name === '1' ? '' : 's'}`,
      name === 'thread'
        ? (mark) => model.fit(X, { onIteration: mark })
        : (mark) => model.fitAsync(X, { onIteration: mark, executor: pools.get(name) }),
    ]),
  );
  for (let r = 0; r < rounds; r++) {
    for (const [name, fit] of Object.entries(runs)) {
      const key = `${shift === 0 ? 'near 0' : 'shift 100'}, ${name}`;
      const list = results.get(key) ?? [];
      list.push(await timeFit(fit));
      results.set(key, list);
    }
  }
}
for (const pool of pools.values()) pool.destroy();
const fmt = (t) =>
  `${t.wall.toFixed(0).padStart(5)} wall ${t.cpu.toFixed(0).padStart(5)} cpu ${t.main.toFixed(0).padStart(5)} main`;
console.log(
  `${n} x ${d}, k = ${k}, ${iterations} iterations; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const [key, list] of results) {
  const pick = (part, choose) => ({
    wall: choose(list.map((x) => x[part].wall)),
    cpu: choose(list.map((x) => x[part].cpu)),
    main: choose(list.map((x) => x[part].main)),
  });
  const least = (xs) => Math.min(...xs);
  console.log(
    `${key.padEnd(22)} before 1st: ${fmt(pick('before', median))} (least ${fmt(pick('before', least))}) | steady: ${fmt(pick('steady', median))} | whole: ${fmt(pick('total', median))} (ms, medians of ${list.length})`,
  );
}
