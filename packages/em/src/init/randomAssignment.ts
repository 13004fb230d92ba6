import type { RandomSource } from '@mixkit/core';
import type { InitialAssignment } from './initialAssignment.js';

/**
 * Uniform random responsibilities normalised per row (scikit-learn's `init_params='random'`).
 * Draws row by row, so the result depends only on the random source.
 */
export function randomAssignment(k: number, random: RandomSource): InitialAssignment {
  return {
    kind: 'fill',
    fill(block, start, end) {
      for (let r = 0; r < end - start; r++) {
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const u = random.uniform();
          block[r * k + c] = u;
          sum += u;
        }
        for (let c = 0; c < k; c++) block[r * k + c] /= sum;
      }
    },
  };
}
