import { InvalidInputError, type Matrix } from '@mixkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { randomMatrix, seeded } from '../test/helpers.js';
import { setKernelCompilation } from './kernelCompilation.js';
import { NearestCenters } from './nearestCenters.js';
import { rowSquaredNorms, squaredDistance, squaredDistances } from './squaredDistances.js';

afterEach(() => {
  setKernelCompilation(true);
});

/** Lloyd's labels: the argmin of `squaredDistances`, lowest index on ties. */
function lloydLabels(X: Matrix, C: Matrix): Int32Array {
  const D = squaredDistances(X, 0, X.rows, C);
  const labels = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = 0;
    for (let j = 1; j < C.rows; j++) if (D[i * C.rows + j] < D[i * C.rows + best]) best = j;
    labels[i] = best;
  }
  return labels;
}

/**
 * Overlapping clusters plus rows built to be exactly or nearly equidistant from two centres
 * (the midpoint of two centres, nudged by 1e-9 to 1e-5 of their distance), where float32
 * alone would guess.
 */
function hardCase(n: number, d: number, k: number, seed: number): { X: Matrix; C: Matrix } {
  const random = seeded(seed);
  const C = randomMatrix(random, k, d, 1);
  const X = randomMatrix(random, n, d, 1.2);
  for (let i = 0; i < n; i += 3) {
    const a = random.integer(k);
    const b = random.integer(k);
    const nudge = i % 2 === 0 ? 0 : 10 ** -(5 + (i % 5));
    for (let t = 0; t < d; t++) {
      X.data[i * d + t] =
        0.5 * (C.data[a * d + t] + C.data[b * d + t]) +
        nudge * (C.data[a * d + t] - C.data[b * d + t]);
    }
  }
  return { X, C };
}

const SHAPES = [
  [1, 1],
  [2, 1],
  [2, 5],
  [3, 4],
  [7, 9],
  [16, 8],
  [17, 13],
  [32, 32],
  // The screen's tile of 8 rows, transposed 4 columns at a time and the rest one by one, its
  // centres 4 per pass: d of every remainder mod 4, k4 from 8 to 40 (700 rows: a last tile of 4).
  [5, 40],
  [6, 27],
  [35, 6],
  [64, 33],
  [65, 64],
  [128, 12],
] as const;

describe('NearestCenters', () => {
  it('fusesLloyd(k, d) says before any rows are placed whether a search runs fused', () => {
    for (const enabled of [true, false]) {
      setKernelCompilation(enabled);
      for (const [d, k] of SHAPES) {
        const { X } = hardCase(64, d, k, 7 * d + k);
        expect(NearestCenters.fusesLloyd(k, d)).toBe(new NearestCenters(X, k).fusedLloyd);
      }
      expect(NearestCenters.fusesLloyd(8, 16)).toBe(enabled);
      expect(NearestCenters.fusesLloyd(8, 17)).toBe(false);
    }
  });

  for (const screened of [true, false]) {
    it(`gives Lloyd's labels exactly, with valid bounds (${screened ? 'float32 screen' : 'float64 only'})`, () => {
      if (!screened) setKernelCompilation(false);
      for (const [d, k] of SHAPES) {
        const { X, C } = hardCase(700, d, k, 31 * d + k);
        const search = new NearestCenters(X, k);
        // With WebAssembly: the screen for large k·d, the fused float64 kernels for small.
        expect(search.screened || search.fusedLloyd).toBe(screened);
        expect(search.screened && search.fusedLloyd).toBe(false);
        search.setCenters(C, rowSquaredNorms(C));
        const expected = lloydLabels(X, C);
        const n = X.rows;
        // All rows as a range, then every third row as a list (in reverse order).
        const labels = new Int32Array(n);
        const upper = new Float64Array(n);
        const lower = new Float64Array(n);
        search.nearest(null, 0, n, labels, upper, lower);
        expect(Array.from(labels)).toEqual(Array.from(expected));
        const list = Int32Array.from({ length: Math.ceil(n / 3) }, (_, p) => n - 1 - 3 * p);
        const listed = new Int32Array(list.length);
        search.nearest(list, 0, list.length, listed);
        expect(Array.from(listed)).toEqual(Array.from(list, (i) => expected[i]));
        for (let i = 0; i < n; i++) {
          const own = squaredDistance(X.data, i * d, C.data, labels[i] * d, d);
          expect(upper[i]).toBeGreaterThanOrEqual(own * (1 - 1e-13));
          for (let j = 0; j < k; j++) {
            if (j === labels[i]) continue;
            const other = squaredDistance(X.data, i * d, C.data, j * d, d);
            expect(lower[i]).toBeLessThanOrEqual(other * (1 + 1e-13));
          }
          if (k === 1) expect(lower[i]).toBe(Number.POSITIVE_INFINITY);
        }
        if (search.screened && k > 1) {
          // The near-ties are decided in float64; nearly all other rows by the screen.
          expect(search.exactRows).toBeGreaterThan(0);
          expect(search.exactRows).toBeLessThan(0.6 * search.decidedRows);
        }
      }
    });
  }

  for (const screened of [true, false]) {
    it(`nearestDistances gives nearest's labels and the square roots of its bounds, bit for bit (${screened ? 'float32 screen' : 'float64 only'})`, () => {
      if (!screened) setKernelCompilation(false);
      for (const [d, k] of SHAPES) {
        const { X, C } = hardCase(700, d, k, 13 * d + k);
        const search = new NearestCenters(X, k);
        search.setCenters(C, rowSquaredNorms(C));
        const n = X.rows;
        const list = Int32Array.from({ length: Math.ceil(n / 2) }, (_, p) => 2 * p);
        for (const [rows, count] of [
          [null, n],
          [list, list.length],
        ] as const) {
          const labels = new Int32Array(count);
          const upper = new Float64Array(count);
          const lower = new Float64Array(count);
          search.nearest(rows, 0, count, labels, upper, lower);
          const rootLabels = new Int32Array(count).fill(-2);
          const rootUpper = new Float64Array(count);
          const rootLower = new Float64Array(count);
          search.nearestDistances(rows, 0, count, rootLabels, rootUpper, rootLower);
          expect(Array.from(rootLabels)).toEqual(Array.from(labels));
          expect(Array.from(rootUpper)).toEqual(Array.from(upper, Math.sqrt));
          expect(Array.from(rootLower)).toEqual(Array.from(lower, Math.sqrt));
          // Without bounds, the same labels.
          const plain = new Int32Array(count).fill(-2);
          search.nearest(rows, 0, count, plain);
          expect(Array.from(plain)).toEqual(Array.from(labels));
        }
      }
    });
  }

  it("unsettledRows lists the rows Hamerly's bound test does not settle; hamerlyCentersMoved updates the screen's bounds", () => {
    for (const enabled of [true, false]) {
      setKernelCompilation(enabled);
      const d = 24;
      const k = 12;
      const { X, C } = hardCase(5000, d, k, 91);
      const search = new NearestCenters(X, k);
      expect(search.screened).toBe(enabled);
      const bounds = search.hamerlyBounds;
      if (!enabled) {
        expect(bounds).toBeUndefined();
        expect(search.unsettledRows(new Int32Array(X.rows), new Float64Array(k), 0, 10)).toBe(
          undefined,
        );
        continue;
      }
      if (bounds === undefined) throw new Error('the screen has no bounds');
      search.setCenters(C, rowSquaredNorms(C));
      const n = X.rows;
      const labels = new Int32Array(n);
      search.nearestDistances(null, 0, n, labels, bounds.upper, bounds.lower);
      // Move the centres a little, as an iteration would, and update the bounds.
      const random = seeded(5);
      const moved = Float64Array.from(C.data, (v) => v + 0.05 * random.normal());
      const shifts = new Float64Array(k);
      for (let j = 0; j < k; j++)
        shifts[j] = Math.sqrt(squaredDistance(C.data, j * d, moved, j * d, d));
      const upper = Float64Array.from(bounds.upper);
      const lower = Float64Array.from(bounds.lower);
      expect(search.hamerlyCentersMoved(shifts, labels)).toBe(true);
      const largest = Math.max(...shifts);
      for (let i = 0; i < n; i++) {
        expect(bounds.upper[i]).toBe(upper[i] + shifts[labels[i]]);
        const other = Math.max(...Array.from(shifts).filter((_, j) => j !== labels[i]));
        expect(bounds.lower[i]).toBe(lower[i] - other);
        expect(other).toBeLessThanOrEqual(largest);
      }
      const next: Matrix = { rows: k, cols: d, data: moved };
      search.setCenters(next, rowSquaredNorms(next));
      const halfGaps = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          if (a === b) continue;
          const gap = 0.5 * Math.sqrt(squaredDistance(moved, a * d, moved, b * d, d));
          halfGaps[a] = Math.min(halfGaps[a], gap);
        }
      }
      const expected: number[] = [];
      const listed: number[] = [];
      for (let first = 0; first < n; first += NearestCenters.filterRows) {
        const count = Math.min(NearestCenters.filterRows, n - first);
        const list = search.unsettledRows(labels, halfGaps, first, count);
        listed.push(...Array.from(list ?? []));
      }
      for (let i = 0; i < n; i++) {
        const u = bounds.upper[i];
        const L = Math.max(bounds.lower[i], 2 * halfGaps[labels[i]] - u);
        if (!(L > 0 && L * L > u * u + search.margin(i))) expected.push(i);
      }
      expect(listed).toEqual(expected);
      // Some rows are settled and some not: the test can tell either way.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(n);
      // A settled row keeps Lloyd's label for the moved centres.
      const lloyd = lloydLabels(X, next);
      const unsettled = new Set(expected);
      for (let i = 0; i < n; i++) if (!unsettled.has(i)) expect(labels[i]).toBe(lloyd[i]);
    }
  });

  it("hamerlySearch gives nearestDistances' labels and bounds, at the rows, and reports the changed rows in order", () => {
    const d = 24;
    const k = 12;
    const { X, C } = hardCase(9000, d, k, 17);
    const search = new NearestCenters(X, k);
    const bounds = search.hamerlyBounds;
    if (!search.screened || bounds === undefined) throw new Error('expected the screen');
    search.setCenters(C, rowSquaredNorms(C));
    const n = X.rows;
    const labels = new Int32Array(n);
    const upper = new Float64Array(n);
    const lower = new Float64Array(n);
    search.nearestDistances(null, 0, n, labels, upper, lower);
    // Previous labels: Lloyd's, except every fifth row, which is off by one centre.
    const previous = labels.map((a, i) => (i % 5 === 0 ? (a + 1) % k : a));
    const list = Int32Array.from({ length: Math.ceil(n / 3) }, (_, p) => 3 * p);
    for (const [rows, count] of [
      [null, n],
      [list, list.length],
    ] as const) {
      bounds.upper.fill(-1);
      bounds.lower.fill(-1);
      const changedRows: number[] = [];
      const changedLabels: number[] = [];
      for (let first = 0; first < count; first += NearestCenters.filterRows) {
        const m = Math.min(NearestCenters.filterRows, count - first);
        const changes =
          rows === null
            ? search.hamerlySearch(null, first, m, previous)
            : search.hamerlySearch(rows.subarray(first, first + m), 0, m, previous);
        if (changes === undefined) throw new Error('expected the screen');
        changedRows.push(...changes.rows);
        changedLabels.push(...changes.labels);
      }
      const searched = rows === null ? Array.from({ length: n }, (_, i) => i) : Array.from(rows);
      const expected = searched.filter((i) => labels[i] !== previous[i]);
      expect(changedRows).toEqual(expected);
      expect(changedLabels).toEqual(expected.map((i) => labels[i]));
      for (const i of searched) {
        expect(bounds.upper[i]).toBe(upper[i]);
        expect(bounds.lower[i]).toBe(lower[i]);
      }
      // Rows not searched keep their bounds.
      if (rows !== null) expect(bounds.upper[1]).toBe(-1);
    }
  });

  it('lloydStep gives the same labels, sums and totals as Lloyd and a row-order loop, bit for bit', () => {
    let fusedShapes = 0;
    for (const [d, k] of SHAPES) {
      const { X, C } = hardCase(701, d, k, 7 * d + k);
      const random = seeded(d + 100 * k);
      const weights = Float64Array.from({ length: X.rows }, (_, i) =>
        i % 7 === 0 ? 0 : 0.5 + random.uniform(),
      );
      const search = new NearestCenters(X, k, { weights });
      if (!search.fusedLloyd) continue;
      fusedShapes++;
      search.setCenters(C, rowSquaredNorms(C));
      const labels = new Int32Array(X.rows).fill(-1);
      labels[5] = 0;
      const sums = new Float64Array(k * d).fill(9);
      const totals = new Float64Array(k).fill(9);
      const changed = search.lloydStep(labels, sums, totals);
      const expected = lloydLabels(X, C);
      expect(Array.from(labels)).toEqual(Array.from(expected));
      expect(changed).toBe(expected[5] === 0 ? X.rows - 1 : X.rows);
      const plainSums = new Float64Array(k * d);
      const plainTotals = new Float64Array(k);
      for (let i = 0; i < X.rows; i++) {
        const w = weights[i];
        if (w === 0) continue;
        const a = expected[i];
        plainTotals[a] += w;
        for (let t = 0; t < d; t++) plainSums[a * d + t] += X.data[i * d + t] * w;
      }
      expect(Array.from(sums)).toEqual(Array.from(plainSums));
      expect(Array.from(totals)).toEqual(Array.from(plainTotals));
      // A second step from these labels changes none.
      expect(search.lloydStep(labels, sums, totals)).toBe(0);
    }
    expect(fusedShapes).toBeGreaterThanOrEqual(4);
    setKernelCompilation(false);
    const X = randomMatrix(seeded(2), 10, 2);
    const search = new NearestCenters(X, 2);
    expect(search.lloydStep(new Int32Array(10), new Float64Array(4), new Float64Array(2))).toBe(
      undefined,
    );
  });

  it('breaks exact ties towards the lower index, as Lloyd does', () => {
    // Integer grid points and centres: many rows are exactly equidistant.
    const rows: number[] = [];
    for (let a = 0; a < 12; a++) for (let b = 0; b < 12; b++) rows.push(a, b);
    const X: Matrix = { rows: 144, cols: 2, data: Float64Array.from(rows) };
    const C: Matrix = { rows: 4, cols: 2, data: Float64Array.from([2, 2, 2, 8, 8, 2, 8, 8]) };
    const search = new NearestCenters(X, 4);
    search.setCenters(C, rowSquaredNorms(C));
    const labels = new Int32Array(144);
    search.nearest(null, 0, 144, labels);
    expect(Array.from(labels)).toEqual(Array.from(lloydLabels(X, C)));
    const fused = new Int32Array(144);
    search.lloydStep(fused, new Float64Array(8), new Float64Array(4));
    expect(Array.from(fused)).toEqual(Array.from(labels));
  });

  it('searches X − offset: the same labels and norms as for the shifted copy', () => {
    for (const [d, k] of [
      [3, 4],
      [40, 30],
    ] as const) {
      const { X, C } = hardCase(300, d, k, d);
      const offset = Float64Array.from({ length: d }, (_, j) => 1e3 * (j + 1));
      const raw = { ...X, data: X.data.map((v, i) => v + offset[i % d]) };
      const shifted = new NearestCenters(raw, k, { offset });
      const plain = new NearestCenters(X, k);
      expect(Array.from(shifted.rows.data)).toEqual(
        Array.from(X.data.map((v, i) => v + offset[i % d] - offset[i % d])),
      );
      expect(Array.from(shifted.rowNorms)).toEqual(Array.from(rowSquaredNorms(shifted.rows)));
      for (const search of [shifted, plain]) search.setCenters(C, rowSquaredNorms(C));
      const a = new Int32Array(300);
      const b = new Int32Array(300);
      shifted.nearest(null, 0, 300, a);
      plain.nearest(null, 0, 300, b);
      expect(Array.from(a)).toEqual(Array.from(lloydLabels(shifted.rows, C)));
      expect(Array.from(b)).toEqual(Array.from(lloydLabels(X, C)));
      // Without an offset and without a kernel copy, the rows are X itself.
      setKernelCompilation(false);
      expect(new NearestCenters(X, k).rows.data).toBe(X.data);
      setKernelCompilation(true);
    }
  });

  it('with the norms of X − offset given, reads X shifted without a float64 copy: the same labels, bounds and rows', () => {
    for (const [d, k] of [
      [3, 4],
      [40, 30],
    ] as const) {
      const { X, C } = hardCase(300, d, k, d + 1);
      const offset = Float64Array.from({ length: d }, (_, j) => 1e3 * (j + 1) + 0.1);
      const raw = { ...X, data: X.data.map((v, i) => v + offset[i % d]) };
      const copy = new NearestCenters(raw, k, { offset });
      const norms = Float64Array.from(copy.rowNorms);
      const deferred = new NearestCenters(raw, k, { offset, norms, shiftedNorms: true });
      // The screen (d = 40) reads X itself and subtracts the offset; the fused kernels (d = 3)
      // hold the shifted rows in kernel memory, as before.
      expect(deferred.rowsShift === undefined).toBe(!deferred.screened);
      expect(deferred.rowsRead.data === raw.data).toBe(deferred.screened);
      expect(Array.from(deferred.rowNorms)).toEqual(Array.from(norms));
      for (const search of [copy, deferred]) search.setCenters(C, rowSquaredNorms(C));
      const labels = [new Int32Array(300), new Int32Array(300)];
      const upper = [new Float64Array(300), new Float64Array(300)];
      const lower = [new Float64Array(300), new Float64Array(300)];
      for (const [s, search] of [copy, deferred].entries()) {
        search.nearestDistances(null, 0, 300, labels[s], upper[s], lower[s]);
      }
      expect(Array.from(labels[1])).toEqual(Array.from(labels[0]));
      expect(Array.from(labels[1])).toEqual(Array.from(lloydLabels(copy.rows, C)));
      expect(Array.from(upper[1])).toEqual(Array.from(upper[0]));
      expect(Array.from(lower[1])).toEqual(Array.from(lower[0]));
      // The rows searched, copied when asked for: the shifted copy's doubles.
      expect(Array.from(deferred.rows.data)).toEqual(Array.from(copy.rows.data));
      // Without the screen (no kernels), the copy is made and nothing is subtracted.
      setKernelCompilation(false);
      const plain = new NearestCenters(raw, k, { offset, norms, shiftedNorms: true });
      expect(plain.rowsShift).toBeUndefined();
      expect(Array.from(plain.rowsRead.data)).toEqual(Array.from(copy.rows.data));
      setKernelCompilation(true);
    }
  });

  it('takes given row norms instead of computing them: the same norms, labels and bounds', () => {
    // [3, 4]: the fused kernels (norms copied into kernel memory); [40, 30]: the screen.
    for (const [d, k] of [
      [3, 4],
      [40, 30],
    ] as const) {
      const { X, C } = hardCase(300, d, k, d + 1);
      const norms = rowSquaredNorms(X);
      const given = new NearestCenters(X, k, { norms });
      const computed = new NearestCenters(X, k);
      expect(Array.from(given.rowNorms)).toEqual(Array.from(norms));
      const results = [given, computed].map((search) => {
        search.setCenters(C, rowSquaredNorms(C));
        const labels = new Int32Array(300);
        const upper = new Float64Array(300);
        const lower = new Float64Array(300);
        search.nearest(null, 0, 300, labels, upper, lower);
        return [Array.from(labels), Array.from(upper), Array.from(lower)];
      });
      expect(results[0]).toEqual(results[1]);
      expect(() => new NearestCenters(X, k, { norms: new Float64Array(3) })).toThrow(
        InvalidInputError,
      );
    }
  });

  it('searches over row blocks share one kernel arena: the same labels and bounds as searches of their own', () => {
    // [3, 4]: the fused kernels; [24, 12]: the screen (the k-means shards of one thread).
    for (const [d, k] of [
      [3, 4],
      [24, 12],
    ] as const) {
      const n = 5000;
      const { X, C } = hardCase(n, d, k, d + 7);
      const blocks = [0, 1700, 1701, 3900, n];
      const rows = blocks.slice(1).map((end, b) => end - blocks[b]);
      const arena = NearestCenters.kernelArena(rows, d, k);
      if (arena === undefined) throw new Error('expected kernel memory');
      const searches = (shared: boolean) =>
        rows.map((m, b) => {
          const start = blocks[b];
          const part: Matrix = {
            rows: m,
            cols: d,
            data: X.data.subarray(start * d, (start + m) * d),
          };
          return new NearestCenters(part, k, shared ? { arena } : {});
        });
      const together = searches(true);
      const apart = searches(false);
      const buffer = together[0].rowNorms.buffer;
      for (const search of together) {
        expect(search.rowNorms.buffer).toBe(buffer);
        expect(search.fusedLloyd || search.screened).toBe(true);
      }
      expect(apart[0].rowNorms.buffer).not.toBe(apart[1].rowNorms.buffer);
      const results = [together, apart].map((set) =>
        set.map((search, b) => {
          search.setCenters(C, rowSquaredNorms(C));
          const labels = new Int32Array(rows[b]);
          const upper = new Float64Array(rows[b]);
          const lower = new Float64Array(rows[b]);
          search.nearestDistances(null, 0, rows[b], labels, upper, lower);
          return [Array.from(labels), Array.from(upper), Array.from(lower)];
        }),
      );
      expect(results[0]).toEqual(results[1]);
      expect(results[0].flatMap((r) => r[0])).toEqual(Array.from(lloydLabels(X, C)));
      // The arena was sized for these blocks: a further search gets a memory of its own.
      const extra = new NearestCenters(X, k, { arena });
      expect(extra.rowNorms.buffer).not.toBe(buffer);
    }
  });

  it('kernelArena is undefined without kernel memory, and the searches then run in JavaScript', () => {
    setKernelCompilation(false);
    expect(NearestCenters.kernelArena([100, 100], 24, 12)).toBeUndefined();
    const { X, C } = hardCase(100, 24, 12, 3);
    const search = new NearestCenters(X, 12, { arena: undefined });
    expect(search.screened).toBe(false);
    search.setCenters(C, rowSquaredNorms(C));
    const labels = new Int32Array(100);
    search.nearest(null, 0, 100, labels);
    expect(Array.from(labels)).toEqual(Array.from(lloydLabels(X, C)));
  });

  it('rejects centres of the wrong shape with InvalidInputError', () => {
    const X = randomMatrix(seeded(1), 10, 3);
    const search = new NearestCenters(X, 2);
    expect(() =>
      search.setCenters({ rows: 3, cols: 3, data: new Float64Array(9) }, new Float64Array(3)),
    ).toThrow(/centres/);
  });
});
