import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * `squaredMahalanobis` in WebAssembly (dense.wat's `mahalanobisFull`), when the rows and the
 * output live in one kernel memory (`allocateKernelArrays`): the mean and the upper triangle of
 * U go to the dense scratch with rows padded to 4 columns (and 4 more where a row would be a
 * multiple of 512 bytes: see `factorStride`), and the kernel runs 4 rows x 4 columns per
 * step. It sums every y_j = Σ_{k≤j} z_k·U_kj in increasing k and the squares in four chains
 * over j mod 4, as `squaredMahalanobis`' JavaScript loops do, so the results are the same bits.
 * Returns false (nothing written) when the arrays are elsewhere or d is too large for the
 * scratch.
 */
export function wasmFullMahalanobis(
  data: Float64Array,
  start: number,
  end: number,
  d: number,
  mean: Float64Array,
  U: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
  scale: number,
  shift: number,
  nanValue: number,
): boolean {
  const wasm = wasmKernelsFor(data, out);
  if (wasm === undefined) return false;
  const { dense } = wasm;
  const d4 = 4 * Math.ceil(d / 4);
  const uStride = factorStride(d4);
  // Dense scratch: mean (d4) | U (d rows of uStride) | z panel (4 rows of d4) | chains (16).
  const uAt = d4;
  const zAt = uAt + d * uStride;
  const qAt = zAt + 4 * d4;
  if (qAt + 16 > dense.length) return false;
  dense.set(mean, 0);
  dense.fill(0, d, d4);
  // Row k of the upper triangle in one native copy (a JavaScript loop over the d²/2 entries
  // cost about 4% of the kernel's time at d = 48, once per block of rows and component).
  for (let k = 0; k < d; k++) {
    const row = uAt + k * uStride;
    dense.fill(0, row, row + k);
    dense.set(U.subarray(k * d + k, k * d + d), row + k);
    dense.fill(0, row + d, row + d4);
  }
  const base = dense.byteOffset;
  wasm.exports.mahalanobisFull(
    data.byteOffset + start * d * 8,
    end - start,
    d,
    base,
    base + uAt * 8,
    out.byteOffset + outOffset * 8,
    outStride,
    scale,
    shift,
    nanValue,
    base + zAt * 8,
    base + qAt * 8,
    uStride,
  );
  return true;
}

/**
 * Doubles between rows of U in the scratch: d4, or d4 + 4 when d4 is a multiple of 64. The
 * kernel reads a column block of U down its rows, one row per step; rows 512 B or 1 KiB apart
 * (d = 64, 128) fall in 8 or 4 of the L1 cache's 64 sets, so a column block's rows evicted each
 * other. Padded, the kernel ran 4–5% faster at d = 64 and 4–7% at d = 128 (best of 11 by CPU
 * time, interleaved in one process); at d = 48 to 112 otherwise nothing changes.
 */
function factorStride(d4: number): number {
  return d4 % 64 === 0 ? d4 + 4 : d4;
}
