import type { AnyComponentFamily, Matrix } from '@mixkit/core';
import { allocateKernelArrays } from '@mixkit/linalg';
import { accumulateAll, ConformanceError, logDensities } from '../helpers.js';

/**
 * Check: on data, outputs and weights placed in kernel memory (`allocateKernelArrays`, where
 * linalg's WebAssembly SIMD kernels run), `logDensity` and `accumulate` + `estimate` give the
 * same bits as on ordinary arrays. A runner copies the data there for a family marked with
 * linalg's `preferKernelMemory`, so a SIMD path must never change a result. Where WebAssembly is not
 * available there is nothing to compare and the check passes.
 */
export function checkKernelMemory(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
): void {
  const arrays = allocateKernelArrays([X.data.length, X.rows, X.rows]);
  if (arrays === undefined) return;
  const [data, out, kernelWeights] = arrays as [Float64Array, Float64Array, Float64Array];
  data.set(X.data);
  kernelWeights.set(weights);
  const kernelX: Matrix = { rows: X.rows, cols: X.cols, data };
  const expected = logDensities(family, params, X);
  family.logDensity(params, kernelX, 0, X.rows, out, 0, 1);
  for (let i = 0; i < X.rows; i++) {
    if (!Object.is(out[i], expected[i])) {
      throw new ConformanceError(
        'kernel-memory',
        `row ${i} has log-density ${out[i]} in kernel memory vs ${expected[i]}`,
      );
    }
  }
  const ordinary = JSON.stringify(
    family.paramsToJSON(family.estimate(accumulateAll(family, X, weights, params))),
  );
  const inKernel = JSON.stringify(
    family.paramsToJSON(family.estimate(accumulateAll(family, kernelX, kernelWeights, params))),
  );
  if (inKernel !== ordinary) {
    throw new ConformanceError(
      'kernel-memory',
      `estimate differs in kernel memory: ${inKernel} vs ${ordinary}`,
    );
  }
}
