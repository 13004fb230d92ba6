import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * `shiftedMoments`' diagonal pass in WebAssembly, when the data and the weights live in one
 * kernel memory (`allocateKernelArrays`); undefined otherwise (run the JavaScript loop). The
 * kernel does the same operations per dimension in the same row order as the unrolled loop
 * (z = x − s, v = w·z, c += v, S += v·z over non-zero weights), and the finish below is the
 * loop's own, so the results are the same bits. Returns W.
 */
export function wasmDiagonalMoments(
  data: Float64Array,
  d: number,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
): number | undefined {
  const wasm = wasmKernelsFor(data, weights);
  // c at scratch byte 0 and S after it, 16-byte aligned for the SIMD loads and stores.
  const sAt = 2 * Math.ceil(d / 2);
  if (wasm === undefined || 2 * sAt > wasm.scratch.length) return undefined;
  const sums = wasm.scratch;
  sums.fill(0, 0, 2 * sAt);
  const total = wasm.exports.momentsDiagonal(
    data.byteOffset + start * d * 8,
    end - start,
    d,
    weights.byteOffset + weightOffset * 8,
    weightStride,
    data.byteOffset + shift * d * 8,
    0,
    sAt * 8,
  );
  for (let a = 0; a < d; a++) {
    const c = sums[a];
    mean[a] = data[shift * d + a] + c / total;
    scatter[a] = sums[sAt + a] - (c / total) * c;
  }
  return total;
}
