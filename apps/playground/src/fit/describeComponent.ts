import type { AnyComponentFamily, Matrix } from '@mixkit/core';
import type {
  ExponentialParams,
  GammaParams,
  LogNormalParams,
  VonMisesFisherParams,
} from '@mixkit/distributions';
import type { MixtureComponent } from '@mixkit/em';
import { besselIRatio } from '@mixkit/linalg';
import type { ComponentKind } from '../state/playgroundState.js';
import type { ComponentSummary } from './fitProtocol.js';
import { gaussianMoments } from './gaussianMoments.js';
import { studentTShape } from './studentTShape.js';

/**
 * What the page draws for one fitted component: its weight, a mean and covariance for the
 * ellipse, and (1-D view) its weighted density on the grid.
 *
 * The mean and covariance come from the parameters: a Gaussian's own (`exact`), a Student t's
 * location and scale matrix (`exact`: its contours are that ellipse; with its ν), a von
 * Mises–Fisher's mean direction (with its κ; no covariance: the page draws a sector), or the
 * closed-form moments of the independent-column families (gamma: a/b and a/b^2; exponential:
 * 1/l and 1/l^2; log-normal: exp(m + s/2) and (exp(s) - 1) exp(2m + s)). Those are drawn dashed:
 * such a component is not elliptical, the ellipse only shows where its mass is. An unknown
 * family falls back to the responsibility-weighted moments of the data.
 */
export function describeComponent(
  component: MixtureComponent,
  index: number,
  X: Matrix,
  responsibilities: Matrix,
  grid: Float64Array,
): ComponentSummary {
  const { family, params, weight } = component;
  const d = X.cols;
  const density = gridDensity(family, params, weight, grid);
  const kind = kindOf(family);
  const t = studentTShape(family, params, d);
  if (t) return { kind, weight, ...t, exact: true, density };
  if (family.kind === 'von-mises-fisher') {
    const { mean, concentration } = params as VonMisesFisherParams;
    // The mean resultant length A_p(κ) = I_{p/2}(κ) / I_{p/2−1}(κ) is E[μᵀx] (Banerjee et al.
    // 2005, eq. 4.3): its arccos is the typical angle of a row to the mean direction.
    const spread = Math.acos(besselIRatio(d / 2 - 1, concentration));
    return {
      kind,
      weight,
      mean,
      covariance: new Float64Array(d * d),
      exact: true,
      density,
      concentration,
      spread,
    };
  }
  const gaussian = gaussianMoments(family, params, d);
  const moments =
    gaussian ?? familyMoments(family, params, d) ?? weightedMoments(X, responsibilities, index);
  return {
    kind,
    weight,
    mean: moments.mean,
    covariance: moments.covariance,
    exact: gaussian !== undefined,
    density,
  };
}

interface Moments {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
}

function kindOf(family: AnyComponentFamily): ComponentKind {
  if (family.kind.startsWith('gaussian')) return 'gaussian';
  if (family.kind === 'student-t-full') return 'student-t';
  if (family.kind === 'student-t-diag' || family.kind === 'von-mises-fisher') return family.kind;
  if (family.kind === 'log-normal') return 'lognormal';
  if (family.kind === 'gamma' || family.kind === 'exponential') return family.kind;
  throw new Error(`the playground cannot draw a '${family.kind}' component`);
}

function familyMoments(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
): Moments | undefined {
  const mean = new Float64Array(d);
  const covariance = new Float64Array(d * d);
  const set = (j: number, m: number, v: number) => {
    mean[j] = m;
    covariance[j * d + j] = v;
  };
  switch (family.kind) {
    case 'gamma': {
      const { shapes, rates } = params as GammaParams;
      for (let j = 0; j < d; j++) {
        const a = shapes[j] as number;
        const b = rates[j] as number;
        set(j, a / b, a / (b * b));
      }
      return { mean, covariance };
    }
    case 'exponential': {
      const { rates } = params as ExponentialParams;
      for (let j = 0; j < d; j++) {
        const l = rates[j] as number;
        set(j, 1 / l, 1 / (l * l));
      }
      return { mean, covariance };
    }
    case 'log-normal': {
      const { means, variances } = params as LogNormalParams;
      for (let j = 0; j < d; j++) {
        const m = means[j] as number;
        const s = variances[j] as number;
        set(j, Math.exp(m + s / 2), Math.expm1(s) * Math.exp(2 * m + s));
      }
      return { mean, covariance };
    }
    default:
      return undefined;
  }
}

/** Mean and covariance of the rows weighted by their responsibility for component `c`. */
function weightedMoments(X: Matrix, responsibilities: Matrix, c: number): Moments {
  const { rows: n, cols: d, data } = X;
  const k = responsibilities.cols;
  const mean = new Float64Array(d);
  const covariance = new Float64Array(d * d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = responsibilities.data[i * k + c] as number;
    total += w;
    for (let a = 0; a < d; a++) mean[a] = (mean[a] as number) + w * (data[i * d + a] as number);
  }
  if (!(total > 0)) return { mean, covariance };
  for (let a = 0; a < d; a++) mean[a] = (mean[a] as number) / total;
  for (let i = 0; i < n; i++) {
    const w = responsibilities.data[i * k + c] as number;
    for (let a = 0; a < d; a++) {
      const da = (data[i * d + a] as number) - (mean[a] as number);
      for (let b = 0; b < d; b++) {
        covariance[a * d + b] =
          (covariance[a * d + b] as number) +
          (w * da * ((data[i * d + b] as number) - (mean[b] as number))) / total;
      }
    }
  }
  return { mean, covariance };
}

/** weight x density at each grid point, through the family's own batched `logDensity`. */
function gridDensity(
  family: AnyComponentFamily,
  params: unknown,
  weight: number,
  grid: Float64Array,
): Float64Array {
  const out = new Float64Array(grid.length);
  if (grid.length === 0) return out;
  const points: Matrix = { rows: grid.length, cols: 1, data: grid };
  family.logDensity(params, points, 0, grid.length, out, 0, 1);
  for (let g = 0; g < out.length; g++) out[g] = weight * Math.exp(out[g] as number);
  return out;
}
