import { type AnyComponentFamily, createMatrix, createRandom } from '@mixkit/core';
import { logGamma } from '@mixkit/linalg';
import { ConformanceError, logDensities, sampleMatrix } from '../helpers.js';
import {
  nestedQuadrature,
  type QuadratureAxis,
  type QuadratureIntegrand,
} from '../nestedQuadrature.js';
import type { GridColumn, NormalizationDomain } from '../types.js';

const CHUNK = 4096;
/** Density evaluations one normalisation check may spend (about a second for simple families). */
const BUDGET = 20_000_000;

/** Check 1: the density sums / integrates to 1 over the case's domain. */
export function checkNormalization(
  family: AnyComponentFamily,
  params: unknown,
  domain: NormalizationDomain,
  seed: number,
): void {
  const d = family.dimension(params);
  let total: number;
  let tolerance: number;
  let detail = '';
  if (domain.method === 'monte-carlo') {
    const result = importanceSample(family, params, d, domain.draws ?? 200_000, seed);
    total = result.estimate;
    tolerance = domain.tolerance ?? 0.02;
    detail = ` (standard error ${result.standardError.toExponential(2)})`;
  } else if (domain.method === 'sphere') {
    if (d >= 4) {
      const result = uniformOnSphere(family, params, d, domain.draws ?? 200_000, seed);
      total = result.estimate;
      tolerance = domain.tolerance ?? 0.02;
      detail = ` (standard error ${result.standardError.toExponential(2)})`;
    } else {
      total = sphereQuadrature(family, params, d, domain.intervals);
      tolerance = domain.tolerance ?? 1e-6;
    }
  } else {
    const columns = gridColumns(domain, d);
    const continuous = columns.some((column) => 'bounds' in column);
    const axes = columns.map(
      (column): QuadratureAxis =>
        'values' in column ? column : { bounds: column.bounds, panels: column.intervals ?? 100 },
    );
    const where = 'where' in domain ? domain.where : undefined;
    total = nestedQuadrature(axes, densityOf(family, params, d, where), BUDGET);
    tolerance = domain.tolerance ?? (continuous ? 1e-6 : 1e-9);
  }
  if (!(Math.abs(total - 1) <= tolerance)) {
    throw new ConformanceError(
      'normalization',
      `the density sums/integrates to ${total}${detail}, not 1 within ${tolerance} (${domain.method})`,
    );
  }
}

/** The `sum` and `quadrature` shorthands as grid columns. */
function gridColumns(
  domain: Extract<NormalizationDomain, { method: 'sum' | 'quadrature' | 'grid' }>,
  d: number,
): readonly GridColumn[] {
  let columns: readonly GridColumn[];
  switch (domain.method) {
    case 'sum':
      columns = domain.values.map((values) => ({ values }));
      break;
    case 'quadrature': {
      if (domain.bounds.length > 2) {
        throw new ConformanceError(
          'normalization',
          'quadrature is for 1 or 2 columns; use monte-carlo',
        );
      }
      const intervals = domain.intervals ?? (domain.bounds.length === 1 ? 400 : 16);
      columns = domain.bounds.map((bounds) => ({ bounds, intervals }));
      break;
    }
    case 'grid':
      columns = domain.columns;
      break;
  }
  if (columns.length !== d) {
    throw new ConformanceError(
      'normalization',
      `the domain has ${columns.length} columns, not ${d}`,
    );
  }
  return columns;
}

/**
 * The density (not its log) at batches of points given directly as coordinates; a point where
 * `where` fails counts 0. Each batch is a fresh matrix, so a family that caches per data buffer
 * (like `product`) never sees a buffer change under it.
 */
function densityOf(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  where: ((row: Float64Array) => boolean) | undefined,
): QuadratureIntegrand {
  return {
    evaluate(coords, count, out) {
      const X = createMatrix(count, d, coords.slice(0, count * d));
      family.logDensity(params, X, 0, count, out, 0, 1);
      for (let i = 0; i < count; i++) {
        const keep = where === undefined || where(X.data.subarray(i * d, i * d + d));
        out[i] = keep ? Math.exp(out[i]) : 0;
      }
    },
  };
}

/**
 * ∫ f dA over the unit circle (p = 2: x = (cos θ, sin θ), dA = dθ) or the unit sphere in ℝ³
 * (p = 3: x = (√(1−z²) cos φ, √(1−z²) sin φ, z), dA = dz dφ, Archimedes' map, so the area element
 * has no Jacobian to go singular at the poles), by the adaptive quadrature of the grid methods.
 */
function sphereQuadrature(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  intervals: number | undefined,
): number {
  const turn: readonly [number, number] = [0, 2 * Math.PI];
  const axes: QuadratureAxis[] =
    d === 2
      ? [{ bounds: turn, panels: intervals ?? 64 }]
      : [
          { bounds: [-1, 1], panels: intervals ?? 16 },
          { bounds: turn, panels: intervals ?? 16 },
        ];
  const integrand: QuadratureIntegrand = {
    evaluate(coords, count, out) {
      const X = createMatrix(count, d);
      for (let i = 0; i < count; i++) {
        if (d === 2) {
          X.data[2 * i] = Math.cos(coords[i]);
          X.data[2 * i + 1] = Math.sin(coords[i]);
        } else {
          const z = coords[2 * i];
          const phi = coords[2 * i + 1];
          const radius = Math.sqrt(Math.max(1 - z * z, 0));
          X.data[3 * i] = radius * Math.cos(phi);
          X.data[3 * i + 1] = radius * Math.sin(phi);
          X.data[3 * i + 2] = z;
        }
      }
      family.logDensity(params, X, 0, count, out, 0, 1);
      for (let i = 0; i < count; i++) out[i] = Math.exp(out[i]);
    },
  };
  return nestedQuadrature(axes, integrand, BUDGET);
}

/**
 * |S^{p−1}| · mean of f over uniform points of the sphere (normalised standard normal vectors),
 * for p ≥ 4, where a tensor grid is out of reach. Suits densities that are not too concentrated
 * (the relative standard error grows like the density's peak over its mean).
 */
function uniformOnSphere(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  draws: number,
  seed: number,
): { estimate: number; standardError: number } {
  const random = createRandom(seed);
  const logArea = Math.LN2 + (d / 2) * Math.log(Math.PI) - logGamma(d / 2);
  let sum = 0;
  let sumSquares = 0;
  for (let done = 0; done < draws; done += CHUNK) {
    const n = Math.min(CHUNK, draws - done);
    const X = createMatrix(n, d);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let j = 0; j < d; j++) {
        const value = random.normal();
        X.data[i * d + j] = value;
        norm += value * value;
      }
      const scale = 1 / Math.sqrt(norm);
      for (let j = 0; j < d; j++) X.data[i * d + j] *= scale;
    }
    const logP = logDensities(family, params, X);
    for (let i = 0; i < n; i++) {
      const value = Math.exp(logP[i] + logArea);
      sum += value;
      sumSquares += value * value;
    }
  }
  const estimate = sum / draws;
  const variance = Math.max(sumSquares / draws - estimate * estimate, 0);
  return { estimate, standardError: Math.sqrt(variance / draws) };
}

/**
 * Importance sampling with a product of Cauchy proposals: location the median and scale the
 * inter-quartile range of a pilot sample from the family (so the proposal is placed by the
 * family's own sampler but its density is independent of the family's log-density).
 */
function importanceSample(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  draws: number,
  seed: number,
): { estimate: number; standardError: number } {
  const random = createRandom(seed);
  const pilot = sampleMatrix(family, params, 2000, random);
  const location = new Float64Array(d);
  const scale = new Float64Array(d);
  const column = new Float64Array(pilot.rows);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < pilot.rows; i++) column[i] = pilot.data[i * d + j];
    column.sort();
    const quartile = (q: number): number => column[Math.floor(q * (pilot.rows - 1))];
    location[j] = quartile(0.5);
    scale[j] = Math.max(quartile(0.75) - quartile(0.25), 1e-12);
  }
  let sum = 0;
  let sumSquares = 0;
  for (let done = 0; done < draws; done += CHUNK) {
    const n = Math.min(CHUNK, draws - done);
    const X = createMatrix(n, d);
    const logProposal = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let logQ = 0;
      for (let j = 0; j < d; j++) {
        const z = Math.tan(Math.PI * (random.uniform() - 0.5));
        X.data[i * d + j] = location[j] + scale[j] * z;
        logQ -= Math.log(Math.PI * scale[j] * (1 + z * z));
      }
      logProposal[i] = logQ;
    }
    const logP = logDensities(family, params, X);
    for (let i = 0; i < n; i++) {
      const ratio = Math.exp(logP[i] - logProposal[i]);
      sum += ratio;
      sumSquares += ratio * ratio;
    }
  }
  const estimate = sum / draws;
  const variance = Math.max(sumSquares / draws - estimate * estimate, 0);
  return { estimate, standardError: Math.sqrt(variance / draws) };
}
