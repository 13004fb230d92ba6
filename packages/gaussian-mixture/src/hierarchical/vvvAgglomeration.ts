import { InvalidInputError, type Matrix } from '@mixkit/core';
import { TriangularFactor } from './triangularFactor.js';

/** Options of the agglomeration: mclust's `hcVVV(alpha, beta)`. */
export interface VvvAgglomerationOptions {
  /** Multiplies the regularising trace term α = tr(W)/(n·p) of the whole data. Default 1. */
  readonly alpha?: number;
  /** Default 1. */
  readonly beta?: number;
  /**
   * How a merged cluster's scatter factor is kept. mclust (6.0 to 6.1.3) stores, for a cluster
   * formed by a merge, the first row of its triangular factor in place of every row (in
   * `hcvvv`'s merge loop, `dcopy(p, r(1,1), p, x(l,1), n)` copies row 1 each time), so the
   * determinants of later merges built on that cluster are not those of its scatter. The
   * criterion is dominated by its trace term while clusters are small, and the difference shows
   * in the last merges (wreath: the partitions into 2 and 3 groups). `'mclust'` (default)
   * reproduces it, so the partitions, and the EM starts of `Mclust()`, are mclust's; `'exact'`
   * keeps the true factor.
   */
  readonly factorStorage?: 'mclust' | 'exact';
}

/**
 * The merges of a model-based agglomeration: merge m joined the clusters in slots
 * `merges[2m] < merges[2m + 1]`, the merged cluster taking the first slot and the cluster in the
 * last slot moving into the second (the slot bookkeeping of mclust's `hcvvv`).
 */
export interface AgglomerationMerges {
  readonly n: number;
  readonly merges: Int32Array;
}

const RTHALF = Math.SQRT1_2;

/** The most pair costs kept (2 GiB of doubles), and the rows that gives. */
const MAX_PAIRS = 2 ** 28;
const MAX_ROWS = Math.floor((1 + Math.sqrt(1 + 8 * MAX_PAIRS)) / 2);

/**
 * Model-based hierarchical agglomeration for the unconstrained (VVV) Gaussian model (Banfield &
 * Raftery 1993; Fraley 1998), as mclust's `hcVVV` computes it: starting from singletons, merge
 * the pair of clusters whose union least increases the regularised classification criterion
 * Σ_C n_C·log(det(W_C/n_C) + β·(tr W_C + α)/n_C) (for clusters of at most p points only the
 * trace term: n_C·log(β·(tr W_C + α)/n_C); a singleton counts log(α·β)), with
 * α = tr(W)/(n·p) of the whole data. Pair costs live in a packed lower triangle; after a merge
 * only the new cluster's pairs are recomputed, and ties go to the last pair in packed order, as
 * in mclust. Each cluster keeps √n·mean, the trace of its scatter, its criterion term and the
 * triangular factor of its scatter (updated by Givens rotations, `TriangularFactor`).
 * O(n²) memory for the pair costs and O(n²·p³) time: the cheapest pair is found from per-column
 * minima kept as merges rewrite pairs, where mclust scans all O(n²) pairs per merge (O(n³)).
 */
export function vvvAgglomeration(
  Z: Matrix,
  options: VvvAgglomerationOptions = {},
): AgglomerationMerges {
  const { rows: n, cols: p } = Z;
  const pairs = (n * (n - 1)) / 2;
  if (pairs > MAX_PAIRS) {
    throw new InvalidInputError(
      { argument: 'X', value: `${n} rows` },
      `the agglomeration keeps a cost for each of the n(n − 1)/2 pairs of rows (${((pairs * 8) / 2 ** 30).toFixed(1)} GiB here); at most ${MAX_ROWS} rows: run it on a subset (mclust() does above 2000 rows)`,
    );
  }
  const merges = new Int32Array(2 * Math.max(n - 1, 0));
  if (n < 2) return { n, merges };
  const beta = options.beta ?? 1;
  const alpha = Math.max(((options.alpha ?? 1) * traceOfScatter(Z)) / (n * p), Number.EPSILON);
  const abLog = Math.log(beta * alpha);
  const mclustStorage = (options.factorStorage ?? 'mclust') === 'mclust';
  const term = (l: number, factor: TriangularFactor, s: number, trace: number): number => {
    let value: number;
    if (l <= p) value = Math.log((beta * (trace + alpha)) / l);
    else if (trace === 0) value = Math.log((alpha * beta) / l);
    else {
      const detLog = factor.logDeterminant(s);
      const traceTerm = (beta * (trace + alpha)) / l;
      if (detLog === Number.NEGATIVE_INFINITY) value = Math.log(traceTerm);
      else if (detLog <= 0) value = Math.log(Math.exp(detLog) + traceTerm);
      else value = Math.log(1 + Math.exp(-detLog) * traceTerm) + detLog;
    }
    return l * value;
  };

  const count = new Int32Array(n).fill(1);
  const x = Float64Array.from(Z.data);
  const traces = new Float64Array(n);
  const terms = new Float64Array(n).fill(abLog);
  const factors: (TriangularFactor | undefined)[] = new Array(n).fill(undefined);
  const d = new Float64Array((n * (n - 1)) / 2);
  const v = new Float64Array(p);
  const scratch = new Float64Array(p);
  const candidate = new TriangularFactor(p);
  const best = new TriangularFactor(p);

  // The pair (i, j), i < j, lives at j(j − 1)/2 + i. Column j (the pairs (·, j)) keeps its
  // cheapest entry, ties to the larger i, so finding the cheapest pair overall scans columns,
  // not pairs: O(n) per merge instead of mclust's O(n²), for the same pair (see `cheapestPair`).
  const columns = new ColumnMinima(n);
  let dopt = Number.POSITIVE_INFINITY;
  let iopt = 0;
  let jopt = 1;
  for (let j = 1, ij = 0; j < n; j++) {
    for (let i = 0; i < j; i++, ij++) {
      let trace = 0;
      for (let c = 0; c < p; c++) {
        const value = (x[i * p + c] - x[j * p + c]) * RTHALF;
        trace += value * value;
      }
      const cost = 2 * Math.log((beta * (trace + alpha)) / 2) - (abLog + abLog);
      d[ij] = cost;
      if (cost <= dopt) {
        dopt = cost;
        iopt = i;
        jopt = j;
      }
    }
    columns.rescan(d, j);
  }
  // The chosen pair's merge, recomputed from its clusters (mclust's decode step).
  let nopt = 0;
  let siop = 0;
  let sjop = 0;
  let trop = 0;
  let tmop = 0;
  const decode = (): void => {
    const ni = count[iopt];
    const nj = count[jopt];
    nopt = ni + nj;
    if (ni === 1 && nj === 1) {
      siop = RTHALF;
      sjop = RTHALF;
      trop = 0;
      for (let c = 0; c < p; c++) {
        v[c] = (x[iopt * p + c] - x[jopt * p + c]) * RTHALF;
        trop += v[c] * v[c];
      }
      best.clear();
    } else {
      siop = Math.sqrt(ni / nopt);
      sjop = Math.sqrt(nj / nopt);
      trop = ni > 1 && nj > 1 ? traces[iopt] + traces[jopt] : ni > 1 ? traces[iopt] : traces[jopt];
      let dot = 0;
      for (let c = 0; c < p; c++) {
        v[c] = sjop * x[iopt * p + c] - siop * x[jopt * p + c];
        dot += v[c] * v[c];
      }
      trop += dot;
      if (nj > 1) {
        best.copyFrom(factors[jopt] as TriangularFactor);
        if (ni > 1) best.addFactor(factors[iopt] as TriangularFactor, scratch);
      } else {
        best.copyFrom(factors[iopt] as TriangularFactor);
      }
    }
    best.addRow(v);
    tmop = dopt + (terms[iopt] + terms[jopt]);
  };
  decode();

  let lg = n;
  for (let step = 0; step < n - 1; step++) {
    merges[2 * step] = iopt;
    merges[2 * step + 1] = jopt;
    if (step === n - 2) break;
    // The merged cluster's √n·mean, before the last slot moves into jopt.
    for (let c = 0; c < p; c++) v[c] = siop * x[iopt * p + c] + sjop * x[jopt * p + c];
    const last = lg - 1;
    const moved = jopt !== last;
    if (moved) {
      for (let k = 0; k < last; k++) {
        if (k === jopt) continue;
        d[k < jopt ? pairIndex(k, jopt) : pairIndex(jopt, k)] = d[pairIndex(k, last)];
      }
      x.copyWithin(jopt * p, last * p, last * p + p);
      count[jopt] = count[last];
      traces[jopt] = traces[last];
      terms[jopt] = terms[last];
      const kept = factors[jopt];
      factors[jopt] = factors[last];
      factors[last] = kept;
    }
    x.set(v, iopt * p);
    count[iopt] = nopt;
    traces[iopt] = trop;
    terms[iopt] = tmop;
    const merged = factors[iopt] ?? new TriangularFactor(p);
    factors[iopt] = merged.copyFrom(best);
    if (mclustStorage) keepFirstRow(merged);
    lg--;

    // The new cluster's pair costs.
    const iold = iopt;
    const ni = nopt;
    let newBest = Number.POSITIVE_INFINITY;
    let newI = 0;
    let newJ = 0;
    let newSi = 0;
    let newSj = 0;
    let newTrace = 0;
    let newTerm = 0;
    for (let j = 0; j < lg; j++) {
      if (j === iold) continue;
      const nj = count[j];
      const nij = ni + nj;
      const si = Math.sqrt(ni / nij);
      const sj = Math.sqrt(nj / nij);
      let dot = 0;
      for (let c = 0; c < p; c++) {
        v[c] = si * x[j * p + c] - sj * x[iold * p + c];
        dot += v[c] * v[c];
      }
      candidate.copyFrom(merged);
      let trace: number;
      if (nj === 1) {
        trace = traces[iold] + dot;
      } else {
        candidate.addFactor(factors[j] as TriangularFactor, scratch);
        trace = traces[iold] + traces[j] + dot;
      }
      candidate.addRow(v);
      const tm = term(nij, candidate, Math.sqrt(1 / nij), trace);
      const cost = tm - (terms[iold] + terms[j]);
      d[j < iold ? pairIndex(j, iold) : pairIndex(iold, j)] = cost;
      if (cost <= newBest) {
        newBest = cost;
        newI = Math.min(j, iold);
        newJ = Math.max(j, iold);
        newSi = j < iold ? sj : si;
        newSj = j < iold ? si : sj;
        newTrace = trace;
        newTerm = tm;
        best.copyFrom(candidate);
      }
    }

    // Column minima after this merge: columns iold and jopt were rewritten; every later column
    // changed in rows iold and jopt only.
    columns.rescan(d, iold);
    if (moved) columns.rescan(d, jopt);
    for (let j = iold + 1; j < lg; j++) {
      if (j === jopt && moved) continue;
      columns.changed(d, j, iold, moved && jopt < j ? jopt : -1);
    }
    const at = columns.cheapestPair(d, lg);
    dopt = d[at];
    jopt = Math.floor((1 + Math.sqrt(1 + 8 * at)) / 2);
    while (pairIndex(0, jopt) > at) jopt--;
    while (pairIndex(0, jopt + 1) <= at) jopt++;
    iopt = at - pairIndex(0, jopt);
    if (iopt === newI && jopt === newJ) {
      nopt = count[iopt] + count[jopt];
      siop = newSi;
      sjop = newSj;
      trop = newTrace;
      tmop = newTerm;
    } else {
      decode();
    }
  }
  return { n, merges };
}

/**
 * The factor as mclust stores a merged cluster's (see `factorStorage`): row k becomes row 0 from
 * column k on, [0 … 0, R₀ₖ … R₀,ₚ₋₁].
 */
function keepFirstRow(factor: TriangularFactor): void {
  const { p, data } = factor;
  for (let r = 1; r < factor.rows; r++) {
    for (let c = 0; c < p; c++) data[r * p + c] = c >= r ? data[c] : 0;
  }
}

/**
 * The cheapest entry of each column of the packed pair costs (NaN never counts; ties to the
 * larger row), kept up to date as merges rewrite entries, so that the cheapest pair overall is
 * the one mclust's scan of every pair finds: the last in packed order among the cheapest.
 */
class ColumnMinima {
  private readonly value: Float64Array;
  private readonly row: Int32Array;

  constructor(n: number) {
    this.value = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.row = new Int32Array(n).fill(-1);
  }

  /** Recomputes column j from its entries (rows 0 … j − 1). */
  rescan(d: Float64Array, j: number): void {
    const start = pairIndex(0, j);
    let best = Number.POSITIVE_INFINITY;
    let row = -1;
    for (let i = 0; i < j; i++) {
      if (d[start + i] <= best) {
        best = d[start + i];
        row = i;
      }
    }
    this.value[j] = best;
    this.row[j] = row;
  }

  /** Column j changed in row a and in row b (−1: none) only. */
  changed(d: Float64Array, j: number, a: number, b: number): void {
    const row = this.row[j];
    if (row === a || row === b) {
      // Its cheapest entry changed, and may have grown: only a rescan knows.
      this.rescan(d, j);
      return;
    }
    this.offer(d, j, a);
    if (b >= 0) this.offer(d, j, b);
  }

  private offer(d: Float64Array, j: number, i: number): void {
    const cost = d[pairIndex(i, j)];
    if (cost < this.value[j] || (cost === this.value[j] && i > this.row[j])) {
      this.value[j] = cost;
      this.row[j] = i;
    }
  }

  /**
   * The packed index of the pair mclust's scan picks among the first `lg` slots: it starts from
   * entry 0 and takes every later entry at most as costly, so a NaN entry 0 stays chosen, and
   * otherwise the cheapest entry wins, ties to the last in packed order (the larger column, then
   * the larger row).
   */
  cheapestPair(d: Float64Array, lg: number): number {
    if (Number.isNaN(d[0])) return 0;
    let best = Number.POSITIVE_INFINITY;
    let column = -1;
    for (let j = 1; j < lg; j++) {
      if (this.row[j] >= 0 && this.value[j] <= best) {
        best = this.value[j];
        column = j;
      }
    }
    return column < 0 ? 0 : pairIndex(this.row[column], column);
  }
}

function pairIndex(i: number, j: number): number {
  return (j * (j - 1)) / 2 + i;
}

/** tr W = Σᵢⱼ (xᵢⱼ − meanⱼ)², mclust's `traceW`. */
function traceOfScatter(Z: Matrix): number {
  const { rows: n, cols: p, data } = Z;
  let total = 0;
  for (let c = 0; c < p; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * p + c];
    mean /= n;
    for (let i = 0; i < n; i++) {
      const value = data[i * p + c] - mean;
      total += value * value;
    }
  }
  return total;
}
