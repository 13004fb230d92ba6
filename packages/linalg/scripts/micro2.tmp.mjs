// scratch microbench of screenRows (not committed)
import { readFileSync } from 'node:fs';
import { assembleKernels } from './assembleKernels.mjs';
const wat = readFileSync(
  process.argv[2] ?? new URL('../src/wasm/nearest.wat', import.meta.url),
  'utf8',
);
const bin = Buffer.from(await assembleKernels(wat), 'base64');
const memory = new WebAssembly.Memory({ initial: 2048 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bin), { env: { memory } });
const [n, d, k] = (process.argv[3] ?? '4096,24,12').split(',').map(Number);
const k4 = 4 * Math.ceil(k / 4);
let off = 1024;
const alloc = (bytes) => {
  const o = off;
  off += Math.ceil(bytes / 16) * 16;
  return o;
};
const UP = alloc(n * 8),
  LO = alloc(n * 8),
  XN = alloc(n * 8),
  R64 = alloc(n * 8),
  AMB = alloc(n * 4);
const X = alloc(n * d * 4),
  IDX = alloc(n * 4),
  CT = alloc(d * k4 * 4),
  CN = alloc(k4 * 4),
  RAD = alloc(n * 4),
  VAL = alloc(4 * k4 * 4 + 64),
  BEST = alloc(n * 4),
  LOW = alloc(n * 4),
  SEC = alloc(n * 4);
const f32 = new Float32Array(memory.buffer),
  i32 = new Int32Array(memory.buffer);
let s = 1;
const rnd = () => {
  s = (s * 16807) % 2147483647;
  return s / 2147483647 - 0.5;
};
for (let i = 0; i < n * d; i++) f32[X / 4 + i] = rnd() * 4;
for (let i = 0; i < n; i++) {
  i32[IDX / 4 + i] = i;
  let r = 0;
  for (let t = 0; t < d; t++) r += f32[X / 4 + i * d + t] ** 2;
  f32[RAD / 4 + i] = Math.sqrt(r);
}
let cmax = 0;
for (let j = 0; j < k4; j++) {
  let cn = 0;
  for (let t = 0; t < d; t++) {
    const v = j < k ? rnd() * 4 : 0;
    f32[CT / 4 + t * k4 + j] = v;
    cn += v * v;
  }
  f32[CN / 4 + j] = j < k ? cn : Infinity;
  cmax = Math.max(cmax, j < k ? Math.sqrt(cn) : 0);
}
const alpha = Math.fround(2 * (d + 10) * 2 ** -23 * 1.01);
const f64 = new Float64Array(memory.buffer);
for (let i = 0; i < n; i++) {
  f64[XN / 8 + i] = f32[RAD / 4 + i] ** 2;
  f64[R64 / 8 + i] = f32[RAD / 4 + i];
}
const isNew = exports.screenRows.length > 14;
const call = isNew
  ? () =>
      exports.screenRows(
        X,
        d,
        n,
        IDX,
        CT,
        k4,
        CN,
        RAD,
        cmax,
        alpha,
        VAL,
        BEST,
        UP,
        LO,
        XN,
        R64,
        cmax,
        (d + 10) * 2 ** -23,
        1,
        AMB,
      )
  : () => exports.screenRows(X, d, n, IDX, CT, k4, CN, RAD, cmax, alpha, VAL, BEST, LOW, SEC);
for (let w = 0; w < 50; w++) call();
const reps = Math.max(5, Math.round(3e8 / (n * k4 * d)));
let best = Infinity;
for (let r = 0; r < 7; r++) {
  const c = process.cpuUsage();
  for (let q = 0; q < reps; q++) call();
  const u = process.cpuUsage(c);
  best = Math.min(best, (u.user + u.system) / 1e3 / reps);
}
const flops = 2 * n * k * d;
let h = 0;
for (let i = 0; i < n; i++) h = (h * 31 + i32[BEST / 4 + i]) | 0;
const amb = (() => {
  let a = 0;
  for (let i = 0; i < n; i++) if (i32[BEST / 4 + i] < 0) a++;
  return a;
})();
console.log(
  JSON.stringify({
    n,
    d,
    k,
    msPerCall: +best.toFixed(4),
    nsPerRow: +((best * 1e6) / n).toFixed(2),
    gflops: +(flops / best / 1e6).toFixed(2),
    hash: h,
    amb,
  }),
);
