import type { Matrix } from '@mixkit/core';
import { gaussianBlobs } from './gaussianBlobs.js';

/**
 * Five 2-D blobs of `size` rows each (5·size rows), 6 apart with unit spread: the data of the
 * async-fit tests of the density and hierarchical clusterers.
 */
export function fiveBlobs(size: number, seed: number): Matrix {
  const centers = [
    [0, 0],
    [6, 0],
    [0, 6],
    [6, 6],
    [12, 3],
  ];
  return gaussianBlobs({ centers, size, seed }).X;
}
