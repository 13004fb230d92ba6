import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * `squaredMahalanobis` in WebAssembly (dense.wat's `mahalanobisFull`), when the rows and the
 * output live in one kernel memory (`allocateKernelArrays`): the mean and the upper triangle of
 * U go to the dense scratch with rows padded to 4 columns, and the kernel runs 4 rows x 4 columns
 * per step. It sums every y_j = Σ_{k≤j} z_k·U_kj in increasing k and the squares in four chains
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
  // Dense scratch: mean (d4) | U (d rows of d4) | z panel (4 rows of d4) | chains (16).
  const uAt = d4;
  const zAt = uAt + d * d4;
  const qAt = zAt + 4 * d4;
  if (qAt + 16 > dense.length) return false;
  dense.set(mean, 0);
  dense.fill(0, d, d4);
  // Row k of the upper triangle in one native copy (a JavaScript loop over the d²/2 entries
  // cost about 4% of the kernel's time at d = 48, once per block of rows and component).
  for (let k = 0; k < d; k++) {
    const row = uAt + k * d4;
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
  );
  return true;
}
