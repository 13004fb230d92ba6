// Where the full-covariance kernels lose their rate (issue 23): dense.wat's inner loops alone,
// assembled here with operands in L1, against the same kernels as EM calls them, all in one
// process, best of N rounds by CPU time, so that every figure is a share of the f64x2 limit
// measured beside it. Usage (after building @mixkit/linalg):
//   node tooling/bench/scripts/denseInnerLoop.mjs [d ...]        (default 48 64 128)
// Variants of the Mahalanobis step (2 loads of U, 4 splats of z, 8 multiplies, 8 adds):
//   peak      the same 8 multiply-add chains with no loads
//   loop      the step over 24 k per pass, operands in L1
//   varying   the pass length cycling 4, 8, ..., 48 as the triangle's column blocks do
//   reset     the same, accumulators zeroed before and stored after every pass (a tile)
// and the scatter's step (4 loads of z, 4 splats of v, 8 multiplies, 8 adds) over 42 pairs.
// Then `squaredMahalanobis` and the full `weightedMeanScatter` on 1,024-row blocks of data in
// kernel memory (4 components), as a fit calls them.
import { createRequire } from 'node:module';
import wabtInit from 'wabt';

const require = createRequire(import.meta.url);
const linalg = require('@mixkit/linalg');
const wabt = await wabtInit();

const mahalanobisStep = (withLoads) => {
  const lines = withLoads
    ? [
        '(local.set $ua (v128.load (local.get $up)))',
        '(local.set $ub (v128.load offset=16 (local.get $up)))',
      ]
    : [];
  for (let s = 0; s < 4; s++) {
    lines.push(
      withLoads
        ? `(local.set $zs (v128.load64_splat (i32.add (local.get $z${s}) (local.get $k))))`
        : `(local.set $zs (local.get $c${s}))`,
      `(local.set $a${s} (f64x2.add (local.get $a${s}) (f64x2.mul (local.get $zs) (local.get $ua))))`,
      `(local.set $b${s} (f64x2.add (local.get $b${s}) (f64x2.mul (local.get $zs) (local.get $ub))))`,
    );
  }
  return lines.join('\n');
};
const scatterStep = `
  (local.set $ua (v128.load (local.get $up))) (local.set $ub (v128.load offset=16 (local.get $up)))
  (local.set $c1 (v128.load offset=32 (local.get $up))) (local.set $c2 (v128.load offset=48 (local.get $up)))
  (local.set $zs (v128.load64_splat offset=64 (local.get $up))) (local.set $c3 (v128.load64_splat offset=96 (local.get $up)))
  (local.set $a0 (f64x2.add (local.get $a0) (f64x2.add (f64x2.mul (local.get $zs) (local.get $ua)) (f64x2.mul (local.get $c3) (local.get $c1)))))
  (local.set $b0 (f64x2.add (local.get $b0) (f64x2.add (f64x2.mul (local.get $zs) (local.get $ub)) (f64x2.mul (local.get $c3) (local.get $c2)))))
  (local.set $zs (v128.load64_splat offset=72 (local.get $up))) (local.set $c3 (v128.load64_splat offset=104 (local.get $up)))
  (local.set $a1 (f64x2.add (local.get $a1) (f64x2.add (f64x2.mul (local.get $zs) (local.get $ua)) (f64x2.mul (local.get $c3) (local.get $c1)))))
  (local.set $b1 (f64x2.add (local.get $b1) (f64x2.add (f64x2.mul (local.get $zs) (local.get $ub)) (f64x2.mul (local.get $c3) (local.get $c2)))))`;

/** One pass = `steps` steps (or 4, 8, ..., 48 cycling when varying); n passes per call. */
function loopModule({ step, stride, varying, reset }) {
  const zero = ['a0', 'a1', 'a2', 'a3', 'b0', 'b1', 'b2', 'b3']
    .map((r) => `(local.set $${r} (v128.const i64x2 0 0))`)
    .join(' ');
  const sum =
    '(f64x2.add (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))) (f64x2.add (f64x2.add (local.get $b0) (local.get $b1)) (f64x2.add (local.get $b2) (local.get $b3))))';
  const length = varying
    ? '(i32.shl (i32.add (i32.shl (i32.rem_u (local.get $i) (i32.const 12)) (i32.const 2)) (i32.const 4)) (i32.const 3))'
    : '(local.get $len)';
  return `(module (import "env" "memory" (memory 1))
 (func (export "run") (param $n i32) (param $len i32) (result f64)
  (local $i i32) (local $k i32) (local $up i32) (local $z0 i32) (local $z1 i32) (local $z2 i32) (local $z3 i32)
  (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
  (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
  (local $ua v128) (local $ub v128) (local $zs v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
  (local.set $ua (f64x2.splat (f64.const 1.0000001))) (local.set $ub (f64x2.splat (f64.const 0.9999999)))
  (local.set $c0 (f64x2.splat (f64.const 0.5))) (local.set $c1 (local.get $c0))
  (local.set $c2 (local.get $c0)) (local.set $c3 (local.get $c0))
  (local.set $z1 (i32.const 8192)) (local.set $z2 (i32.const 9000)) (local.set $z3 (i32.const 10000))
  (loop $outer
    (local.set $up (i32.const 16384)) (local.set $k (i32.const 0)) ${reset ? zero : ''}
    (loop $inner
      ${step}
      (local.set $up (i32.add (local.get $up) (i32.const ${stride})))
      (local.set $k (i32.add (local.get $k) (i32.const 8)))
      (br_if $inner (i32.lt_u (local.get $k) ${length})))
    ${reset ? `(v128.store (i32.const 60000) ${sum})` : ''}
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
  (f64x2.extract_lane 0 ${sum})))`;
}

const memory = new WebAssembly.Memory({ initial: 2 });
new Float64Array(memory.buffer).fill(1e-3);
function instantiate(text) {
  const module = wabt.parseWat('loop.wat', text, { simd: true });
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  return new WebAssembly.Instance(new WebAssembly.Module(buffer), { env: { memory } }).exports.run;
}
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const loops = [
  ['peak (no loads)', { step: mahalanobisStep(false), stride: 416 }, 24],
  ['Mahalanobis step, 24 per pass', { step: mahalanobisStep(true), stride: 416 }, 24],
  ['  passes of 4..48 steps', { step: mahalanobisStep(true), stride: 416, varying: true }, 26],
  [
    '  and a tile per pass',
    { step: mahalanobisStep(true), stride: 416, varying: true, reset: true },
    26,
  ],
  ['scatter step, 42 pairs per pass', { step: scatterStep, stride: 128 }, 42],
].map(([name, spec, steps]) => ({
  name,
  run: instantiate(loopModule(spec)),
  steps,
  best: Infinity,
}));
const PASSES = 100_000;
for (let round = 0; round < ROUNDS; round++) {
  for (const loop of loops) {
    const start = cpu();
    loop.run(PASSES, loop.steps * 8);
    loop.best = Math.min(loop.best, cpu() - start);
  }
}
const peak = (PASSES * loops[0].steps * 32) / loops[0].best / 1e9;
for (const loop of loops) {
  const rate = (PASSES * loop.steps * 32) / loop.best / 1e9;
  console.log(
    `${loop.name.padEnd(34)} ${rate.toFixed(1).padStart(5)} GFLOP/s  ${((100 * rate) / peak).toFixed(0)}% of peak`,
  );
}

const dimensions = process.argv.slice(2).map(Number);
for (const d of dimensions.length > 0 ? dimensions : [48, 64, 128]) {
  const n = 16_384;
  const components = 4;
  const block = 1024;
  const [data, out, weights] = linalg.allocateKernelArrays([n * d, n * components, n * components]);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < n * d; i++) data[i] = random() * 2 - 1;
  for (let i = 0; i < n * components; i++) weights[i] = random();
  const X = { rows: n, cols: d, data };
  const means = [];
  const factors = [];
  for (let c = 0; c < components; c++) {
    means.push(Float64Array.from({ length: d }, () => random() * 0.1));
    const U = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) U[i * d + j] = i === j ? 1 + random() : random() * 0.1;
    factors.push(U);
  }
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  let distances = Infinity;
  let moments = Infinity;
  let peakLoop = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let start = cpu();
    for (let b = 0; b < n; b += block) {
      for (let c = 0; c < components; c++) {
        linalg.squaredMahalanobis(
          X,
          b,
          b + block,
          means[c],
          factors[c],
          out,
          b * components + c,
          components,
          -0.5,
          1,
        );
      }
    }
    distances = Math.min(distances, cpu() - start);
    start = cpu();
    for (let c = 0; c < components; c++) {
      for (let b = 0; b < n; b += block) {
        linalg.weightedMeanScatter(
          X,
          b,
          b + block,
          weights,
          b * components + c,
          components,
          mean,
          scatter,
          'full',
        );
      }
    }
    moments = Math.min(moments, cpu() - start);
    start = cpu();
    loops[0].run(PASSES, 24 * 8);
    peakLoop = Math.min(peakLoop, cpu() - start);
  }
  const roundPeak = (PASSES * loops[0].steps * 32) / peakLoop / 1e9;
  const flops = n * components * d * (d + 1);
  for (const [name, seconds] of [
    ['squaredMahalanobis', distances],
    ['weightedMeanScatter (full)', moments],
  ]) {
    const rate = flops / seconds / 1e9;
    console.log(
      `d = ${String(d).padEnd(3)} ${name.padEnd(26)} ${rate.toFixed(1).padStart(5)} GFLOP/s  ${((100 * rate) / roundPeak).toFixed(0)}% of the peak loop (${roundPeak.toFixed(1)})`,
    );
  }
}
