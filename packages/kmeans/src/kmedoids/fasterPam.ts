import { MedoidAssignment } from './medoidAssignment.js';

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
 * `medoids` (positions 0..k-1 hold row indices) is updated in place. `afterPass` is called
 * after every pass with its number (from 1) and the total deviation; it may throw to stop.
 */
export function fasterPam(
  D: Float64Array,
  n: number,
  medoids: Int32Array,
  weights: Float64Array,
  maxIterations: number,
  afterPass: (pass: number, totalDeviation: number) => void = () => {},
): SwapResult {
  const k = medoids.length;
  const assignment = new MedoidAssignment(n);
  assignment.update(D, medoids);
  const { nearest, nearestDistance, secondDistance } = assignment;
  const isMedoid = new Uint8Array(n);
  for (let m = 0; m < k; m++) isMedoid[medoids[m]!] = 1;
  const removalLoss = new Float64Array(k);
  const delta = new Float64Array(k);
  const computeRemovalLoss = (): void => {
    removalLoss.fill(0);
    for (let o = 0; o < n; o++) {
      removalLoss[nearest[o]!]! += weights[o]! * (secondDistance[o]! - nearestDistance[o]!);
    }
  };
  computeRemovalLoss();
  let totalDeviation = assignment.totalDeviation(weights);
  const trace: number[] = [];
  let swaps = 0;
  let iterations = 0;
  let converged = false;
  let lastSwap = -1;
  // With k = 1 every swap is still evaluated; with k = n there is no candidate at all.
  outer: while (iterations < maxIterations) {
    iterations++;
    for (let candidate = 0; candidate < n; candidate++) {
      if (candidate === lastSwap) {
        converged = true;
        break outer;
      }
      if (isMedoid[candidate]) continue;
      delta.set(removalLoss);
      let shared = 0;
      const column = candidate;
      for (let o = 0; o < n; o++) {
        const distance = D[o * n + column]!;
        const w = weights[o]!;
        const near = nearestDistance[o]!;
        if (distance < near) {
          shared += w * (distance - near);
          delta[nearest[o]!]! += w * (near - secondDistance[o]!);
        } else if (distance < secondDistance[o]!) {
          delta[nearest[o]!]! += w * (distance - secondDistance[o]!);
        }
      }
      let best = 0;
      for (let m = 1; m < k; m++) if (delta[m]! < delta[best]!) best = m;
      const change = delta[best]! + shared;
      // A relative threshold keeps rounding noise from swapping back and forth forever.
      if (change < -1e-12 * Math.max(totalDeviation, Number.MIN_VALUE)) {
        isMedoid[medoids[best]!] = 0;
        isMedoid[candidate] = 1;
        medoids[best] = candidate;
        assignment.update(D, medoids);
        computeRemovalLoss();
        totalDeviation = assignment.totalDeviation(weights);
        swaps++;
        lastSwap = candidate;
      }
    }
    trace.push(totalDeviation);
    afterPass(iterations, totalDeviation);
    if (lastSwap === -1) {
      converged = true;
      break;
    }
  }
  if (trace.length < iterations) {
    trace.push(totalDeviation);
    afterPass(iterations, totalDeviation);
  }
  return { assignment, totalDeviation, iterations, swaps, converged, trace };
}
