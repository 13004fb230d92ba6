import { type AnyComponentFamily, createMatrix, createRandom } from '@mixkit/core';
import { gaussLegendre } from '../gaussLegendre.js';
import { ConformanceError, logDensities, sampleMatrix } from '../helpers.js';
import type { GridColumn, NormalizationDomain } from '../types.js';

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
  if (domain.method === 'monte-carlo') {
    const result = importanceSample(family, params, d, domain.draws ?? 200_000, seed);
    total = result.estimate;
    tolerance = domain.tolerance ?? 0.02;
    detail = ` (standard error ${result.standardError.toExponential(2)})`;
  } else {
    const columns = gridColumns(domain, d);
    const continuous = columns.some((column) => 'bounds' in column);
    total = sumOverGrid(family, params, columns, 'where' in domain ? domain.where : undefined);
    tolerance = domain.tolerance ?? (continuous ? 1e-6 : 1e-9);
  }
  if (!(Math.abs(total - 1) <= tolerance)) {
    throw new ConformanceError(
      'normalization',
      `the density sums/integrates to ${total}${detail}, not 1 within ${tolerance} (${domain.method})`,
    );
  }
}

/** The `sum` and `quadrature` shorthands as grid columns. */
function gridColumns(
  domain: Exclude<NormalizationDomain, { method: 'monte-carlo' }>,
  d: number,
): readonly GridColumn[] {
  let columns: readonly GridColumn[];
  switch (domain.method) {
    case 'sum':
      columns = domain.values.map((values) => ({ values }));
      break;
    case 'quadrature': {
      if (domain.bounds.length > 2) {
        throw new ConformanceError(
          'normalization',
          'quadrature is for 1 or 2 columns; use monte-carlo',
        );
      }
      const intervals = domain.intervals ?? (domain.bounds.length === 1 ? 400 : 60);
      columns = domain.bounds.map((bounds) => ({ bounds, intervals }));
      break;
    }
    case 'grid':
      columns = domain.columns;
      break;
  }
  if (columns.length !== d) {
    throw new ConformanceError(
      'normalization',
      `the domain has ${columns.length} columns, not ${d}`,
    );
  }
  return columns;
}

/** Nodes and weights along one axis: weight 1 per discrete value, Gauss–Legendre on intervals. */
function axis(column: GridColumn): { nodes: Float64Array; weights: Float64Array } {
  if ('values' in column) {
    return {
      nodes: Float64Array.from(column.values),
      weights: new Float64Array(column.values.length).fill(1),
    };
  }
  const rule = gaussLegendre(16);
  const panels = column.intervals ?? 100;
  const [low, high] = column.bounds;
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
}

/**
 * Σ (Π weights) · exp(log p) over the tensor grid. Each chunk of points is a fresh matrix, so a
 * family that caches per data buffer (like `product`) never sees a buffer change under it.
 */
function sumOverGrid(
  family: AnyComponentFamily,
  params: unknown,
  columns: readonly GridColumn[],
  where: ((row: Float64Array) => boolean) | undefined,
): number {
  const d = columns.length;
  const axes = columns.map(axis);
  let count = 1;
  for (const { nodes } of axes) count *= nodes.length;
  if (count > MAX_POINTS) {
    throw new ConformanceError('normalization', `the grid has ${count} points (max ${MAX_POINTS})`);
  }
  let chunk = createMatrix(CHUNK, d);
  let chunkWeights = new Float64Array(CHUNK);
  const out = new Float64Array(CHUNK);
  const index = new Array<number>(d).fill(0);
  const row = new Float64Array(d);
  let filled = 0;
  let total = 0;
  const flush = (): void => {
    family.logDensity(params, chunk, 0, filled, out, 0, 1);
    for (let i = 0; i < filled; i++) total += chunkWeights[i]! * Math.exp(out[i]!);
    filled = 0;
    chunk = createMatrix(CHUNK, d);
    chunkWeights = new Float64Array(CHUNK);
  };
  for (let point = 0; point < count; point++) {
    let weight = 1;
    for (let j = 0; j < d; j++) {
      row[j] = axes[j]!.nodes[index[j]!]!;
      weight *= axes[j]!.weights[index[j]!]!;
    }
    if (where === undefined || where(row)) {
      chunk.data.set(row, filled * d);
      chunkWeights[filled] = weight;
      filled += 1;
      if (filled === CHUNK) flush();
    }
    // Odometer increment over the grid.
    for (let j = d - 1; j >= 0; j--) {
      index[j]! += 1;
      if (index[j]! < axes[j]!.nodes.length) break;
      index[j] = 0;
    }
  }
  if (filled > 0) flush();
  return total;
}

/**
 * Importance sampling with a product of Cauchy proposals: location the median and scale the
 * inter-quartile range of a pilot sample from the family (so the proposal is placed by the
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
  let sum = 0;
  let sumSquares = 0;
  for (let done = 0; done < draws; done += CHUNK) {
    const n = Math.min(CHUNK, draws - done);
    const X = createMatrix(n, d);
    const logProposal = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let logQ = 0;
      for (let j = 0; j < d; j++) {
        const z = Math.tan(Math.PI * (random.uniform() - 0.5));
        X.data[i * d + j] = location[j]! + scale[j]! * z;
        logQ -= Math.log(Math.PI * scale[j]! * (1 + z * z));
      }
      logProposal[i] = logQ;
    }
    const logP = logDensities(family, params, X);
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
