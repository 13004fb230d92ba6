import {
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomSource,
  type ShardProgram,
  toMatrix,
} from '@mixkit/core';
import { toFrame } from '../internal/scaledFrame.js';
import { type KMeansData, readRows } from '../kmeansData.js';
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
  // Built-in seeders pick rows, so they can work on the centered rows directly; k-means++ reads
  // them as the fit's loops do (X − mean as it reads X, when the fit made no centered copy).
  if (init === 'k-means++') {
    const { rows, shift } = readRows(data);
    const shifted = shift === undefined ? undefined : { shift, norms: data.xNorms };
    return yield* kmeansPlusPlusProgram(rows, k, random, weights, shifted);
  }
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
