import { digamma, logGamma, trigamma } from '@mixkit/linalg';

/** How ν is set: fixed, or learned per component within [min, max] from `initial`. */
export type ResolvedDof =
  | { readonly learn: false; readonly value: number }
  | { readonly learn: true; readonly initial: number; readonly min: number; readonly max: number };

/**
 * Sums over the rows accumulated under current parameters, each weighted by its responsibility
 * w: Σw, Σw·ν (ν the degrees of freedom the rows' latent scales were computed at), Σw·u,
 * Σw·log u and Σw·u², with u = (ν + d)/(ν + δ²) the E-step's E[u | x] (Peel & McLachlan 2000,
 * eq. 26; δ² the Mahalanobis distance under the current location and scale).
 */
export interface LatentScaleSums {
  /** Σw. */
  weight: number;
  /** Σw·ν. */
  dofWeight: number;
  /** Σw·u. */
  scale: number;
  /** Σw·log u. */
  logScale: number;
  /** Σw·u². */
  squaredScale: number;
}

/** Steps in log ν at most, per iteration (a factor of e). */
const MAX_LOG_STEP = 1;

/**
 * The M-step for ν of one Student-t component, a CM-step in the sense of ECME (Liu & Rubin 1995):
 *
 * 1. ECME maximises the observed-data log-likelihood h(ν) = Σ w log t(x; μ, Σ, ν) over ν, not the
 *    complete-data Q. h's derivatives at the current ν_t (current μ, Σ) are sums over the rows of
 *    functions of u alone:  h' = (W/2)[ψ((ν+d)/2) − ψ(ν/2) + 1 − log((ν+d)/ν)] + (Σw log u − Σw u)/2
 *    and h'' = W[ψ'((ν+d)/2) − ψ'(ν/2)]/4 + W d/(2ν(ν+d)) + Σw(1 − u)²/(2(ν+d)), so one Newton
 *    step on h (in log ν, at most a factor e) is taken from the statistics. Maximising h exactly
 *    would need every row's δ² (a second pass over the data), which sufficient statistics do
 *    not carry; one step per EM iteration reaches the same fixed point (h' = 0, the likelihood
 *    equation of Peel & McLachlan 2000, eq. 30, with u at the current parameters).
 * 2. The step is kept only as far as it does not lower the complete-data Q-function's ν part
 *    m(ν) = W[(ν/2) log(ν/2) − log Γ(ν/2)] + (ν/2)(Σw E[log u] − Σw E[u]), with
 *    E[log u] = log u + ψ((ν_t+d)/2) − log((ν_t+d)/2): m minorises h (up to a constant, touching at
 *    ν_t), so any ν with m(ν) ≥ m(ν_t) keeps EM monotone (a generalised EM step). A Newton point
 *    beyond that set is pulled back to its far end (at least the maximiser of m, the ECM update
 *    of Peel & McLachlan 2000, eq. 30); where h is not concave the ECM update is taken. Where ν
 *    is weakly identified (large ν, a flat likelihood) m is much more curved than h and the step
 *    is at most about twice the ECM one: that is the price of staying monotone without a second
 *    pass over the data.
 *
 * Without conditioned rows (statistics from a hard assignment, with u = 1) ν is `initial`.
 */
export function nextDof(sums: LatentScaleSums, d: number, dof: ResolvedDof): number {
  if (!dof.learn) return dof.value;
  const { min, max } = dof;
  const W = sums.weight;
  if (!(W > 0)) return dof.initial;
  const nu = Math.min(Math.max(sums.dofWeight / W, min), max);
  const half = (nu + d) / 2;
  // Σw(E[log u] − E[u]) / W: at most −1 (Jensen), so m has a finite maximiser unless it is −1.
  const c = (sums.logScale - sums.scale) / W + digamma(half) - Math.log(half);
  const m = (v: number): number => (v / 2) * Math.log(v / 2) - logGamma(v / 2) + (v / 2) * c;
  const emStep = maximiseQ(c, min, max);

  const g1 =
    (W / 2) * (digamma(half) - digamma(nu / 2) + 1 - Math.log((nu + d) / nu)) +
    (sums.logScale - sums.scale) / 2;
  const g2 =
    (W / 4) * (trigamma(half) - trigamma(nu / 2)) +
    (W * d) / (2 * nu * (nu + d)) +
    (W - 2 * sums.scale + sums.squaredScale) / (2 * (nu + d));
  const slope = nu * g1;
  const curvature = nu * nu * g2 + nu * g1;
  if (!(curvature < 0)) return emStep;
  const step = Math.max(-MAX_LOG_STEP, Math.min(MAX_LOG_STEP, -slope / curvature));
  const newton = Math.min(Math.max(nu * Math.exp(step), min), max);
  const floor = m(nu);
  if (m(newton) >= floor) return newton;
  if ((newton - nu) * (emStep - nu) <= 0) return emStep;
  // The Newton point overshoots what m guarantees. m is concave with its maximum at emStep, so
  // {ν : m(ν) ≥ m(ν_t)} is an interval reaching past emStep: go to its far end, towards newton.
  let inside = Math.log(emStep);
  let outside = Math.log(newton);
  for (let i = 0; i < 60 && Math.abs(outside - inside) > 1e-12; i++) {
    const mid = (inside + outside) / 2;
    if (m(Math.exp(mid)) >= floor) inside = mid;
    else outside = mid;
  }
  return Math.exp(inside);
}

/**
 * The maximiser over [min, max] of m(ν)/W = (ν/2) log(ν/2) − log Γ(ν/2) + (ν/2)c, the root of
 * log(ν/2) + 1 − ψ(ν/2) + c = 0, whose left side decreases in ν: bisection in log ν.
 */
function maximiseQ(c: number, min: number, max: number): number {
  const slope = (v: number): number => Math.log(v / 2) + 1 - digamma(v / 2) + c;
  if (slope(max) >= 0) return max;
  if (slope(min) <= 0) return min;
  let low = Math.log(min);
  let high = Math.log(max);
  for (let i = 0; i < 100 && high - low > 1e-13; i++) {
    const mid = (low + high) / 2;
    if (slope(Math.exp(mid)) > 0) low = mid;
    else high = mid;
  }
  return Math.exp((low + high) / 2);
}
