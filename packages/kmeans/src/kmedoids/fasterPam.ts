import {
  closeShards,
  drainShardProgram,
  isSharedMemory,
  mapShards,
  openShards,
  type ShardProgram,
  sharedFloat64Array,
  sharedUint8Array,
} from '@mixkit/core';
import { MedoidAssignment } from './medoidAssignment.js';
import { type SwapState, swapPlan, swapTask } from './swapTask.js';

/** What the swap phase did. */
export interface SwapResult {
  readonly assignment: MedoidAssignment;
  readonly totalDeviation: number;
  /** Passes over the candidate rows (the last one found nothing to improve, if converged). */
  readonly iterations: number;
  readonly swaps: number;
  readonly converged: boolean;
  /** Total deviation after each pass. */
  readonly trace: number[];
}

/**
 * The FasterPAM swap phase (Schubert & Rousseeuw 2021, "Fast and eager k-medoids clustering:
 * O(k) runtime improvement of the PAM, CLARA, and CLARANS algorithms", Algorithm 2).
 *
 * For each non-medoid candidate x_c, the change of the total deviation TD for swapping x_c with
 * every medoid m_i is computed together in one O(n) pass, from each row's nearest and second
 * nearest medoid: ΔTD_i = ΔTD⁻(m_i) (the removal loss, precomputed) + Σ_o corrections, plus a
 * term shared by all i for rows that would move to x_c. The best negative swap is applied at once
 * ("eager"); the scan continues cyclically and stops when it comes back to the last swap without
 * finding another. Each candidate costs O(n + k) instead of PAM's O(nk). Rows may be weighted.
 * `medoids` (positions 0..k-1 hold row indices) is updated in place.
 */
export function fasterPam(
  D: Float64Array,
  n: number,
  medoids: Int32Array,
  weights: Float64Array,
  maxIterations: number,
): SwapResult {
  return drainShardProgram(fasterPamProgram(D, n, medoids, weights, maxIterations));
}

/**
 * `fasterPam` as a shard program: the candidates are scanned in rounds over shards of
 * candidates (`swapTask`), each round from the scan position to the end of the pass (or to the
 * last swap), and the first improving candidate in scan order is swapped in, so the decisions,
 * and the result, are those of the sequential scan whichever executor runs the rounds.
 */
export function* fasterPamProgram(
  D: Float64Array,
  n: number,
  medoids: Int32Array,
  weights: Float64Array,
  maxIterations: number,
): ShardProgram<never, SwapResult> {
  const k = medoids.length;
  const assignment = new MedoidAssignment(n);
  assignment.update(D, medoids);
  const { nearest, nearestDistance, secondDistance } = assignment;
  const isMedoid = sharedUint8Array(n);
  for (let m = 0; m < k; m++) isMedoid[medoids[m]] = 1;
  const removalLoss = sharedFloat64Array(k);
  const state: SwapState = { nearest, nearestDistance, secondDistance, isMedoid, removalLoss };
  const computeRemovalLoss = (): void => {
    removalLoss.fill(0);
    for (let o = 0; o < n; o++) {
      removalLoss[nearest[o]] += weights[o] * (secondDistance[o] - nearestDistance[o]);
    }
  };
  computeRemovalLoss();
  const shared = isSharedMemory(isMedoid);
  const session = yield* openShards(swapTask, { D, n, k, weights, state }, swapPlan(n), undefined);
  let totalDeviation = assignment.totalDeviation(weights);
  const trace: number[] = [];
  let swaps = 0;
  let iterations = 0;
  let converged = false;
  let lastSwap = -1;
  let round = 0;
  // With k = 1 every swap is still evaluated; with k = n there is no candidate at all.
  outer: while (iterations < maxIterations) {
    iterations++;
    let position = 0;
    while (position < n) {
      // The scan stops when it comes back to the last swap without finding another.
      const end = lastSwap >= position ? lastSwap : n;
      if (end > position) {
        const outputs = yield* mapShards(session, {
          from: position,
          to: end,
          // A relative threshold keeps rounding noise from swapping back and forth forever.
          threshold: -1e-12 * Math.max(totalDeviation, Number.MIN_VALUE),
          round: round++,
          state: shared ? undefined : state,
        });
        const found = outputs.find((output) => output.candidate >= 0);
        if (found !== undefined) {
          const { candidate, medoid } = found;
          isMedoid[medoids[medoid]] = 0;
          isMedoid[candidate] = 1;
          medoids[medoid] = candidate;
          assignment.update(D, medoids);
          computeRemovalLoss();
          totalDeviation = assignment.totalDeviation(weights);
          swaps++;
          lastSwap = candidate;
          position = candidate + 1;
          continue;
        }
      }
      if (end === lastSwap) {
        converged = true;
        break outer;
      }
      position = n;
    }
    trace.push(totalDeviation);
    if (lastSwap === -1) {
      converged = true;
      break;
    }
  }
  if (trace.length < iterations) trace.push(totalDeviation);
  yield* closeShards(session);
  return { assignment, totalDeviation, iterations, swaps, converged, trace };
}
