import { assertNumber } from '@mixkit/core';

/** The step-size schedule of stepwise (online) EM. */
export interface StepSchedule {
  /**
   * κ in (0.5, 1]: how fast the steps shrink. Σ η_t = ∞ and Σ η_t² < ∞ (the Robbins–Monro
   * conditions under which stepwise EM converges, Cappé & Moulines 2009) hold exactly for
   * κ in (0.5, 1]. Smaller κ forgets old batches faster. Default 0.7.
   */
  readonly stepDecay?: number;
  /**
   * t0 >= 0: delays the decay, damping the first updates (Liang & Klein 2009 use t0 = 2).
   * Default 2.
   */
  readonly stepOffset?: number;
}

/** The schedule with defaults, validated. */
export function resolveStepSchedule(schedule: StepSchedule): Required<StepSchedule> {
  const stepDecay = schedule.stepDecay ?? 0.7;
  assertNumber(stepDecay, 'stepDecay', { min: 0.5, max: 1, exclusiveMin: true });
  const stepOffset = schedule.stepOffset ?? 2;
  assertNumber(stepOffset, 'stepOffset', { min: 0 });
  return { stepDecay, stepOffset };
}

/**
 * The weight of the t-th update's batch statistics, η_t = (t + t0)^(−κ), t = 1, 2, ... (the
 * first mini-batch, t = 0, initialises the running statistics with η = 1). The running
 * statistics become s ← (1 − η_t) s + η_t ŝ_batch.
 */
export function stepSize(t: number, schedule: StepSchedule = {}): number {
  const { stepDecay, stepOffset } = resolveStepSchedule(schedule);
  return Math.min(1, (t + stepOffset) ** -stepDecay);
}
