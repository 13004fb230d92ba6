import { wasmKernelsFor } from '../wasm/wasmKernels.js';

/**
 * Bytes of the packed row pairs per call of the scatter tiles (a quarter of L2). Each tile runs
 * over all of the panel's pairs, so a panel of more pairs spreads each tile's loads and stores
 * of S over more steps: 64 KiB held only 16 pairs at d = 128, and 256 KiB made the kernel 4%
 * faster there (no change at d = 48 and 64).
 */
const PANEL_BYTES = 262_144;
const MAX_PANEL_PAIRS = 256;

/**
 * `shiftedMoments`' full pass in WebAssembly (dense.wat's `momentsFull`), when the data and the
 * weights live in one kernel memory (`allocateKernelArrays`); undefined otherwise (run the
 * JavaScript loop). The kernel takes the non-zero-weight rows in the loop's pairs and sums
 * total += w0 + w1, c += v0 + v1 and S[a][b] += v0_a·z0_b + v1_a·z1_b over the pairs in order
 * (4 x 4 tiles of S, each loaded, updated over a panel of packed pairs and stored back), and the
 * finish below is the loop's own, so the results are the same bits. Returns W.
 */
export function wasmFullMoments(
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
  if (wasm === undefined) return undefined;
  const { dense } = wasm;
  const d4 = 4 * Math.ceil(d / 4);
  // Dense scratch: c (d4) | S (d4 x d4) | panel (d4 / 4 column blocks x capacity pairs x 16).
  const sAt = d4;
  const panelAt = sAt + d4 * d4;
  const room = Math.min(PANEL_BYTES / 8, dense.length - panelAt);
  const capacity = Math.min(MAX_PANEL_PAIRS, Math.floor(room / (4 * d4)));
  if (capacity < 1) return undefined;
  dense.fill(0, 0, panelAt);
  const base = dense.byteOffset;
  const total = wasm.exports.momentsFull(
    data.byteOffset + start * d * 8,
    end - start,
    d,
    weights.byteOffset + weightOffset * 8,
    weightStride,
    data.byteOffset + shift * d * 8,
    base,
    base + sAt * 8,
    base + panelAt * 8,
    capacity,
    0,
  );
  for (let a = 0; a < d; a++) mean[a] = data[shift * d + a] + dense[a] / total;
  for (let a = 0; a < d; a++) {
    const row = sAt + a * d4;
    // c_a / W once per row of S: the same quotient the loop divided for every entry.
    const ratio = dense[a] / total;
    for (let b = 0; b <= a; b++) {
      const value = dense[row + b] - ratio * dense[b];
      scatter[a * d + b] = value;
      scatter[b * d + a] = value;
    }
  }
  return total;
}
