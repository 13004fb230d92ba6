import { checkLength, checkMinLength } from './internal/checks.js';
import { wasmKernelsFor } from './wasm/wasmKernels.js';

/**
 * The soft E-step core on a `rows x k` block that lives in kernel memory (`allocateKernelArrays`),
 * in WebAssembly, row by row, in place: adds `logWeights` to the row, takes its max, sets each
 * entry within `-floor` of the max to e = `expNonPositive(v − max)` and the others to 0, then to
 * e · w / Σe with w the row's weight (`rowWeights[rowWeightsOffset + r]`, 1 without), adding
 * those to `totals` in component order. Writes the row's max, Σe and kept count to
 * `rowOut[3r .. 3r + 2]`, from which the caller takes the log-likelihood max + log Σe.
 *
 * A row holding NaN or an infinity is left for the caller's exact path: the call stops there
 * (the row has its log weights added, nothing else) and returns its index; otherwise it returns
 * `rows`. Returns `undefined` when `block` is not in kernel memory, so the caller runs its own
 * JavaScript loop, which must do the same operations in the same order (as `@mixkit/em`'s
 * `normalizeBlock` does) for the results to be the same bits.
 */
export function thresholdedSoftmaxRows(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  floor: number,
  rowWeights: Float64Array | undefined,
  rowWeightsOffset: number,
  totals: Float64Array,
  rowOut: Float64Array,
): number | undefined {
  const wasm = wasmKernelsFor(block, block);
  if (wasm === undefined) return undefined;
  checkLength(logWeights, k, 'logWeights');
  checkLength(totals, k, 'totals');
  checkMinLength(block, rows * k, 'block');
  checkMinLength(rowOut, 3 * rows, 'rowOut');
  const { scratch, exports } = wasm;
  // Scratch: log weights, totals, the kept list (2k), then per chunk row weights and three
  // outputs per row.
  const kSlots = 2 * Math.ceil(k / 2);
  const chunkRows = Math.floor((scratch.length - 4 * kSlots) / 4);
  if (chunkRows < 1) return undefined;
  scratch.set(logWeights, 0);
  scratch.set(totals, kSlots);
  const listAt = 2 * kSlots;
  const weightsAt = 4 * kSlots;
  const outAt = weightsAt + chunkRows;
  let done = 0;
  while (done < rows) {
    const count = Math.min(chunkRows, rows - done);
    if (rowWeights !== undefined) {
      const from = rowWeightsOffset + done;
      scratch.set(rowWeights.subarray(from, from + count), weightsAt);
    }
    const finished = exports.softmaxRows(
      block.byteOffset + done * k * 8,
      count,
      k,
      0,
      floor,
      weightsAt * 8,
      rowWeights === undefined ? 0 : 1,
      kSlots * 8,
      outAt * 8,
      listAt * 8,
    );
    rowOut.set(scratch.subarray(outAt, outAt + 3 * finished), 3 * done);
    done += finished;
    if (finished < count) break;
  }
  totals.set(scratch.subarray(kSlots, kSlots + k));
  return done;
}
