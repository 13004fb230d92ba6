import type { Matrix } from '@mixkit/core';

/** The data the page fits and draws. */
export interface PlaygroundData {
  readonly X: Matrix;
  readonly featureNames: readonly string[];
  /** True classes, when the data set has them (for the adjusted Rand index). */
  readonly trueLabels?: Int32Array;
  /** Fixed plot extents for clicked data, so a click always lands where the pointer is. */
  readonly domain?: readonly [number, number];
  /** Draw both axes at one scale (directions: the unit circle stays a circle). */
  readonly equalAspect?: boolean;
}
