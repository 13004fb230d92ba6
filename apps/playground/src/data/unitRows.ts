import { createMatrix } from '@mixkit/core';
import type { PlaygroundData } from './playgroundData.js';

/** The plot extent of unit rows: the unit circle and a margin. */
export const UNIT_DOMAIN: readonly [number, number] = [-1.15, 1.15];

/**
 * The rows scaled to unit length, for von Mises–Fisher components (a distribution on the unit
 * sphere: it reads only each row's direction). A row of length 0 has no direction: the error
 * names it (1-based, as the CSV reader counts rows).
 */
export function unitRows(data: PlaygroundData): PlaygroundData {
  const { rows, cols, data: values } = data.X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < cols; j++) norm += (values[i * cols + j] as number) ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new RangeError(
        `row ${i + 1} has length ${norm}: a von Mises–Fisher component needs every row to point somewhere (it models directions)`,
      );
    }
    for (let j = 0; j < cols; j++) out[i * cols + j] = (values[i * cols + j] as number) / norm;
  }
  return {
    ...data,
    X: createMatrix(rows, cols, out),
    ...(cols === 2 ? { domain: UNIT_DOMAIN, equalAspect: true } : {}),
  };
}
