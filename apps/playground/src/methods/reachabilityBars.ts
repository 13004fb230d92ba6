import type { ReachabilityBars } from './methodProtocol.js';

/** Columns of the drawn reachability plot at most (a column per pixel or two is enough). */
export const MAX_REACHABILITY_BARS = 800;

/**
 * OPTICS' reachability plot (reachability in the OPTICS order), binned into at most `maxBars`
 * columns of consecutive rows: each column shows the largest reachability among its rows (so a
 * valley's walls, where clusters start, survive the binning) and the cluster of its first row.
 */
export function reachabilityBars(
  order: Int32Array,
  reachability: Float64Array,
  labels: Int32Array,
  epsCluster: number,
  maxEps: number,
  maxBars = MAX_REACHABILITY_BARS,
): ReachabilityBars {
  const n = order.length;
  const bars = Math.min(n, maxBars);
  const values = new Float64Array(bars);
  const barLabels = new Int32Array(bars);
  let maxFinite = 0;
  for (let t = 0; t < n; t++) {
    const r = reachability[order[t] as number] as number;
    if (Number.isFinite(r) && r > maxFinite) maxFinite = r;
  }
  for (let bar = 0; bar < bars; bar++) {
    const start = Math.floor((bar * n) / bars);
    const end = Math.floor(((bar + 1) * n) / bars);
    let value = 0;
    for (let t = start; t < end; t++) {
      const r = reachability[order[t] as number] as number;
      if (r > value) value = r;
    }
    values[bar] = value;
    barLabels[bar] = labels[order[start] as number] as number;
  }
  return { rows: n, values, labels: barLabels, maxFinite, epsCluster, maxEps };
}
