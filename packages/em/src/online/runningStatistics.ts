import type { AnyComponentFamily } from '@mixkit/core';

/**
 * Stochastic-approximation update of one component's running statistics (Cappé & Moulines
 * 2009, eq. 6): `running ← (1 − η) running + η · batch / m`, through the family's own `scale`
 * and `merge` (so it works for any family). `batch` holds sums over the m rows of a mini-batch
 * and is scaled in place; `running` holds per-sample averages. `running` undefined (the first
 * batch) starts from a copy of the batch averages.
 */
export function interpolateStatistics(
  family: AnyComponentFamily,
  d: number,
  running: unknown,
  batch: unknown,
  rows: number,
  eta: number,
): unknown {
  if (running === undefined) {
    return family.merge(family.createStats(d), family.scale(batch, 1 / rows));
  }
  return family.merge(family.scale(running, 1 - eta), family.scale(batch, eta / rows));
}

/** A fresh copy of `stats` multiplied by `factor` (the original is untouched). */
export function scaledCopy(
  family: AnyComponentFamily,
  d: number,
  stats: unknown,
  factor: number,
): unknown {
  return family.scale(family.merge(family.createStats(d), stats), factor);
}
