import { checkLength, checkMinLength } from './internal/checks.js';
import { wasmKernelsFor } from './wasm/wasmKernels.js';

/**
 * `thresholdedSoftmaxRows` for a pass that only scores (a fit's final E-step, whose
 * responsibilities nobody reads): on a `rows x k` block in kernel memory, in WebAssembly, adds
 * `logWeights` to each row in place, takes its max and sums e = `expNonPositive(v − max)` over
 * the entries within `-floor` of the max, with the same operations in the same order, so
 * `rowOut[3r .. 3r + 2]` gets the same max, Σe and kept count, bit for bit, and the caller the
 * same log-likelihood max + log Σe. It skips what only responsibilities need: writing e and the
 * zeros back, scaling by w / Σe and adding to totals (about a third of the E-step's cost at
 * 1M x 16, k = 16). The block is left holding the joint values v.
 *
 * A row holding NaN or an infinity stops the call as in `thresholdedSoftmaxRows` (the row has
 * its log weights added) and its index is returned; otherwise `rows`. Returns `undefined` when
 * `block` is not in kernel memory.
 */
export function thresholdedLogSumExpRows(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  floor: number,
  rowOut: Float64Array,
): number | undefined {
  const wasm = wasmKernelsFor(block, block);
  if (wasm === undefined) return undefined;
  checkLength(logWeights, k, 'logWeights');
  checkMinLength(block, rows * k, 'block');
  checkMinLength(rowOut, 3 * rows, 'rowOut');
  const { scratch, exports } = wasm;
  // Scratch: log weights, the kept list (k values), then three outputs per row of a chunk.
  const kSlots = 2 * Math.ceil(k / 2);
  const chunkRows = Math.floor((scratch.length - 2 * kSlots) / 3);
  if (chunkRows < 1) return undefined;
  scratch.set(logWeights, 0);
  const listAt = kSlots;
  const outAt = 2 * kSlots;
  let done = 0;
  while (done < rows) {
    const count = Math.min(chunkRows, rows - done);
    const finished = exports.logSumExpRows(
      block.byteOffset + done * k * 8,
      count,
      k,
      0,
      floor,
      outAt * 8,
      listAt * 8,
    );
    rowOut.set(scratch.subarray(outAt, outAt + 3 * finished), 3 * done);
    done += finished;
    if (finished < count) break;
  }
  return done;
}
