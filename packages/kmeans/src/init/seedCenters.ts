import {
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomSource,
  type ShardProgram,
  toMatrix,
} from '@mixkit/core';
import { toFrame } from '../internal/scaledFrame.js';
import type { KMeansData } from '../kmeansData.js';
import type { KMeansInit } from '../kmeansOptions.js';
import { kmeansPlusPlusProgram } from './kmeansPlusPlus.js';
import { randomRows } from './randomRows.js';

/**
 * Initial centers for one restart, in the centered frame of `data`, from `init` (a seeder by
 * name or a function; explicit centers are not seeded but moved with `centeredCenters`).
 */
export function* seedCenters(
  init: KMeansInit,
  data: KMeansData,
  original: Matrix,
  k: number,
  random: RandomSource,
  weights: Float64Array | undefined,
): ShardProgram<never, Matrix> {
  // Built-in seeders pick rows, so they can work on the centered copy directly.
  if (init === 'k-means++') return yield* kmeansPlusPlusProgram(data.X, k, random, weights);
  if (init === 'random') return randomRows(data.X, k, random, weights);
  if (typeof init === 'function')
    return centeredCenters(init(original, k, random, weights), data, k);
  throw new Error('unreachable: explicit centers are not seeded');
}

/** Validates k x d initial centers and moves them into the data's frame. */
export function centeredCenters(input: MatrixInput, data: KMeansData, k: number): Matrix {
  const d = data.frame.offset.length;
  const centers = toMatrix(input, { argument: 'init', cols: d });
  if (centers.rows !== k) {
    throw new InvalidInputError({ argument: 'init', value: centers.rows }, `expected ${k} centers`);
  }
  return { rows: k, cols: d, data: toFrame(centers, 0, k, data.frame, new Float64Array(k * d)) };
}
