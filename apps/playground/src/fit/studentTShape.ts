import type { AnyComponentFamily } from '@mixkit/core';
import type { StudentTDiagParams, StudentTFullParams } from '@mixkit/distributions';

/**
 * A Student-t component's location, d x d scale matrix Σ and degrees of freedom ν, read from the
 * parameters of `studentTFull` / `studentTDiag`; undefined for other families. The t is
 * elliptical: its density's contours are the ellipses of Σ (its covariance, ν/(ν−2)·Σ, exists
 * only for ν > 2), so the page draws Σ's ellipses as the component's own shape.
 */
export function studentTShape(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
): { mean: Float64Array; covariance: Float64Array; dof: number } | undefined {
  switch (family.kind) {
    case 'student-t-full': {
      const { location, scale, dof } = params as StudentTFullParams;
      return { mean: location, covariance: scale, dof };
    }
    case 'student-t-diag': {
      const { location, scales, dof } = params as StudentTDiagParams;
      const covariance = new Float64Array(d * d);
      for (let j = 0; j < d; j++) covariance[j * d + j] = scales[j] as number;
      return { mean: location, covariance, dof };
    }
    default:
      return undefined;
  }
}
