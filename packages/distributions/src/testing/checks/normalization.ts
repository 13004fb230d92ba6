import { type AnyComponentFamily, createMatrix, createRandom } from '@mixkit/core';
import { gaussLegendre } from '../gaussLegendre.js';
import { ConformanceError, logDensities, sampleMatrix } from '../helpers.js';
import type { NormalizationDomain } from '../types.js';

const MAX_POINTS = 4_000_000;
const CHUNK = 4096;

/** Check 1: the density sums / integrates to 1 over the case's domain. */
export function checkNormalization(
  family: AnyComponentFamily,
  params: unknown,
  domain: NormalizationDomain,
  seed: number,
): void {
  const d = family.dimension(params);
  let total: number;
  let tolerance: number;
  let detail = '';
  switch (domain.method) {
    case 'sum':
      total = sumOverGrid(family, params, d, domain.values, domain.where);
      tolerance = domain.tolerance ?? 1e-9;
      break;
    case 'quadrature':
      total = integrateBox(family, params, d, domain.bounds, domain.intervals);
      tolerance = domain.tolerance ?? 1e-6;
      break;
    case 'monte-carlo': {
      const result = importanceSample(family, params, d, domain.draws ?? 200_000, seed);
      total = result.estimate;
      tolerance = domain.tolerance ?? 0.02;
      detail = ` (standard error ${result.standardError.toExponential(2)})`;
      break;
    }
  }
  if (!(Math.abs(total - 1) <= tolerance)) {
    throw new ConformanceError(
      'normalization',
      `the density ${domain.method === 'sum' ? 'sums' : 'integrates'} to ${total}${detail}, ` +
        `not 1 within ${tolerance} (${domain.method})`,
    );
  }
}

/** Σ exp(log p) over the Cartesian product of the per-column values. */
function sumOverGrid(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  values: readonly (readonly number[])[],
  where: ((row: Float64Array) => boolean) | undefined,
): number {
  if (values.length !== d) {
    throw new ConformanceError('normalization', `values has ${values.length} columns, not ${d}`);
  }
  let count = 1;
  for (const column of values) count *= column.length;
  if (count > MAX_POINTS) {
    throw new ConformanceError('normalization', `the grid has ${count} points (max ${MAX_POINTS})`);
  }
  const chunk = createMatrix(CHUNK, d);
  const out = new Float64Array(CHUNK);
  const index = new Array<number>(d).fill(0);
  const row = new Float64Array(d);
  let filled = 0;
  let total = 0;
  const flush = (): void => {
    family.logDensity(params, chunk, 0, filled, out, 0, 1);
    for (let i = 0; i < filled; i++) total += Math.exp(out[i]!);
    filled = 0;
  };
  for (let point = 0; point < count; point++) {
    for (let j = 0; j < d; j++) row[j] = values[j]![index[j]!]!;
    if (where === undefined || where(row)) {
      chunk.data.set(row, filled * d);
      filled += 1;
      if (filled === CHUNK) flush();
    }
    // Odometer increment over the grid.
    for (let j = d - 1; j >= 0; j--) {
      index[j]! += 1;
      if (index[j]! < values[j]!.length) break;
      index[j] = 0;
    }
  }
  if (filled > 0) flush();
  return total;
}

/** Composite Gauss–Legendre quadrature of exp(log p) over a 1-D or 2-D box. */
function integrateBox(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  bounds: readonly (readonly [number, number])[],
  intervals: number | undefined,
): number {
  if (bounds.length !== d || d > 2) {
    throw new ConformanceError(
      'normalization',
      `quadrature needs bounds for each of 1 or 2 columns (dimension ${d}, ${bounds.length} bounds)`,
    );
  }
  const rule = gaussLegendre(16);
  const panels = intervals ?? (d === 1 ? 400 : 60);
  // Nodes and weights of the composite rule along each axis.
  const axes = bounds.map(([low, high]) => {
    const width = (high - low) / panels;
    const nodes = new Float64Array(panels * 16);
    const weights = new Float64Array(panels * 16);
    for (let p = 0; p < panels; p++) {
      for (let q = 0; q < 16; q++) {
        nodes[p * 16 + q] = low + width * (p + 0.5 + 0.5 * rule.nodes[q]!);
        weights[p * 16 + q] = 0.5 * width * rule.weights[q]!;
      }
    }
    return { nodes, weights };
  });
  const first = axes[0]!;
  const second = axes[1];
  const rows = second === undefined ? 1 : second.nodes.length;
  const X = createMatrix(first.nodes.length, d);
  const out = new Float64Array(first.nodes.length);
  let total = 0;
  for (let b = 0; b < rows; b++) {
    for (let a = 0; a < first.nodes.length; a++) {
      X.data[a * d] = first.nodes[a]!;
      if (second !== undefined) X.data[a * d + 1] = second.nodes[b]!;
    }
    family.logDensity(params, X, 0, X.rows, out, 0, 1);
    let line = 0;
    for (let a = 0; a < first.nodes.length; a++) line += first.weights[a]! * Math.exp(out[a]!);
    total += second === undefined ? line : second.weights[b]! * line;
  }
  return total;
}

/**
 * Importance sampling with a product of Cauchy proposals: location the median and scale the
 * inter-quartile half-range of a pilot sample from the family (so the proposal is placed by the
 * family's own sampler but its density is independent of the family's log-density).
 */
function importanceSample(
  family: AnyComponentFamily,
  params: unknown,
  d: number,
  draws: number,
  seed: number,
): { estimate: number; standardError: number } {
  const random = createRandom(seed);
  const pilot = sampleMatrix(family, params, 2000, random);
  const location = new Float64Array(d);
  const scale = new Float64Array(d);
  const column = new Float64Array(pilot.rows);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < pilot.rows; i++) column[i] = pilot.data[i * d + j]!;
    column.sort();
    const quartile = (q: number): number => column[Math.floor(q * (pilot.rows - 1))]!;
    location[j] = quartile(0.5);
    scale[j] = Math.max(quartile(0.75) - quartile(0.25), 1e-12);
  }
  const X = createMatrix(CHUNK, d);
  const logProposal = new Float64Array(CHUNK);
  let sum = 0;
  let sumSquares = 0;
  for (let done = 0; done < draws; done += CHUNK) {
    const n = Math.min(CHUNK, draws - done);
    for (let i = 0; i < n; i++) {
      let logQ = 0;
      for (let j = 0; j < d; j++) {
        const z = Math.tan(Math.PI * (random.uniform() - 0.5));
        X.data[i * d + j] = location[j]! + scale[j]! * z;
        logQ -= Math.log(Math.PI * scale[j]! * (1 + z * z));
      }
      logProposal[i] = logQ;
    }
    const logP = logDensities(family, params, {
      rows: n,
      cols: d,
      data: X.data.subarray(0, n * d),
    });
    for (let i = 0; i < n; i++) {
      const ratio = Math.exp(logP[i]! - logProposal[i]!);
      sum += ratio;
      sumSquares += ratio * ratio;
    }
  }
  const estimate = sum / draws;
  const variance = Math.max(sumSquares / draws - estimate * estimate, 0);
  return { estimate, standardError: Math.sqrt(variance / draws) };
}
