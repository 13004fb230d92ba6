import type { Matrix } from '@mixkit/core';
import { type KernelArena, NearestCenters } from '@mixkit/linalg';
import { type KMeansData, readRows } from './kmeansData.js';

/** `KMeansData` with the nearest-centre search over its rows, as Lloyd and Hamerly read it. */
export interface KMeansSearchData extends KMeansData {
  /**
   * Lloyd's nearest-centre search over the rows of `X` for k centres (a float32 screen in
   * kernel memory with float64 confirmation, or the fused float64 steps for small k·d, see
   * `NearestCenters`), set up once per shard and fit.
   */
  readonly nearest: NearestCenters;
}

/**
 * The search over `data`'s rows (already in the fit's frame: scaled and centered) for k centres. Each shard of a
 * fit makes its own, in the thread that runs the shard, since kernel memory cannot be sent to
 * a worker. Where the fused kernels run, the search copies the rows into its kernel memory and
 * `X` becomes that copy (the same values); its row norms are `rowSquaredNorms`' values, as
 * `data.xNorms` are. `arena`: the kernel memory shared by the searches of one thread's shards
 * (`NearestCenters.kernelArena`), or undefined for a memory of its own.
 */
export function withNearestCenters(
  data: KMeansData,
  k: number,
  arena?: KernelArena,
): KMeansSearchData {
  // The shard's norms are the fit's (`rowSquaredNorms` of the same rows, or of the rows minus
  // the shift: frameRows' values): not computed again. With a shift, the search subtracts it as
  // it reads the rows (no float64 copy; see `NearestCenters`), and so do the strategies' own
  // loops (`rowsRead`); `X` is then copied only where it is read.
  const { rows, shift } = readRows(data);
  const nearest = new NearestCenters(rows, k, {
    weights: data.weights,
    norms: data.xNorms,
    arena,
    ...(shift === undefined ? {} : { offset: shift, shiftedNorms: true }),
  });
  const fields = {
    frame: data.frame,
    weights: data.weights,
    weightExponent: data.weightExponent,
    xNorms: nearest.rowNorms,
    weightedSquaredNorm: data.weightedSquaredNorm,
    meanVariance: data.meanVariance,
    nearest,
  };
  const read = nearest.rowsShift;
  if (read === undefined) return { X: nearest.rows, ...fields };
  return {
    get X(): Matrix {
      return nearest.rows;
    },
    rowsRead: nearest.rowsRead,
    rowsShift: read,
    ...fields,
  };
}
