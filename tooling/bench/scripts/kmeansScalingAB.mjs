// Where a k-means fit on 1 and 2 workers spends its CPU (issue 17): the bench's `kmeans-large`
// (1,000,000 x 32, k = 64, 20 iterations from its given centres, `auto` = Hamerly), fitted with
// `KMeans.fitAsync` on kept pools of 1 and 2 workers, for one or two builds, interleaved in one
// process. Per fit it records, for the calling thread, each worker thread and the process's
// other threads (V8's GC helpers, libuv) separately: CPU time (/proc/self/task/<tid>/schedstat,
// nanoseconds) and minor page faults (field 10 of .../stat), to the first onIteration ("first":
// the preparation, the shared copy and the first, full assignment) and from there to the end
// ("rest": 19 bounded iterations and the final labelling round), beside the wall time.
// Usage (each root a checkout with its packages built; the workload cache is the harness's):
//   node tooling/bench/scripts/kmeansScalingAB.mjs <root> [<root2>] [rounds=3] [shared=0]
// shared=1 passes X already on a SharedArrayBuffer (no copy by the calling thread).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { threadUsage } from './threadUsage.mjs';

const args = process.argv.slice(2);
const roots = args.filter((a) => a.startsWith('/'));
const [rounds = 3, shared = 0] = args.filter((a) => !a.startsWith('/')).map(Number);
const cache = new URL('../.cache/', import.meta.url);
const stem = 'kmeans-large-n1000000';
const header = JSON.parse(readFileSync(new URL(`${stem}.json`, cache), 'utf8'));
const bytes = readFileSync(new URL(`${stem}.f64`, cache));
const source = new Float64Array(
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
);
const init = JSON.parse(readFileSync(new URL(`${stem}.init.json`, cache), 'utf8'));
const k = init.centers.length;
const centers = { rows: k, cols: header.cols, data: Float64Array.from(init.centers.flat()) };

const threads = threadUsage;

const builds = [];
for (const root of roots) {
  const kmeans = await import(`${root}/packages/kmeans/dist/index.js`);
  const workers = await import(`${root}/packages/workers/dist/index.js`);
  const workerUrl = new URL(`file://${root}/packages/workers/dist/nodeWorker.js`);
  const pools = {};
  for (const count of (process.env.COUNTS ?? '1,2').split(',').map(Number)) {
    const before = new Set(threads().keys());
    pools[count] = workers.createWorkerPool({ workers: count, keepAlive: true, workerUrl });
    await pools[count].start();
    // Node's worker threads are the threads the pool's start added.
    const tids = [...threads().keys()].filter((t) => !before.has(t));
    pools[count].tids = tids;
  }
  const X = {
    rows: header.rows,
    cols: header.cols,
    data: shared === 1 ? workers.shareSetup({ data: source }).data : source,
  };
  builds.push({ root, kmeans, pools, X });
}
const main = String(process.pid);
// COUNTS=2 (say) runs only that pool size.
const counts = (process.env.COUNTS ?? '1,2').split(',').map(Number);

/**
 * An executor over `pool` that stamps (wall time and every thread's CPU) each session's open and
 * each round's start and end, so a fit splits into the rounds and the calling thread's work
 * between them (TIMELINE=1).
 */
function stampedExecutor(pool, stamps) {
  const stamp = (what) => stamps.push({ what, wall: performance.now(), t: threads() });
  return {
    workers: pool.workers,
    async open(task, setup, plan, local) {
      const name = task.name.split(':')[1];
      stamp(`open ${name}`);
      const session = await pool.open(task, setup, plan, local);
      stamp(`opened ${name}`);
      let round = 0;
      return {
        plan: session.plan,
        async map(input, signal) {
          const r = round++;
          stamp(`map ${name} ${r}`);
          const outputs = await session.map(input, signal);
          stamp(`mapped ${name} ${r}`);
          // Distances each half of the shards computed so far (what 2 workers each run).
          if (name === 'assign') {
            const half = Math.floor(outputs.length / 2);
            const sum = (list) => list.reduce((t, o) => t + o.distanceComputations, 0);
            stamps.at(-1).halves = [sum(outputs.slice(0, half)), sum(outputs.slice(half))];
          }
          return outputs;
        },
        close: () => session.close(),
      };
    },
    // A build whose pool lends buffers between fits keeps doing so through the wrapper.
    ...(pool.borrowBuffer === undefined
      ? {}
      : {
          borrowBuffer: (bytes) => pool.borrowBuffer(bytes),
          giveBackBuffer: (buffer) => pool.giveBackBuffer(buffer),
        }),
  };
}

async function fit(build, count) {
  const pool = build.pools[count];
  const stamps = [];
  const snaps = [];
  const snap = () => snaps.push({ wall: performance.now(), t: threads() });
  const model = new build.kmeans.KMeans({
    nClusters: k,
    init: centers,
    algorithm: 'auto',
    maxIterations: 20,
    tolerance: 0,
  });
  snap();
  stamps.push({ what: 'start', ...snaps[0] });
  const fitted = await model.fitAsync(build.X, {
    executor: process.env.TIMELINE === '1' ? stampedExecutor(pool, stamps) : pool,
    onIteration: (step) => {
      if (step.iteration === 1) snap();
    },
  });
  snap();
  stamps.push({ what: 'end', ...snaps.at(-1) });
  const part = (a, b) => {
    const sum = (pick) => {
      let total = { cpu: 0, faults: 0 };
      for (const [tid, v] of b.t) {
        if (!pick(tid)) continue;
        const u = a.t.get(tid) ?? { cpu: 0, faults: 0 };
        total = { cpu: total.cpu + v.cpu - u.cpu, faults: total.faults + v.faults - u.faults };
      }
      return total;
    };
    const allWorkers = new Set(Object.values(build.pools).flatMap((p) => p.tids));
    return {
      wall: b.wall - a.wall,
      main: sum((t) => t === main),
      workers: pool.tids.map((w) => sum((t) => t === w)),
      others: sum((t) => t !== main && !allWorkers.has(t)),
    };
  };
  return {
    timeline: stamps.slice(1).map((b, i) => ({
      what: `${stamps[i].what} -> ${b.what}`,
      halves: b.halves,
      ...part(stamps[i], b),
    })),
    inertia: fitted.inertia,
    iterations: fitted.iterations,
    first: part(snaps[0], snaps[1]),
    rest: part(snaps[1], snaps[2]),
  };
}

const f = (x) => x.toFixed(0);
const show = (p) =>
  `wall ${f(p.wall)} | main ${f(p.main.cpu)} (${p.main.faults} flt) | workers ${p.workers
    .map((w) => `${f(w.cpu)} (${w.faults})`)
    .join(' ')} | others ${f(p.others.cpu)} (${p.others.faults})`;
for (let r = 0; r < rounds; r++) {
  for (const [b, build] of builds.entries()) {
    for (const count of counts) {
      const load = loadavg()[0].toFixed(1);
      const res = await fit(build, count);
      console.log(
        `round ${r} build ${b} workers ${count} load ${load} inertia ${res.inertia} iterations ${res.iterations}`,
      );
      console.log(`  first: ${show(res.first)}`);
      console.log(`  rest:  ${show(res.rest)}`);
      for (const seg of res.timeline)
        console.log(
          `    ${seg.what}: ${show(seg)}${seg.halves ? ` | distances by half ${seg.halves.join(' ')}` : ''}`,
        );
    }
  }
}
for (const build of builds) for (const pool of Object.values(build.pools)) await pool.destroy();
