// The README's example, run by readme.test.ts (which also checks the README quotes it verbatim).
// #region example
import { createMatrix } from '@mixkit/core';
import { familyFromSpec, gaussianFull, poisson, product } from '@mixkit/distributions';

// Rows of [height, weight, visits]: two real columns and a count.
const X = createMatrix(
  5,
  3,
  Float64Array.from([170, 65, 2, 182, 80, 0, 165, 58, 5, 175, 72, 1, 168, 61, 3]),
);
const family = product([
  { columns: [0, 1], family: gaussianFull({ regCovar: 1e-6 }) },
  { columns: [2], family: poisson() },
]);
family.validate(X); // throws InvalidInputError naming the row, column and value at fault

// Weighted sufficient statistics (e.g. one component's EM responsibilities), then the M-step.
const weights = Float64Array.from([1, 0.5, 1, 0.25, 0.8]);
const stats = family.accumulate(family.createStats(X.cols), X, 0, X.rows, weights, 0, 1);
const params = family.estimate(stats);

// Log-densities of every row, into a buffer the caller owns.
const logDensity = family.logDensity(params, X, 0, X.rows, new Float64Array(X.rows), 0, 1);

// Save and restore: the family from its spec, the parameters from their JSON.
const saved = JSON.stringify({ spec: family.spec(), params: family.paramsToJSON(params) });
const { spec, params: json } = JSON.parse(saved);
const restored = familyFromSpec(spec);
const again = restored.logDensity(
  restored.paramsFromJSON(json),
  X,
  0,
  X.rows,
  new Float64Array(X.rows),
  0,
  1,
);
console.log(logDensity, again); // identical, bit for bit

// #endregion

export { again, logDensity };
