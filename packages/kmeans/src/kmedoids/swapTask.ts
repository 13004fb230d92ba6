import { planShards, type ShardPlan, type ShardTask } from '@mixkit/core';

/** What every thread evaluating swaps reads: the dissimilarities and the swap state. */
export interface SwapSetup {
  /** Row-major n x n dissimilarities. */
  readonly D: Float64Array;
  readonly n: number;
  readonly k: number;
  readonly weights: Float64Array;
  /** The state of the swap search, written by the fit's thread after every swap. */
  readonly state: SwapState;
}

/** FasterPAM's state: every row's nearest and second-nearest medoid, and the removal losses. */
export interface SwapState {
  /** Position in the medoid list of each row's nearest medoid. */
  readonly nearest: Int32Array;
  readonly nearestDistance: Float64Array;
  readonly secondDistance: Float64Array;
  /** 1 for the rows that are medoids. */
  readonly isMedoid: Uint8Array;
  /** ΔTD⁻(m_i): the loss of removing medoid i. */
  readonly removalLoss: Float64Array;
}

/** One round: the candidates to scan and the improvement that counts. */
export interface SwapInput {
  /** Candidates `[from, to)` are scanned, in order. */
  readonly from: number;
  readonly to: number;
  /** A swap counts when its change of the total deviation is below this (negative). */
  readonly threshold: number;
  /** Which round this is (a thread stops scanning its later shards once one improved). */
  readonly round: number;
  /** The state, when the thread cannot read the fit's (no shared memory). */
  readonly state: SwapState | undefined;
}

/** A shard's first improving swap, or `candidate: -1`. */
export interface SwapOutput {
  readonly candidate: number;
  /** Position of the medoid to replace. */
  readonly medoid: number;
  readonly change: number;
}

/** One thread's scratch: the per-medoid deltas, and the last round in which it found a swap. */
interface SwapScratch {
  readonly setup: SwapSetup;
  readonly delta: Float64Array;
  foundInRound: number;
}

const none: SwapOutput = { candidate: -1, medoid: -1, change: 0 };

/**
 * FasterPAM's swap evaluation over one shard of candidates (`@mixkit/kmeans:swap`): the first
 * candidate of `[from, to)` in the shard whose best swap improves the total deviation by more
 * than the threshold. A candidate's evaluation depends only on the state, never on the thread,
 * and the fit's thread takes the first improving candidate in shard order, so the search makes
 * the decisions of the sequential scan. Once a shard of a thread found one, its later shards in
 * the same round return at once (they come after it in scan order).
 */
export const swapTask: ShardTask<SwapSetup, SwapInput, SwapOutput, SwapScratch> = {
  name: '@mixkit/kmeans:swap',
  open: (setup) => ({ setup, delta: new Float64Array(setup.k), foundInRound: -1 }),
  run(scratch, input, shard) {
    if (scratch.foundInRound === input.round) return none;
    const { D, n, weights } = scratch.setup;
    const state = input.state ?? scratch.setup.state;
    const from = Math.max(shard.start, input.from);
    const to = Math.min(shard.end, input.to);
    for (let candidate = from; candidate < to; candidate++) {
      if (state.isMedoid[candidate] === 1) continue;
      const { medoid, change } = evaluateSwap(D, n, candidate, weights, state, scratch.delta);
      if (change < input.threshold) {
        scratch.foundInRound = input.round;
        return { candidate, medoid, change };
      }
    }
    return none;
  },
};

/**
 * The change of the total deviation for swapping `candidate` with each medoid, all in one O(n)
 * pass (Schubert & Rousseeuw 2021, Algorithm 2): ΔTD_i = ΔTD⁻(m_i) + Σ_o corrections, plus a
 * term shared by all i for rows that would move to the candidate. Returns the best medoid
 * position and its change.
 */
export function evaluateSwap(
  D: Float64Array,
  n: number,
  candidate: number,
  weights: Float64Array,
  state: SwapState,
  delta: Float64Array,
): { medoid: number; change: number } {
  const { nearest, nearestDistance, secondDistance, removalLoss } = state;
  const k = delta.length;
  delta.set(removalLoss);
  let shared = 0;
  for (let o = 0; o < n; o++) {
    const distance = D[o * n + candidate];
    const w = weights[o];
    const near = nearestDistance[o];
    if (distance < near) {
      shared += w * (distance - near);
      delta[nearest[o]] += w * (near - secondDistance[o]);
    } else if (distance < secondDistance[o]) {
      delta[nearest[o]] += w * (distance - secondDistance[o]);
    }
  }
  let best = 0;
  for (let m = 1; m < k; m++) if (delta[m] < delta[best]) best = m;
  return { medoid: best, change: delta[best] + shared };
}

/** Shards of candidates of about 2^22 operations (n per candidate), at least 16 candidates. */
export function swapPlan(n: number): ShardPlan {
  return planShards(n, Math.max(16, Math.floor(2 ** 22 / (2 * n))));
}
