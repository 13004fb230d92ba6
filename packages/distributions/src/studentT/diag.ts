import {
  type ComponentFamily,
  DegenerateComponentError,
  type SerializedParams,
} from '@mixkit/core';

import { squaredMahalanobisDiagonal } from '@mixkit/linalg';
import { ParamsReader } from '../json/paramsReader.js';
import { POSITIVE } from '../json/vectorParamsJson.js';
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

/** A multivariate t with a diagonal scale matrix, with its caches. */
export interface StudentTDiagParams {
  /** μ, the location (the mean when ν > 1), length d. */
  readonly location: Float64Array;
  /** The scale matrix's diagonal σⱼ² (regularisation included). */
  readonly scales: Float64Array;
  /** ν, the degrees of freedom. */
  readonly dof: number;
  /** Cache: 1/σⱼ². */
  readonly precisions: Float64Array;
  /** Cache: log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ Σⱼ log σⱼ². */
  readonly logNormalizer: number;
}

const KIND = 'student-t-diag';

/**
 * Diagonal-scale t parameters from a location, positive scales σⱼ² and ν (copied), with caches.
 * Throws DegenerateComponentError('singular') for a scale that is not positive and finite.
 */
export function studentTDiagParams(
  location: ArrayLike<number>,
  scales: ArrayLike<number>,
  dof: number,
): StudentTDiagParams {
  const s = Float64Array.from(scales);
  const precisions = new Float64Array(s.length);
  let sumLog = 0;
  for (let j = 0; j < s.length; j++) {
    if (!(s[j] > 0 && s[j] < Number.POSITIVE_INFINITY)) {
      throw new DegenerateComponentError(KIND, 'singular', `scale ${s[j]} in column ${j}`);
    }
    precisions[j] = 1 / s[j];
    sumLog += Math.log(s[j]);
  }
  const logNormalizer = studentTLogConstant(dof, s.length) - 0.5 * sumLog;
  return { location: Float64Array.from(location), scales: s, dof, precisions, logNormalizer };
}

/**
 * Multivariate Student t with a diagonal scale matrix (the columns are uncorrelated but not
 * independent: one latent scale u per row is shared by all of them) and ν per component, learned
 * by ECME as in `studentTFull`. M-step: μ = Σw·u·x / Σw·u, σⱼ² = Σw·u(xⱼ − μⱼ)² / Σw + regCovar.
 * Free parameters: 2d, plus 1 when ν is learned.
 */
export function studentTDiag(
  options: StudentTOptions = {},
): ComponentFamily<StudentTDiagParams, StudentTStats> {
  const resolved = resolveStudentTOptions(options);
  const { regCovar, dof } = resolved;
  return {
    ...studentTBase(KIND, resolved),
    ...studentTStatistics<StudentTDiagParams>('diagonal', (params, X, start, end, out) => {
      squaredMahalanobisDiagonal(X, start, end, params.location, params.precisions, out, 0, 1);
    }),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.moments.mean.length;
      const scales = new Float64Array(d);
      for (let j = 0; j < d; j++) scales[j] = stats.moments.scatter[j] / stats.weight + regCovar;
      return studentTDiagParams(stats.moments.mean, scales, nextDof(stats.latent, d, dof));
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      squaredMahalanobisDiagonal(
        X,
        start,
        end,
        params.location,
        params.precisions,
        out,
        outOffset,
        outStride,
      );
      studentTLogDensityFromDistances(
        params.dof,
        params.location.length,
        params.logNormalizer,
        end - start,
        out,
        outOffset,
        outStride,
      );
      return out;
    },
    sample(params, n, random, out, outRow) {
      const d = params.location.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        const row = offset + i * d;
        for (let j = 0; j < d; j++) buffer[row + j] = random.normal() * Math.sqrt(params.scales[j]);
        const factor = studentTFactor(params.dof, random);
        for (let j = 0; j < d; j++) buffer[row + j] = params.location[j] + factor * buffer[row + j];
      }
      return buffer;
    },
    nParameters: (params) => 2 * params.location.length + (dof.learn ? 1 : 0),
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      location: Array.from(params.location),
      scales: Array.from(params.scales),
      dof: params.dof,
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const location = reader.numbers('location');
      const scales = reader.numbers('scales', location.length, POSITIVE);
      const nu = checkDof(reader.number('dof', { min: 0, exclusiveMin: true }), dof, KIND);
      return studentTDiagParams(location, scales, nu);
    },
    checkParams: paramsShape(KIND, 'studentTDiagParams', {
      location: 'vector',
      scales: 'vector',
      precisions: 'vector',
      dof: 'number',
      logNormalizer: 'number',
    }),
  };
}
