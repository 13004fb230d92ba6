import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * `shiftedMoments`' diagonal pass in WebAssembly, when the data and the weights live in one
 * kernel memory (`allocateKernelArrays`); undefined otherwise (run the JavaScript loop). The
 * kernel does the same operations per dimension in the same row order as the unrolled loop
 * (z = x − s, v = w·z, c += v, S += v·z over non-zero weights), and the finish below is the
 * loop's own, so the results are the same bits. Returns W. Blocks longer than the kernel's row
 * list are passed in pieces, continuing the sums and the total where the last piece left them.
 */
export function wasmDiagonalMoments(
  data: Float64Array,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
): number | undefined {
  const d = mean.length;
  const wasm = wasmKernelsFor(data, weights);
  // c at scratch byte 0, S after it (16-byte aligned for the SIMD loads and stores), then the
  // kernel's list of non-zero rows, 2 doubles a row, for as many rows as fit per call.
  const sAt = 2 * Math.ceil(d / 2);
  if (wasm === undefined) return undefined;
  const sums = wasm.scratch;
  const listRows = Math.floor((sums.length - 2 * sAt) / 2);
  if (listRows < 1) return undefined;
  sums.fill(0, 0, 2 * sAt);
  let total = 0;
  for (let first = start; first < end; first += listRows) {
    const rows = Math.min(listRows, end - first);
    total = wasm.exports.momentsDiagonal(
      data.byteOffset + first * d * 8,
      rows,
      d,
      weights.byteOffset + (weightOffset + (first - start) * weightStride) * 8,
      weightStride,
      data.byteOffset + shift * d * 8,
      0,
      sAt * 8,
      2 * sAt * 8,
      total,
    );
  }
  for (let a = 0; a < d; a++) {
    const c = sums[a];
    mean[a] = data[shift * d + a] + c / total;
    scatter[a] = sums[sAt + a] - (c / total) * c;
  }
  return total;
}
