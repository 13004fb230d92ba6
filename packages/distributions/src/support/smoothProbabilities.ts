/**
 * The default floor on estimated probabilities of the discrete families: a level, category or
 * Bernoulli outcome never seen in a component would otherwise get probability 0, and any later
 * row showing it log-density -Infinity under that component (and under every component, for a
 * one-component fit). 1e-10 costs at most ~1e-10 of likelihood and keeps every log finite.
 */
export const DEFAULT_MIN_PROBABILITY = 1e-10;

/**
 * Writes the smoothed probabilities (counts[j] + pseudocount) / Σ(counts + pseudocount) of the
 * entries `[offset, offset + length)` to `out` at the same positions, raised to at least
 * `floor` and renormalised so they sum to 1 again.
 */
export function smoothProbabilities(
  counts: Float64Array,
  offset: number,
  length: number,
  pseudocount: number,
  floor: number,
  out: Float64Array,
): void {
  let total = 0;
  for (let j = offset; j < offset + length; j++) total += counts[j] + pseudocount;
  let floored = 0;
  for (let j = offset; j < offset + length; j++) {
    const p = Math.max((counts[j] + pseudocount) / total, floor);
    out[j] = p;
    floored += p;
  }
  for (let j = offset; j < offset + length; j++) out[j] = out[j] / floored;
}
