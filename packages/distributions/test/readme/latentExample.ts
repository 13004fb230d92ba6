// The README's Student-t and von Mises–Fisher example, run by readme.test.ts (which also checks
// the README quotes it verbatim).
// #region example
import { createMatrix, createRandom } from '@mixkit/core';
import {
  studentTFull,
  studentTFullParams,
  vonMisesFisher,
  vonMisesFisherParams,
} from '@mixkit/distributions';

// A Student t: 2000 heavy-tailed draws (ν = 3), then EM on one component. Each pass hands
// accumulate the current parameters, from which it forms the rows' latent scales u.
const t = studentTFull();
const truth = studentTFullParams([1, -2], [2, 0.6, 0.6, 0.5], 3);
const X = createMatrix(2000, 2, t.sample(truth, 2000, createRandom(1)));
const ones = new Float64Array(X.rows).fill(1);
let params = t.estimate(t.accumulate(t.createStats(2), X, 0, X.rows, ones, 0, 1)); // u = 1
for (let iteration = 0; iteration < 100; iteration++) {
  params = t.estimate(t.accumulate(t.createStats(2), X, 0, X.rows, ones, 0, 1, params));
}
console.log(params.dof, params.location, params.scale); // ν ≈ 3, location ≈ (1, −2)

// A von Mises–Fisher over unit vectors in 128 dimensions: κ by Sra's approximation + Newton.
const vmf = vonMisesFisher();
const mean = new Float64Array(128).fill(1 / Math.sqrt(128));
const directions = vmf.sample(vonMisesFisherParams(mean, 300), 5000, createRandom(2));
const U = createMatrix(5000, 128, directions);
vmf.validate(U); // rows must be unit vectors
const unit = new Float64Array(U.rows).fill(1);
const fitted = vmf.estimate(vmf.accumulate(vmf.createStats(128), U, 0, U.rows, unit, 0, 1));
console.log(fitted.concentration); // ≈ 300

// #endregion

export { fitted, params };
