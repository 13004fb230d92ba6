import { InvalidInputError, type MatrixInput, toMatrix } from '@mixkit/core';
import type { InitialAssignment } from './initialAssignment.js';

/** Given n x k initial responsibilities (non-negative; each row is normalised to sum 1). */
export function responsibilitiesAssignment(
  input: MatrixInput,
  n: number,
  k: number,
): InitialAssignment {
  const argument = 'init.responsibilities';
  const R = toMatrix(input, { argument });
  if (R.rows !== n || R.cols !== k) {
    throw new InvalidInputError(
      { argument, value: `${R.rows}x${R.cols}` },
      `expected an n x k matrix (${n}x${k})`,
    );
  }
  for (let idx = 0; idx < R.data.length; idx++) {
    if (R.data[idx] < 0) {
      throw new InvalidInputError(
        { argument, row: Math.floor(idx / k), column: idx % k, value: R.data[idx] },
        'responsibilities must be >= 0',
      );
    }
  }
  return {
    kind: 'fill',
    fill(block, start, end) {
      for (let i = start; i < end; i++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += R.data[i * k + c];
        const factor = sum > 0 ? 1 / sum : 0;
        for (let c = 0; c < k; c++) block[(i - start) * k + c] = R.data[i * k + c] * factor;
      }
    },
  };
}
