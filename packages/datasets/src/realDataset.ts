import { createMatrix, type Matrix } from '@mixkit/core';

/** A bundled real data set: the feature matrix, its column names and, where known, true labels. */
export interface RealDataset {
  /** The data set's usual name (e.g. `'iris'`). */
  readonly name: string;
  /** n x d feature matrix (a fresh copy on every load, so callers may modify it). */
  readonly X: Matrix;
  /** Name of each column of `X`. */
  readonly featureNames: readonly string[];
  /** True class of each row, when the data set has classes. */
  readonly labels?: Int32Array;
  /** Name of each class index, when the data set has classes. */
  readonly targetNames?: readonly string[];
}

/** Builds a dataset value from embedded columns; shared by the loaders. */
export function realDataset(
  name: string,
  featureNames: readonly string[],
  values: readonly number[],
  labels?: readonly number[],
  targetNames?: readonly string[],
): RealDataset {
  const cols = featureNames.length;
  const X = createMatrix(values.length / cols, cols, Float64Array.from(values));
  return {
    name,
    X,
    featureNames,
    ...(labels ? { labels: Int32Array.from(labels) } : {}),
    ...(targetNames ? { targetNames } : {}),
  };
}
