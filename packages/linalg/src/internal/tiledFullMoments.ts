/** Doubles of the packed panel of rows (z, then v = w·z, per row): an L1-sized block. */
const PANEL_DOUBLES = 4096;
/** At most this many pairs per panel (small d). */
const MAX_PANEL_PAIRS = 64;

/**
 * The generic JavaScript loop of `shiftedMoments`' full scatter (any d; the unrolled loops serve
 * d ≤ 24): the same operations in the same order as those loops and as dense.wat's `momentsFull`,
 * so the bits are the same on every path. Non-zero-weight rows are taken two at a time (a lone
 * last row pairs with itself at weight 0), z = x − s, v = w·z, total += w0 + w1,
 * c += v0 + v1 and S[a][b] = (S[a][b] + v0_a·z0_b) + v1_a·z1_b.
 *
 * Like the WebAssembly kernel it packs the pairs' rows into a panel and then walks S in tiles of
 * 2 x 4 entries (rows a, a + 1; four columns), each tile's 8 sums in locals over all of the
 * panel's rows in order: 6 loads per 8 multiply-adds, where one entry at a time over a pair
 * took 3 loads and a store per 2 (2.5-3x faster at d = 128). Tile entries above the diagonal
 * are summed into S's upper triangle, which the finish overwrites. Returns W (the caller has found a
 * non-zero weight).
 */
export function tiledFullMoments(
  data: Float64Array,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  shift: number,
  mean: Float64Array,
  scatter: Float64Array,
): number {
  const d = mean.length;
  const pairsPerPanel = Math.max(1, Math.min(MAX_PANEL_PAIRS, Math.floor(PANEL_DOUBLES / (4 * d))));
  // Per call of a pass over a block of rows (no module state, so concurrent fits never share
  // it): s | c (d each), then the panel, 2 rows per pair, each z | v (2d).
  const sums = new Float64Array(2 * d);
  const panel = new Float64Array(pairsPerPanel * 4 * d);
  for (let a = 0; a < d; a++) sums[a] = data[shift * d + a];
  scatter.fill(0);
  let total = 0;
  let pairs = 0;
  let i = start;
  let o = weightOffset;
  for (;;) {
    while (i < end && weights[o] === 0) {
      i++;
      o += weightStride;
    }
    if (i >= end) break;
    const w0 = weights[o];
    const x0 = i * d;
    i++;
    o += weightStride;
    while (i < end && weights[o] === 0) {
      i++;
      o += weightStride;
    }
    let w1 = 0;
    let x1 = x0;
    if (i < end) {
      w1 = weights[o];
      x1 = i * d;
      i++;
      o += weightStride;
    }
    total += w0 + w1;
    const r0 = pairs * 4 * d;
    const r1 = r0 + 2 * d;
    for (let a = 0; a < d; a++) {
      const za = data[x0 + a] - sums[a];
      const ya = data[x1 + a] - sums[a];
      const va = w0 * za;
      const ua = w1 * ya;
      panel[r0 + a] = za;
      panel[r0 + d + a] = va;
      panel[r1 + a] = ya;
      panel[r1 + d + a] = ua;
      sums[d + a] += va + ua;
    }
    pairs++;
    if (pairs === pairsPerPanel) {
      addPanel(panel, 2 * pairs, d, scatter);
      pairs = 0;
    }
  }
  if (pairs > 0) addPanel(panel, 2 * pairs, d, scatter);
  for (let a = 0; a < d; a++) mean[a] = sums[a] + sums[d + a] / total;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const value = scatter[a * d + b] - (sums[d + a] / total) * sums[d + b];
      scatter[a * d + b] = value;
      scatter[b * d + a] = value;
    }
  }
  return total;
}

/**
 * S[a][b] = S[a][b] + v_a·z_b over the panel's `rows` rows in order (row r: z at r·2d, v at
 * r·2d + d), for every b ≤ a + 1 of each pair of rows (a, a + 1) of S (b ≤ a for a last odd a).
 */
function addPanel(panel: Float64Array, rows: number, d: number, S: Float64Array): void {
  const rowLength = 2 * d;
  const last = rows * rowLength;
  let a = 0;
  for (; a + 1 < d; a += 2) {
    const sa = a * d;
    const sb = sa + d;
    let b = 0;
    for (; b + 3 <= a + 1; b += 4) {
      let s00 = S[sa + b];
      let s01 = S[sa + b + 1];
      let s02 = S[sa + b + 2];
      let s03 = S[sa + b + 3];
      let s10 = S[sb + b];
      let s11 = S[sb + b + 1];
      let s12 = S[sb + b + 2];
      let s13 = S[sb + b + 3];
      for (let r = 0; r < last; r += rowLength) {
        const z0 = panel[r + b];
        const z1 = panel[r + b + 1];
        const z2 = panel[r + b + 2];
        const z3 = panel[r + b + 3];
        const va = panel[r + d + a];
        const vb = panel[r + d + a + 1];
        s00 = s00 + va * z0;
        s01 = s01 + va * z1;
        s02 = s02 + va * z2;
        s03 = s03 + va * z3;
        s10 = s10 + vb * z0;
        s11 = s11 + vb * z1;
        s12 = s12 + vb * z2;
        s13 = s13 + vb * z3;
      }
      S[sa + b] = s00;
      S[sa + b + 1] = s01;
      S[sa + b + 2] = s02;
      S[sa + b + 3] = s03;
      S[sb + b] = s10;
      S[sb + b + 1] = s11;
      S[sb + b + 2] = s12;
      S[sb + b + 3] = s13;
    }
    for (; b <= a + 1; b++) {
      let s0 = S[sa + b];
      let s1 = S[sb + b];
      for (let r = 0; r < last; r += rowLength) {
        const z = panel[r + b];
        s0 = s0 + panel[r + d + a] * z;
        s1 = s1 + panel[r + d + a + 1] * z;
      }
      S[sa + b] = s0;
      S[sb + b] = s1;
    }
  }
  if (a < d) {
    const sa = a * d;
    for (let b = 0; b <= a; b++) {
      let s0 = S[sa + b];
      for (let r = 0; r < last; r += rowLength) s0 = s0 + panel[r + d + a] * panel[r + b];
      S[sa + b] = s0;
    }
  }
}
