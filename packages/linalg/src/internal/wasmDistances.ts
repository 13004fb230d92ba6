import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * `squaredDistances` in WebAssembly, when the rows and the output live in one kernel memory
 * (`allocateKernelArrays`): the centres are transposed into scratch so that the two lanes of a
 * SIMD register hold two centres, and every dot product still sums over t in increasing order,
 * so the results are the same bits as `dotBlock`'s. Returns false (nothing written) when the
 * arrays are elsewhere or the centres do not fit in the scratch.
 */
export function wasmDistances(
  x: Float64Array,
  start: number,
  end: number,
  d: number,
  c: Float64Array,
  k: number,
  xn: Float64Array,
  xnOffset: number,
  cn: Float64Array,
  out: Float64Array,
): boolean {
  const wasm = wasmKernelsFor(x, out);
  if (wasm === undefined) return false;
  const { dense: scratch, exports } = wasm;
  const base = scratch.byteOffset;
  // Dense scratch: Cᵀ (d x k), the centre norms, a spare output row, then the chunk's row norms.
  const kSlots = 2 * Math.ceil(k / 2);
  const cnAt = 2 * Math.ceil((d * k) / 2);
  const spareAt = cnAt + kSlots;
  const xnAt = spareAt + kSlots;
  const chunkRows = scratch.length - xnAt;
  if (chunkRows < 2) return false;
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < d; t++) scratch[t * k + j] = c[j * d + t];
  }
  scratch.set(cn.subarray(0, k), cnAt);
  for (let first = start; first < end; first += chunkRows) {
    const rows = Math.min(chunkRows, end - first);
    scratch.set(xn.subarray(first + xnOffset, first + xnOffset + rows), xnAt);
    exports.squaredDistances(
      x.byteOffset + first * d * 8,
      rows,
      d,
      base,
      k,
      base + xnAt * 8,
      base + cnAt * 8,
      out.byteOffset + (first - start) * k * 8,
      k,
      base + spareAt * 8,
    );
  }
  return true;
}
