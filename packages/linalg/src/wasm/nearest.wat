;; Nearest-centre kernels for k-means (a float32 screen, f32x4: twice the lanes of f64x2, and a
;; float64 Lloyd step that assigns rows and sums them per centre in one pass), in a module
;; of its own (each stays under the 4 KiB Chromium compiles synchronously on a main thread).
;; Pointers are byte offsets into the imported memory.
;; Regenerate nearestBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; For each of `rows` rows (row numbers at `index`, i32) of the float32 data at x (d columns):
  ;; v_j = cn_j - 2 (x . c_j) in float32 for the k4 centres (transposed at ct: d rows of k4
  ;; floats; padding centres have cn = +Inf), then m = min_j v_j and the threshold
  ;; m + alpha (radius_row + cmax)^2, the float32 error bound of the screen (radius_row = ||x||,
  ;; float32 at `radius` by row number). A row with exactly one centre at or below the threshold
  ;; is decided: best[r] = that centre and, unless `roots` is 0, float64 bounds on its exact
  ;; squared distances, with e = c32 (radius64_row + cmax64)^2 and xn its float64 squared norm
  ;; (both by row number): upper = (xn + m) + e, lower = max((xn + s) - e, 0), s the least v_j
  ;; above the threshold (+Inf if none); their square roots when `roots` is 2 (Hamerly's bounds
  ;; are distances). The bounds go to upper[r], lower[r] by position r, or, when `prev` (labels
  ;; by row number) is not 0, to upper[row], lower[row]. Every other row gets best[r] = -1. The
  ;; positions of those rows, and with `prev` of the rows whose best differs from prev[row], are
  ;; listed at `ambiguous` in order (the caller decides the first exactly and moves the others);
  ;; returns how many.
  ;; Rows in lanes: 4 rows are transposed into a tile at values + 48 (d vectors, x_t of the 4
  ;; rows each), so each centre's value for the 4 rows is one f32x4 (x_t times c_jt splatted
  ;; from ct, summed over t in order from 0), and the running minimum m1, runner-up m2 and
  ;; first index of the minimum of each row are kept lane by lane over the centres in order,
  ;; 8 centres per pass over the tile, then 4: no horizontal reduction and no store of the
  ;; k values. m1 is the least v, m2 the second least (a tie counts twice), so a row has
  ;; exactly one centre at or below its threshold iff m2 is above it; the values, and so the
  ;; decisions and bounds, are those of a loop over centres per row. `values` must hold
  ;; 16 d + 48 bytes.
  (func (export "screenRows")
    (param $x i32) (param $d i32) (param $rows i32) (param $index i32) (param $ct i32)
    (param $k4 i32) (param $cn i32) (param $radius i32) (param $cmax f32) (param $alpha f32)
    (param $values i32) (param $best i32) (param $upper i32) (param $lower i32)
    (param $xn i32) (param $radius64 i32) (param $cmax64 f64) (param $c32 f64)
    (param $roots i32) (param $ambiguous i32) (param $prev i32) (result i32)
    (local $rowBytes i32) (local $kBytes i32) (local $left i32) (local $s i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $j i32) (local $t i32) (local $cp i32) (local $cq i32) (local $xp i32) (local $xt i32)
    (local $xend i32) (local $row i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $xv v128) (local $v v128) (local $thr v128) (local $r v128)
    (local $m1 v128) (local $m2 v128) (local $idx v128) (local $jv v128)
    (local $mask i32) (local $count i32) (local $at i32) (local $m f32)
    (local $e f64) (local $xv64 f64) (local $lo f64) (local $hi f64) (local $lab i32) (local $dst i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $k4) (i32.const 2)))
    (local.set $xt (i32.add (local.get $values) (i32.const 48)))
    (local.set $xend (i32.add (local.get $xt) (i32.shl (local.get $rowBytes) (i32.const 2))))
    (block $done
      (loop $tile
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $left (select (local.get $rows) (i32.const 4)
          (i32.lt_s (local.get $rows) (i32.const 4))))
        ;; row numbers and pointers; a missing row repeats the last one (its results are not
        ;; written)
        (local.set $q0 (i32.load (local.get $index)))
        (local.set $q1 (select (i32.load offset=4 (local.get $index)) (local.get $q0)
          (i32.gt_s (local.get $left) (i32.const 1))))
        (local.set $q2 (select (i32.load offset=8 (local.get $index)) (local.get $q1)
          (i32.gt_s (local.get $left) (i32.const 2))))
        (local.set $q3 (select (i32.load offset=12 (local.get $index)) (local.get $q2)
          (i32.gt_s (local.get $left) (i32.const 3))))
        (local.set $p0 (i32.add (local.get $x) (i32.mul (local.get $q0) (local.get $rowBytes))))
        (local.set $p1 (i32.add (local.get $x) (i32.mul (local.get $q1) (local.get $rowBytes))))
        (local.set $p2 (i32.add (local.get $x) (i32.mul (local.get $q2) (local.get $rowBytes))))
        (local.set $p3 (i32.add (local.get $x) (i32.mul (local.get $q3) (local.get $rowBytes))))
        ;; the tile: 4 columns at a time by a 4 x 4 transpose, then one column at a time
        (local.set $t (i32.const 0))
        (local.set $xp (local.get $xt))
        (block $fourDone
          (loop $four
            (br_if $fourDone (i32.gt_u (i32.add (local.get $t) (i32.const 16)) (local.get $rowBytes)))
            (local.set $a0 (v128.load (i32.add (local.get $p0) (local.get $t))))
            (local.set $a1 (v128.load (i32.add (local.get $p1) (local.get $t))))
            (local.set $a2 (v128.load (i32.add (local.get $p2) (local.get $t))))
            (local.set $a3 (v128.load (i32.add (local.get $p3) (local.get $t))))
            (local.set $a4 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
              (local.get $a0) (local.get $a1)))
            (local.set $a5 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
              (local.get $a2) (local.get $a3)))
            (local.set $a6 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
              (local.get $a0) (local.get $a1)))
            (local.set $a7 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
              (local.get $a2) (local.get $a3)))
            (v128.store (local.get $xp) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (local.get $a4) (local.get $a5)))
            (v128.store offset=16 (local.get $xp) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
              (local.get $a4) (local.get $a5)))
            (v128.store offset=32 (local.get $xp) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (local.get $a6) (local.get $a7)))
            (v128.store offset=48 (local.get $xp) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
              (local.get $a6) (local.get $a7)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $four)))
        (block $oneDone
          (loop $one
            (br_if $oneDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
            (local.set $v (v128.load32_splat (i32.add (local.get $p0) (local.get $t))))
            (local.set $v (v128.load32_lane 1 (i32.add (local.get $p1) (local.get $t)) (local.get $v)))
            (local.set $v (v128.load32_lane 2 (i32.add (local.get $p2) (local.get $t)) (local.get $v)))
            (local.set $v (v128.load32_lane 3 (i32.add (local.get $p3) (local.get $t)) (local.get $v)))
            (v128.store (local.get $xp) (local.get $v))
            (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $one)))
        (local.set $m1 (f32x4.splat (f32.const inf)))
        (local.set $m2 (local.get $m1))
        (local.set $idx (v128.const i32x4 0 0 0 0))
        (local.set $jv (local.get $idx))
        (local.set $j (i32.const 0))
        ;; eight centres per pass over the tile
        (block $octetsDone
          (loop $octets
            (br_if $octetsDone (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $kBytes)))
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0)) (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0)) (local.set $a4 (v128.const i64x2 0 0)) (local.set $a5 (v128.const i64x2 0 0)) (local.set $a6 (v128.const i64x2 0 0)) (local.set $a7 (v128.const i64x2 0 0))
            (local.set $cp (i32.add (local.get $ct) (local.get $j)))
            (local.set $xp (local.get $xt))
            (block $dotsDone
              (loop $dots
                (br_if $dotsDone (i32.ge_u (local.get $xp) (local.get $xend)))
                (local.set $xv (v128.load (local.get $xp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=0 (local.get $cp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=4 (local.get $cp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=8 (local.get $cp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=12 (local.get $cp)))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=16 (local.get $cp)))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=20 (local.get $cp)))))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=24 (local.get $cp)))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=28 (local.get $cp)))))
                (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                (br $dots)))
            (local.set $cq (i32.add (local.get $cn) (local.get $j)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=0 (local.get $cq))
              (f32x4.add (local.get $a0) (local.get $a0))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=4 (local.get $cq))
              (f32x4.add (local.get $a1) (local.get $a1))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=8 (local.get $cq))
              (f32x4.add (local.get $a2) (local.get $a2))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=12 (local.get $cq))
              (f32x4.add (local.get $a3) (local.get $a3))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=16 (local.get $cq))
              (f32x4.add (local.get $a4) (local.get $a4))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=20 (local.get $cq))
              (f32x4.add (local.get $a5) (local.get $a5))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=24 (local.get $cq))
              (f32x4.add (local.get $a6) (local.get $a6))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=28 (local.get $cq))
              (f32x4.add (local.get $a7) (local.get $a7))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $octets)))
        ;; the last four centres of a k4 that is not a multiple of 8
        (if (i32.lt_u (local.get $j) (local.get $kBytes))
          (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0)) (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
            (local.set $cp (i32.add (local.get $ct) (local.get $j)))
            (local.set $xp (local.get $xt))
            (block $quadDone
              (loop $quad
                (br_if $quadDone (i32.ge_u (local.get $xp) (local.get $xend)))
                (local.set $xv (v128.load (local.get $xp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=0 (local.get $cp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=4 (local.get $cp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=8 (local.get $cp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $xv)
                  (v128.load32_splat offset=12 (local.get $cp)))))
                (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                (br $quad)))
            (local.set $cq (i32.add (local.get $cn) (local.get $j)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=0 (local.get $cq))
              (f32x4.add (local.get $a0) (local.get $a0))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=4 (local.get $cq))
              (f32x4.add (local.get $a1) (local.get $a1))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=8 (local.get $cq))
              (f32x4.add (local.get $a2) (local.get $a2))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))
            (local.set $v (f32x4.sub (v128.load32_splat offset=12 (local.get $cq))
              (f32x4.add (local.get $a3) (local.get $a3))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 1 1 1 1)))))
        ;; thresholds of the 4 rows, and which rows have exactly one centre at or below theirs
        (local.set $r (v128.load32_splat (i32.add (local.get $radius) (i32.shl (local.get $q0) (i32.const 2)))))
        (local.set $r (v128.load32_lane 1 (i32.add (local.get $radius) (i32.shl (local.get $q1) (i32.const 2))) (local.get $r)))
        (local.set $r (v128.load32_lane 2 (i32.add (local.get $radius) (i32.shl (local.get $q2) (i32.const 2))) (local.get $r)))
        (local.set $r (v128.load32_lane 3 (i32.add (local.get $radius) (i32.shl (local.get $q3) (i32.const 2))) (local.get $r)))
        (local.set $r (f32x4.add (local.get $r) (f32x4.splat (local.get $cmax))))
        (local.set $thr (f32x4.add (local.get $m1)
          (f32x4.mul (f32x4.splat (local.get $alpha)) (f32x4.mul (local.get $r) (local.get $r)))))
        (local.set $mask (i32x4.bitmask (f32x4.gt (local.get $m2) (local.get $thr))))
        (v128.store (local.get $values) (local.get $m1))
        (v128.store offset=16 (local.get $values) (local.get $m2))
        (v128.store offset=32 (local.get $values) (local.get $idx))
        ;; each row of the tile
        (local.set $s (i32.const 0))
        (loop $each
          (local.set $row (i32.load (local.get $index)))
          (if (i32.and (local.get $mask) (i32.shl (i32.const 1) (local.get $s)))
            (then
              (local.set $lab (i32.load offset=32 (i32.add (local.get $values) (i32.shl (local.get $s) (i32.const 2)))))
              (if (local.get $roots) (then
                (local.set $m (f32.load (i32.add (local.get $values) (i32.shl (local.get $s) (i32.const 2)))))
                (local.set $xv64 (f64.load (i32.add (local.get $xn) (i32.shl (local.get $row) (i32.const 3)))))
                (local.set $e (f64.add (f64.load (i32.add (local.get $radius64) (i32.shl (local.get $row) (i32.const 3))))
                  (local.get $cmax64)))
                (local.set $e (f64.mul (f64.mul (local.get $c32) (local.get $e)) (local.get $e)))
                (local.set $hi (f64.add (f64.add (local.get $xv64) (f64.promote_f32 (local.get $m))) (local.get $e)))
                (local.set $lo (f64.max (f64.sub (f64.add (local.get $xv64) (f64.promote_f32
                  (f32.load offset=16 (i32.add (local.get $values) (i32.shl (local.get $s) (i32.const 2))))))
                  (local.get $e)) (f64.const 0)))
                (if (i32.eq (local.get $roots) (i32.const 2))
                  (then
                    (local.set $hi (f64.sqrt (local.get $hi)))
                    (local.set $lo (f64.sqrt (local.get $lo)))))
                ;; by row number with `prev`, else by position
                (local.set $dst (i32.shl (select (local.get $row) (local.get $at) (local.get $prev))
                  (i32.const 3)))
                (f64.store (i32.add (local.get $upper) (local.get $dst)) (local.get $hi))
                (f64.store (i32.add (local.get $lower) (local.get $dst)) (local.get $lo)))))
            (else (local.set $lab (i32.const -1))))
          (i32.store (local.get $best) (local.get $lab))
          ;; listed: undecided rows, and with `prev` the rows whose label changes
          (if (i32.or (i32.lt_s (local.get $lab) (i32.const 0)) (i32.and (i32.ne (local.get $prev) (i32.const 0))
                (i32.ne (local.get $lab) (i32.load (i32.add (local.get $prev) (i32.shl (local.get $row) (i32.const 2)))))))
            (then
              (i32.store (i32.add (local.get $ambiguous) (i32.shl (local.get $count) (i32.const 2)))
                (local.get $at))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))
          (local.set $index (i32.add (local.get $index) (i32.const 4)))
          (local.set $best (i32.add (local.get $best) (i32.const 4)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $each (i32.lt_u (local.get $s) (local.get $left))))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 4)))
        (br $tile)))
    (local.get $count))

  ;; Lloyd's step over `rows` consecutive rows of the float64 data at x (d columns, squared norms
  ;; at xn): each row's nearest centre exactly as the argmin of squaredDistances' values
  ;; max((xn + cn_j) - 2 x.c_j, 0) decides it (dot products summed over t in order from 0,
  ;; lowest index on ties; centres transposed at ct, d rows of k2 doubles, padding centres with
  ;; cn = +Inf), stored to labels (i32) where it changed (returns how many did); then the row
  ;; times its weight is added to sums[label] (k x d) and the weight to totals[label], in row
  ;; order and skipping zero weights, as ClusterSums.recompute does. With ct = 0 the labels are
  ;; taken as given and only summed. Rows go in pairs (an odd last row is paired with itself and
  ;; counted once), centres two per f64x2 (lane 0 the even ones), four per step; each lane
  ;; keeps its first minimum, and a row's two lane minima are merged by value, then lower index.
  ;; The clamp and the running minimum use pmax/pmin (one instruction each on x64): they differ
  ;; from max/min only for NaN, which finite rows and centres of squared norm <= 1e300 (the
  ;; caller's guard) never produce here.
  (func (export "lloydRows")
    (param $x i32) (param $rows i32) (param $d i32) (param $xn i32) (param $ct i32) (param $k2 i32)
    (param $cn i32) (param $labels i32) (param $weights i32) (param $sums i32) (param $totals i32)
    (result i32)
    (local $rowBytes i32) (local $kBytes i32) (local $changed i32) (local $j i32) (local $t i32)
    (local $cp i32) (local $x1 i32) (local $best0 i32) (local $best1 i32) (local $i0 i32)
    (local $i1 i32) (local $r i32) (local $sp i32) (local $xp i32) (local $two i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $s0 v128) (local $s1 v128) (local $y v128) (local $nv0 v128) (local $nv1 v128)
    (local $m0 v128) (local $m1 v128) (local $idx0 v128) (local $idx1 v128) (local $jv v128)
    (local $dv v128) (local $lt v128) (local $f0 f64) (local $f1 f64) (local $w f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $kBytes (i32.shl (local.get $k2) (i32.const 3)))
    (block $done
      (loop $rowPair
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $two (i32.gt_s (local.get $rows) (i32.const 1)))
        (local.set $x1 (select (i32.add (local.get $x) (local.get $rowBytes)) (local.get $x)
          (local.get $two)))
        (local.set $best0 (i32.load (local.get $labels)))
        (local.set $best1 (select (i32.load offset=4 (local.get $labels)) (i32.const 0)
          (local.get $two)))
        (if (local.get $ct)
          (then
            (local.set $nv0 (v128.load64_splat (local.get $xn)))
            (local.set $nv1 (select (v128.load64_splat offset=8 (local.get $xn)) (local.get $nv0)
              (local.get $two)))
            (local.set $m0 (f64x2.splat (f64.const inf)))
            (local.set $m1 (local.get $m0))
            (local.set $idx0 (v128.const i64x2 0 0))
            (local.set $idx1 (local.get $idx0))
            (local.set $jv (v128.const i64x2 0 1))
            (local.set $j (i32.const 0))
            (block $quadsDone
              (loop $quads
                (br_if $quadsDone (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $kBytes)))
                (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
                (local.set $b0 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
                (local.set $cp (i32.add (local.get $ct) (local.get $j)))
                (local.set $t (i32.const 0))
                (block $dotsDone
                  (loop $dots
                    (br_if $dotsDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                    (local.set $s0 (v128.load64_splat (i32.add (local.get $x) (local.get $t))))
                    (local.set $s1 (v128.load64_splat (i32.add (local.get $x1) (local.get $t))))
                    (local.set $y (v128.load (local.get $cp)))
                    (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s0) (local.get $y))))
                    (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $s1) (local.get $y))))
                    (local.set $y (v128.load offset=16 (local.get $cp)))
                    (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s0) (local.get $y))))
                    (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $s1) (local.get $y))))
                    (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                    (local.set $t (i32.add (local.get $t) (i32.const 8)))
                    (br $dots)))
                (local.set $y (v128.load (i32.add (local.get $cn) (local.get $j))))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv0) (local.get $y))
                  (f64x2.add (local.get $a0) (local.get $a0)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m0)))
                (local.set $m0 (f64x2.pmin (local.get $m0) (local.get $dv)))
                (local.set $idx0 (v128.bitselect (local.get $jv) (local.get $idx0) (local.get $lt)))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv1) (local.get $y))
                  (f64x2.add (local.get $b0) (local.get $b0)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m1)))
                (local.set $m1 (f64x2.pmin (local.get $m1) (local.get $dv)))
                (local.set $idx1 (v128.bitselect (local.get $jv) (local.get $idx1) (local.get $lt)))
                (local.set $jv (i64x2.add (local.get $jv) (v128.const i64x2 2 2)))
                (local.set $y (v128.load offset=16 (i32.add (local.get $cn) (local.get $j))))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv0) (local.get $y))
                  (f64x2.add (local.get $a1) (local.get $a1)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m0)))
                (local.set $m0 (f64x2.pmin (local.get $m0) (local.get $dv)))
                (local.set $idx0 (v128.bitselect (local.get $jv) (local.get $idx0) (local.get $lt)))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv1) (local.get $y))
                  (f64x2.add (local.get $b1) (local.get $b1)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m1)))
                (local.set $m1 (f64x2.pmin (local.get $m1) (local.get $dv)))
                (local.set $idx1 (v128.bitselect (local.get $jv) (local.get $idx1) (local.get $lt)))
                (local.set $jv (i64x2.add (local.get $jv) (v128.const i64x2 2 2)))
                (local.set $j (i32.add (local.get $j) (i32.const 32)))
                (br $quads)))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $kBytes)))
                (local.set $a0 (v128.const i64x2 0 0))
                (local.set $b0 (v128.const i64x2 0 0))
                (local.set $cp (i32.add (local.get $ct) (local.get $j)))
                (local.set $t (i32.const 0))
                (block $pairDotsDone
                  (loop $pairDots
                    (br_if $pairDotsDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                    (local.set $y (v128.load (local.get $cp)))
                    (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul
                      (v128.load64_splat (i32.add (local.get $x) (local.get $t))) (local.get $y))))
                    (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul
                      (v128.load64_splat (i32.add (local.get $x1) (local.get $t))) (local.get $y))))
                    (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                    (local.set $t (i32.add (local.get $t) (i32.const 8)))
                    (br $pairDots)))
                (local.set $y (v128.load (i32.add (local.get $cn) (local.get $j))))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv0) (local.get $y))
                  (f64x2.add (local.get $a0) (local.get $a0)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m0)))
                (local.set $m0 (f64x2.pmin (local.get $m0) (local.get $dv)))
                (local.set $idx0 (v128.bitselect (local.get $jv) (local.get $idx0) (local.get $lt)))
                (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub (f64x2.add (local.get $nv1) (local.get $y))
                  (f64x2.add (local.get $b0) (local.get $b0)))))
                (local.set $lt (f64x2.lt (local.get $dv) (local.get $m1)))
                (local.set $m1 (f64x2.pmin (local.get $m1) (local.get $dv)))
                (local.set $idx1 (v128.bitselect (local.get $jv) (local.get $idx1) (local.get $lt)))
                (local.set $jv (i64x2.add (local.get $jv) (v128.const i64x2 2 2)))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $pairs)))
            (local.set $f0 (f64x2.extract_lane 0 (local.get $m0)))
            (local.set $f1 (f64x2.extract_lane 1 (local.get $m0)))
            (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $idx0))))
            (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $idx0))))
            (local.set $best0 (select (local.get $i0) (local.get $i1) (i32.lt_s (local.get $i0) (local.get $i1))))
            (local.set $best0 (select (local.get $i0) (local.get $best0) (f64.lt (local.get $f0) (local.get $f1))))
            (local.set $best0 (select (local.get $i1) (local.get $best0) (f64.lt (local.get $f1) (local.get $f0))))
            (local.set $f0 (f64x2.extract_lane 0 (local.get $m1)))
            (local.set $f1 (f64x2.extract_lane 1 (local.get $m1)))
            (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $idx1))))
            (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $idx1))))
            (local.set $best1 (select (local.get $i0) (local.get $i1) (i32.lt_s (local.get $i0) (local.get $i1))))
            (local.set $best1 (select (local.get $i0) (local.get $best1) (f64.lt (local.get $f0) (local.get $f1))))
            (local.set $best1 (select (local.get $i1) (local.get $best1) (f64.lt (local.get $f1) (local.get $f0))))))
        ;; labels and sums, row 0 then (when there is one) row 1
        (local.set $r (i32.const 0))
        (local.set $xp (local.get $x))
        (loop $each
          (if (i32.ne (local.get $best0) (i32.load (local.get $labels)))
            (then
              (i32.store (local.get $labels) (local.get $best0))
              (local.set $changed (i32.add (local.get $changed) (i32.const 1)))))
          (local.set $w (f64.load (local.get $weights)))
          (if (f64.ne (local.get $w) (f64.const 0))
            (then
              (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $best0) (local.get $rowBytes))))
              (local.set $t (i32.const 0))
              (block $sumDone
                (loop $sum
                  (br_if $sumDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                  (f64.store (i32.add (local.get $sp) (local.get $t)) (f64.add
                    (f64.load (i32.add (local.get $sp) (local.get $t)))
                    (f64.mul (f64.load (i32.add (local.get $xp) (local.get $t))) (local.get $w))))
                  (local.set $t (i32.add (local.get $t) (i32.const 8)))
                  (br $sum)))
              (local.set $sp (i32.add (local.get $totals) (i32.shl (local.get $best0) (i32.const 3))))
              (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (local.get $w)))))
          (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
          (local.set $labels (i32.add (local.get $labels) (i32.const 4)))
          (local.set $weights (i32.add (local.get $weights) (i32.const 8)))
          (local.set $best0 (local.get $best1))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $each (i32.and (local.get $two) (i32.eq (local.get $r) (i32.const 1)))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $rowBytes) (i32.const 1))))
        (local.set $xn (i32.add (local.get $xn) (i32.const 16)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 2)))
        (br $rowPair)))
    (local.get $changed))
)
