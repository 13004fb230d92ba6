import {
  type AnyComponentFamily,
  createMatrix,
  InvalidInputError,
  type Matrix,
  markMissingRows,
  UnsupportedMissingCellsError,
} from '@mixkit/core';
import { gaussLegendre } from '../gaussLegendre.js';
import {
  accumulateAll,
  ConformanceError,
  compareValues,
  estimateOne,
  logDensities,
  weightedLogLikelihood,
} from '../helpers.js';
import type { NormalizationDomain } from '../types.js';
import type { StatisticsFixture } from './statistics.js';

/**
 * The missing-cell checks (for a family with `missingCells`; one without gets `missing-refused`).
 * They run on the statistics fixture's sample with holes punched in it (`withHoles`): every third
 * row misses one cell (its column cycling), one row misses every cell, and the holed rows are
 * marked in `missingRows` as `toMatrix(X, { missing: 'marginalize' })` marks them.
 */

/** The sample with holes: row i ≡ 1 (mod 3) misses column (i / 3) mod d; row 2 misses all. */
export function withHoles(X: Matrix): Matrix {
  const data = X.data.slice();
  const d = X.cols;
  for (let i = 1; i < X.rows; i += 3) data[i * d + (Math.floor(i / 3) % d)] = Number.NaN;
  if (X.rows > 2) data.fill(Number.NaN, 2 * d, 3 * d);
  return markMissingRows({ rows: X.rows, cols: d, data }).matrix;
}

/**
 * Check `missing-refused`: a family without `missingCells` refuses data with missing cells from
 * `validate`, with `UnsupportedMissingCellsError` naming its kind.
 */
export function checkMissingRefused(family: AnyComponentFamily, X: Matrix): void {
  try {
    family.validate(withHoles(X), 'X');
  } catch (error) {
    if (UnsupportedMissingCellsError.isInstance(error) && error.family === family.kind) return;
    throw new ConformanceError(
      'missing-refused',
      `validate threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (expected UnsupportedMissingCellsError naming ${family.kind})`,
    );
  }
  throw new ConformanceError(
    'missing-refused',
    'validate accepted missing cells, but the family declares no missingCells treatment',
  );
}

/**
 * Check `missing-validate`: `validate` accepts NaN in marked rows, still rejects NaN in a row
 * that is not marked (with its row and column), and `logDensity` of the holed sample is never NaN.
 */
export function checkMissingValidate(family: AnyComponentFamily, params: unknown, X: Matrix): void {
  const holed = withHoles(X);
  family.validate(holed, 'X');
  const unmarked = createMatrix(X.rows, X.cols, X.data.slice());
  const row = X.rows - 1;
  unmarked.data[row * X.cols] = Number.NaN;
  const marks = new Uint8Array(X.rows);
  marks[0] = 1;
  const data = unmarked.data.slice();
  data[0] = Number.NaN;
  const partlyMarked = { rows: X.rows, cols: X.cols, data, missingRows: marks };
  let error: unknown;
  try {
    family.validate(partlyMarked, 'X');
  } catch (caught) {
    error = caught;
  }
  if (!InvalidInputError.isInstance(error) || error.row !== row || error.column !== 0) {
    throw new ConformanceError(
      'missing-validate',
      `NaN in row ${row}, which missingRows does not mark, must be an InvalidInputError at row ${row}, column 0`,
    );
  }
  const logP = logDensities(family, params, holed);
  for (let i = 0; i < holed.rows; i++) {
    if (Number.isNaN(logP[i])) {
      throw new ConformanceError('missing-validate', `logDensity of holed row ${i} is NaN`);
    }
  }
}

/** How column `column` of a normalisation domain is summed or integrated, if it says. */
type ColumnMeasure =
  | { readonly values: readonly number[] }
  | { readonly bounds: readonly [number, number]; readonly intervals: number };

function columnMeasure(domain: NormalizationDomain, column: number): ColumnMeasure | undefined {
  switch (domain.method) {
    case 'sum': {
      const values = domain.values[column];
      return domain.where === undefined && values !== undefined ? { values } : undefined;
    }
    case 'quadrature': {
      const bounds = domain.bounds[column];
      return bounds === undefined ? undefined : { bounds, intervals: 400 };
    }
    case 'grid': {
      const spec = domain.columns[column];
      if (domain.where !== undefined || spec === undefined) return undefined;
      if ('values' in spec) return { values: spec.values };
      return { bounds: spec.bounds, intervals: Math.max(spec.intervals ?? 100, 400) };
    }
    default:
      return undefined;
  }
}

/** Nodes (values of the missing column) and their weights (1, or quadrature weights). */
function nodesOf(measure: ColumnMeasure): { nodes: Float64Array; weights: Float64Array } {
  if ('values' in measure) {
    return {
      nodes: Float64Array.from(measure.values),
      weights: new Float64Array(measure.values.length).fill(1),
    };
  }
  const rule = gaussLegendre(16);
  const [lo, hi] = measure.bounds;
  const width = (hi - lo) / measure.intervals;
  const nodes = new Float64Array(16 * measure.intervals);
  const weights = new Float64Array(nodes.length);
  for (let p = 0; p < measure.intervals; p++) {
    const centre = lo + (p + 0.5) * width;
    for (let q = 0; q < 16; q++) {
      nodes[p * 16 + q] = centre + 0.5 * width * rule.nodes[q];
      weights[p * 16 + q] = 0.5 * width * rule.weights[q];
    }
  }
  return { nodes, weights };
}

/** Rows that copy `row` of X once per node, with column `column` set to each node. */
function rowsAtNodes(X: Matrix, row: number, column: number, nodes: Float64Array): Matrix {
  const d = X.cols;
  const out = createMatrix(nodes.length, d);
  for (let t = 0; t < nodes.length; t++) {
    out.data.set(X.data.subarray(row * d, row * d + d), t * d);
    out.data[t * d + column] = nodes[t];
  }
  return out;
}

/** A one-row matrix of `row` of X with cell `column` missing (marked). */
function rowMissing(X: Matrix, row: number, column: number): Matrix {
  const data = X.data.slice(row * X.cols, (row + 1) * X.cols);
  data[column] = Number.NaN;
  return { rows: 1, cols: X.cols, data, missingRows: Uint8Array.of(1) };
}

/** log Σₜ wₜ exp(vₜ), stably. */
function logWeightedSum(values: Float64Array, weights: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < values.length; t++) if (values[t] > max) max = values[t];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let t = 0; t < values.length; t++) sum += weights[t] * Math.exp(values[t] - max);
  return max + Math.log(sum);
}

/**
 * Check `missing-density`: a row with every cell missing has log-density exactly 0, and a row
 * with one missing cell has the marginal density of its observed cells: the density summed over
 * the missing column's values (a discrete column) or integrated over its interval (16-point
 * Gauss–Legendre on 400 panels), where the case's normalisation domain gives that column's
 * values or bounds. Agreement to 1e-9 (discrete) or 1e-7 (integrated) in log-density.
 */
export function checkMissingDensity(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  domain: NormalizationDomain,
): void {
  const d = X.cols;
  const empty = {
    rows: 1,
    cols: d,
    data: new Float64Array(d).fill(Number.NaN),
    missingRows: Uint8Array.of(1),
  };
  const emptyLog = logDensities(family, params, empty)[0];
  if (emptyLog !== 0) {
    throw new ConformanceError(
      'missing-density',
      `a row with every cell missing has log-density ${emptyLog}, not 0`,
    );
  }
  for (let column = 0; column < d; column++) {
    const measure = columnMeasure(domain, column);
    if (measure === undefined) continue;
    const { nodes, weights } = nodesOf(measure);
    const tolerance = 'values' in measure ? 1e-9 : 1e-7;
    for (const row of [0, 1, 2, 3].filter((r) => r < X.rows)) {
      const marginal = logDensities(family, params, rowMissing(X, row, column))[0];
      const joint = logDensities(family, params, rowsAtNodes(X, row, column, nodes));
      const reference = logWeightedSum(joint, weights);
      if (!(Math.abs(marginal - reference) <= tolerance * Math.max(1, Math.abs(reference)))) {
        throw new ConformanceError(
          'missing-density',
          `row ${row} with column ${column} missing: log-density ${marginal}, but the joint ` +
            `density summed/integrated over that column gives ${reference}`,
        );
      }
    }
  }
}

/**
 * Check `missing-statistics`: accumulating data with missing cells keeps the statistics linear
 * and mergeable: two chunks merged equal one pass, a row of weight 2 equals the row twice,
 * zero-weight holed rows add nothing, `scale` equals scaled weights (all under the current
 * parameters). For a `'conditional'` family, where the domain lets a column be integrated, a
 * row with that cell missing must add the expected statistics of the completed row,
 * ∫ acc(x with xⱼ = v) p(v | observed) dv: its statistics equal those of the row repeated at
 * every quadrature node with weight w·p(v | observed)·(node weight) (the E-step's expectation,
 * exact for statistics linear in the weights), to 1e-7. A `'mixed'` family (a product) is
 * checked for linearity only: its blocks' own suites check their treatments.
 */
export function checkMissingStatistics(
  { family, X, weights, current, tolerance }: StatisticsFixture,
  domain: NormalizationDomain,
): void {
  const holed = withHoles(X);
  const fail = (what: string, difference: string | undefined): void => {
    if (difference !== undefined) {
      throw new ConformanceError('missing-statistics', `${what}: ${difference}`);
    }
  };
  const whole = accumulateAll(family, holed, weights, current);
  const split = Math.floor(X.rows / 2);
  const chunk = (start: number, end: number): unknown =>
    family.accumulate(family.createStats(X.cols), holed, start, end, weights, start, 1, current);
  fail(
    'merge(acc(A), acc(B)) differs from acc(A ∪ B)',
    compareValues(family.merge(chunk(0, split), chunk(split, X.rows)), whole, tolerance),
  );
  const doubled = weights.map((w) => 2 * w);
  fail(
    'weights doubled differ from scale(stats, 2)',
    compareValues(
      accumulateAll(family, holed, doubled, current),
      family.scale(accumulateAll(family, holed, weights, current), 2),
      tolerance,
    ),
  );
  const zeroHoled = weights.map((w, i) => (holed.missingRows?.[i] === 1 ? 0 : w));
  fail(
    'holed rows of weight 0 change the statistics',
    compareValues(
      accumulateAll(family, holed, zeroHoled, current),
      accumulateAll(family, X, zeroHoled, current),
      tolerance,
    ),
  );
  if (family.missingCells !== 'conditional') return;
  for (let column = 0; column < X.cols; column++) {
    const measure = columnMeasure(domain, column);
    if (measure === undefined) continue;
    const { nodes, weights: nodeWeights } = nodesOf(measure);
    const row = 0;
    const single = rowMissing(X, row, column);
    const marginal = logDensities(family, current, single)[0];
    const expanded = rowsAtNodes(X, row, column, nodes);
    const joint = logDensities(family, current, expanded);
    const conditional = new Float64Array(nodes.length);
    for (let t = 0; t < nodes.length; t++) {
      conditional[t] = nodeWeights[t] * Math.exp(joint[t] - marginal);
    }
    const one = Float64Array.of(1);
    fail(
      `row ${row} with column ${column} missing is not the expectation over that column`,
      compareValues(
        family.accumulate(family.createStats(X.cols), single, 0, 1, one, 0, 1, current),
        accumulateAll(family, expanded, conditional, current),
        1e-7,
      ),
    );
  }
}

/**
 * Check `missing-em-step`: one M-step from statistics of the holed data accumulated under
 * parameters θ never lowers the weighted log-likelihood of the observed cells below θ's (EM's
 * monotonicity, which marginalising missing cells must keep), from θ = the case's parameters
 * and from the step's own result; for a `'marginal'` family the first step already maximises
 * it, so a second step gains nothing (beyond rounding). A parameter floor or prior that binds
 * (pseudocounts) may keep a step below θ: list the check in `expectedFailures` then.
 */
export function checkMissingEmStep({ family, X, weights, current }: StatisticsFixture): void {
  const holed = withHoles(X);
  let params = current;
  let score = weightedLogLikelihood(family, params, holed, weights);
  for (let step = 0; step < 3; step++) {
    const next = estimateOne(family, accumulateAll(family, holed, weights, params));
    const nextScore = weightedLogLikelihood(family, next, holed, weights);
    const slack = 1e-9 * (Math.abs(score) + 1);
    if (nextScore < score - slack) {
      throw new ConformanceError(
        'missing-em-step',
        `step ${step + 1} lowers the observed-cell log-likelihood from ${score} to ${nextScore}`,
      );
    }
    if (family.missingCells === 'marginal' && step > 0 && nextScore > score + slack) {
      throw new ConformanceError(
        'missing-em-step',
        `a 'marginal' family's M-step should maximise at once, but step ${step + 1} still gains ` +
          `(${score} → ${nextScore})`,
      );
    }
    params = next;
    score = nextScore;
  }
}
