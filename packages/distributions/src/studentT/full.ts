import type { ComponentFamily, SerializedParams } from '@mixkit/core';
import { squaredMahalanobis } from '@mixkit/linalg';
import {
  type CovarianceFactors,
  covarianceFromScatter,
  factorEstimate,
  factorJson,
  readCovariance,
  toRows,
} from '../gaussian/covariance.js';
import { ParamsReader } from '../json/paramsReader.js';
import { outputRows } from '../sampling/outputRows.js';
import { assertWeight } from '../support/assertWeight.js';
import { paramsShape } from '../support/paramsShape.js';
import { nextDof } from './studentTDof.js';
import { checkDof, resolveStudentTOptions, type StudentTOptions } from './studentTOptions.js';
import {
  studentTBase,
  studentTFactor,
  studentTLogConstant,
  studentTLogDensityFromDistances,
} from './studentTShared.js';
import { type StudentTStats, studentTStatistics } from './studentTStatistics.js';

/** A multivariate t with a full scale matrix Σ, with its Cholesky caches. */
export interface StudentTFullParams extends CovarianceFactors {
  /** μ, the location (the mean when ν > 1), length d. */
  readonly location: Float64Array;
  /** d x d row-major scale matrix Σ (not the covariance, which is ν/(ν−2)·Σ for ν > 2). */
  readonly scale: Float64Array;
  /** ν, the degrees of freedom. */
  readonly dof: number;
  /** Cache: log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ log|Σ|. */
  readonly logNormalizer: number;
}

const KIND = 'student-t-full';

function build(
  location: Float64Array,
  scale: Float64Array,
  dof: number,
  factors: CovarianceFactors,
): StudentTFullParams {
  const logNormalizer = studentTLogConstant(dof, location.length) + factors.logDetPrecisionCholesky;
  return { location, scale, dof, ...factors, logNormalizer };
}

/**
 * Full-scale t parameters from a location, a scale matrix and ν (copied), with caches. Throws
 * DegenerateComponentError('singular') when the scale is not positive definite.
 */
export function studentTFullParams(
  location: ArrayLike<number>,
  scale: ArrayLike<number>,
  dof: number,
): StudentTFullParams {
  const m = Float64Array.from(location);
  const s = Float64Array.from(scale);
  return build(m, s, dof, factorEstimate(KIND, m.length, s));
}

/**
 * Multivariate Student t with a full scale matrix and ν per component, learned by ECME (Liu &
 * Rubin 1995; Peel & McLachlan 2000, "Robust mixture modelling using the t distribution"):
 * log t(x) = log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ log|Σ| − ((ν+d)/2) log(1 + δ²/ν),
 * δ² = (x − μ)ᵀΣ⁻¹(x − μ). It has per-row latent variables: `accumulate` needs the component's
 * current parameters (see `studentTStatistics`). M-step (P&M eqs. 27–28): μ = Σw·u·x / Σw·u,
 * Σ = Σw·u(x − μ)(x − μ)ᵀ / Σw + regCovar·I, ν by `nextDof`. Free parameters: d + d(d+1)/2,
 * plus 1 when ν is learned.
 */
export function studentTFull(
  options: StudentTOptions = {},
): ComponentFamily<StudentTFullParams, StudentTStats> {
  const resolved = resolveStudentTOptions(options);
  const { regCovar, dof } = resolved;
  return {
    ...studentTBase(KIND, resolved),
    ...studentTStatistics<StudentTFullParams>('full', (params, X, start, end, out) => {
      squaredMahalanobis(X, start, end, params.location, params.precisionCholesky, out, 0, 1);
    }),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.moments.mean.length;
      const scale = covarianceFromScatter(d, stats.moments.scatter, stats.weight, regCovar);
      const location = Float64Array.from(stats.moments.mean);
      return build(location, scale, nextDof(stats.latent, d, dof), factorEstimate(KIND, d, scale));
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      squaredMahalanobis(
        X,
        start,
        end,
        params.location,
        params.precisionCholesky,
        out,
        outOffset,
        outStride,
      );
      const d = params.location.length;
      const n = end - start;
      studentTLogDensityFromDistances(
        params.dof,
        d,
        params.logNormalizer,
        n,
        out,
        outOffset,
        outStride,
      );
      return out;
    },
    sample(params, n, random, out, outRow) {
      const d = params.location.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      const L = params.covarianceCholesky;
      const z = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < d; k++) z[k] = random.normal();
        const factor = studentTFactor(params.dof, random);
        const row = offset + i * d;
        for (let a = 0; a < d; a++) {
          let value = 0;
          for (let k = 0; k <= a; k++) value += L[a * d + k] * z[k];
          buffer[row + a] = params.location[a] + factor * value;
        }
      }
      return buffer;
    },
    nParameters(params) {
      const d = params.location.length;
      return d + (d * (d + 1)) / 2 + (dof.learn ? 1 : 0);
    },
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      location: Array.from(params.location),
      scale: toRows(params.location.length, params.scale),
      dof: params.dof,
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const location = reader.numbers('location');
      const d = location.length;
      const scale = readCovariance(reader, KIND, d, 'scale');
      const nu = checkDof(reader.number('dof', { min: 0, exclusiveMin: true }), dof, KIND);
      return build(location, scale, nu, factorJson(KIND, d, scale, 'scale'));
    },
    checkParams: paramsShape(KIND, 'studentTFullParams', {
      location: 'vector',
      scale: 'square',
      covarianceCholesky: 'square',
      precisionCholesky: 'square',
      logDetPrecisionCholesky: 'number',
      dof: 'number',
      logNormalizer: 'number',
    }),
  };
}
