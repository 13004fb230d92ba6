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
  ;; returns how many. 4 rows x 8 centres per step (8 f32x4 accumulators), then 4 x 4; `values`
  ;; holds 4 rows of k4 floats, scanned once per row for each lane's minimum, runner-up and first
  ;; index, then merged: one lane at or below the threshold, whose runner-up is above it, is one
  ;; centre.
  (func (export "screenRows")
    (param $x i32) (param $d i32) (param $rows i32) (param $index i32) (param $ct i32)
    (param $k4 i32) (param $cn i32) (param $radius i32) (param $cmax f32) (param $alpha f32)
    (param $values i32) (param $best i32) (param $upper i32) (param $lower i32)
    (param $xn i32) (param $radius64 i32) (param $cmax64 f64) (param $c32 f64)
    (param $roots i32) (param $ambiguous i32) (param $prev i32) (result i32)
    (local $rowBytes i32) (local $kBytes i32) (local $left i32) (local $s i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $j i32) (local $t i32) (local $cp i32) (local $vp i32) (local $row i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $e0 v128) (local $e1 v128)
    (local $y0 v128) (local $y1 v128) (local $z v128) (local $v v128) (local $thr v128)
    (local $m f32) (local $mask i32) (local $count i32) (local $at i32) (local $r f32)
    (local $m1 v128) (local $m2 v128) (local $idx v128) (local $jv v128) (local $e f64) (local $xv f64)
    (local $lo f64) (local $hi f64) (local $lab i32) (local $dst i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $k4) (i32.const 2)))
    (block $done
      (loop $tile
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $left (select (local.get $rows) (i32.const 4)
          (i32.lt_s (local.get $rows) (i32.const 4))))
        ;; row pointers; a missing row repeats the last one (its results are not written)
        (local.set $p0 (i32.add (local.get $x)
          (i32.mul (i32.load (local.get $index)) (local.get $rowBytes))))
        (local.set $p1 (local.get $p0))
        (if (i32.gt_s (local.get $left) (i32.const 1)) (then (local.set $p1 (i32.add (local.get $x)
          (i32.mul (i32.load offset=4 (local.get $index)) (local.get $rowBytes))))))
        (local.set $p2 (local.get $p1))
        (if (i32.gt_s (local.get $left) (i32.const 2)) (then (local.set $p2 (i32.add (local.get $x)
          (i32.mul (i32.load offset=8 (local.get $index)) (local.get $rowBytes))))))
        (local.set $p3 (local.get $p2))
        (if (i32.gt_s (local.get $left) (i32.const 3)) (then (local.set $p3 (i32.add (local.get $x)
          (i32.mul (i32.load offset=12 (local.get $index)) (local.get $rowBytes))))))
        (local.set $j (i32.const 0))
        ;; eight centres at a time
        (block $octetsDone
          (loop $octets
            (br_if $octetsDone (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $kBytes)))
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
            (local.set $b0 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
            (local.set $c0 (v128.const i64x2 0 0)) (local.set $c1 (v128.const i64x2 0 0))
            (local.set $e0 (v128.const i64x2 0 0)) (local.set $e1 (v128.const i64x2 0 0))
            (local.set $cp (i32.add (local.get $ct) (local.get $j)))
            (local.set $t (i32.const 0))
            (block $dotsDone
              (loop $dots
                (br_if $dotsDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                (local.set $y0 (v128.load (local.get $cp)))
                (local.set $y1 (v128.load offset=16 (local.get $cp)))
                (local.set $z (v128.load32_splat (i32.add (local.get $p0) (local.get $t))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $z) (local.get $y0))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $z) (local.get $y1))))
                (local.set $z (v128.load32_splat (i32.add (local.get $p1) (local.get $t))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $z) (local.get $y0))))
                (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $z) (local.get $y1))))
                (local.set $z (v128.load32_splat (i32.add (local.get $p2) (local.get $t))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $z) (local.get $y0))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $z) (local.get $y1))))
                (local.set $z (v128.load32_splat (i32.add (local.get $p3) (local.get $t))))
                (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $z) (local.get $y0))))
                (local.set $e1 (f32x4.add (local.get $e1) (f32x4.mul (local.get $z) (local.get $y1))))
                (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $dots)))
            (local.set $y0 (v128.load (i32.add (local.get $cn) (local.get $j))))
            (local.set $y1 (v128.load offset=16 (i32.add (local.get $cn) (local.get $j))))
            (local.set $vp (i32.add (local.get $values) (local.get $j)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $a0) (local.get $a0))))
            (v128.store offset=16 (local.get $vp)
              (f32x4.sub (local.get $y1) (f32x4.add (local.get $a1) (local.get $a1))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $b0) (local.get $b0))))
            (v128.store offset=16 (local.get $vp)
              (f32x4.sub (local.get $y1) (f32x4.add (local.get $b1) (local.get $b1))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $c0) (local.get $c0))))
            (v128.store offset=16 (local.get $vp)
              (f32x4.sub (local.get $y1) (f32x4.add (local.get $c1) (local.get $c1))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $e0) (local.get $e0))))
            (v128.store offset=16 (local.get $vp)
              (f32x4.sub (local.get $y1) (f32x4.add (local.get $e1) (local.get $e1))))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $octets)))
        ;; the last four centres of a k4 that is not a multiple of 8
        (if (i32.lt_u (local.get $j) (local.get $kBytes))
          (then
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $b0 (v128.const i64x2 0 0))
            (local.set $c0 (v128.const i64x2 0 0)) (local.set $e0 (v128.const i64x2 0 0))
            (local.set $cp (i32.add (local.get $ct) (local.get $j)))
            (local.set $t (i32.const 0))
            (block $quadDone
              (loop $quad
                (br_if $quadDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                (local.set $y0 (v128.load (local.get $cp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $y0)
                  (v128.load32_splat (i32.add (local.get $p0) (local.get $t))))))
                (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $y0)
                  (v128.load32_splat (i32.add (local.get $p1) (local.get $t))))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $y0)
                  (v128.load32_splat (i32.add (local.get $p2) (local.get $t))))))
                (local.set $e0 (f32x4.add (local.get $e0) (f32x4.mul (local.get $y0)
                  (v128.load32_splat (i32.add (local.get $p3) (local.get $t))))))
                (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
                (local.set $t (i32.add (local.get $t) (i32.const 4)))
                (br $quad)))
            (local.set $y0 (v128.load (i32.add (local.get $cn) (local.get $j))))
            (local.set $vp (i32.add (local.get $values) (local.get $j)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $a0) (local.get $a0))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $b0) (local.get $b0))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $c0) (local.get $c0))))
            (local.set $vp (i32.add (local.get $vp) (local.get $kBytes)))
            (v128.store (local.get $vp)
              (f32x4.sub (local.get $y0) (f32x4.add (local.get $e0) (local.get $e0))))))
        ;; each row: per lane the running minimum m1, runner-up m2 and first index, one pass
        (local.set $s (i32.const 0))
        (loop $scan
          (local.set $vp (i32.add (local.get $values) (i32.mul (local.get $s) (local.get $kBytes))))
          (local.set $m1 (f32x4.splat (f32.const inf)))
          (local.set $m2 (local.get $m1))
          (local.set $idx (v128.const i32x4 0 0 0 0))
          (local.set $jv (v128.const i32x4 0 1 2 3))
          (local.set $j (i32.const 0))
          (loop $lanes
            (local.set $v (v128.load (i32.add (local.get $vp) (local.get $j))))
            (local.set $m2 (f32x4.pmin (local.get $m2) (f32x4.pmax (local.get $v) (local.get $m1))))
            (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
              (f32x4.lt (local.get $v) (local.get $m1))))
            (local.set $m1 (f32x4.pmin (local.get $m1) (local.get $v)))
            (local.set $jv (i32x4.add (local.get $jv) (v128.const i32x4 4 4 4 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br_if $lanes (i32.lt_u (local.get $j) (local.get $kBytes))))
          (local.set $m (f32.min
            (f32.min (f32x4.extract_lane 0 (local.get $m1)) (f32x4.extract_lane 1 (local.get $m1)))
            (f32.min (f32x4.extract_lane 2 (local.get $m1)) (f32x4.extract_lane 3 (local.get $m1)))))
          (local.set $row (i32.load (local.get $index)))
          (local.set $r (f32.add (f32.load (i32.add (local.get $radius) (i32.shl (local.get $row) (i32.const 2))))
            (local.get $cmax)))
          (local.set $thr (f32x4.splat (f32.add (local.get $m)
            (f32.mul (local.get $alpha) (f32.mul (local.get $r) (local.get $r))))))
          (local.set $z (f32x4.le (local.get $m1) (local.get $thr)))
          (local.set $mask (i32x4.bitmask (local.get $z)))
          (if (i32.and (i32.eq (i32.popcnt (local.get $mask)) (i32.const 1))
                (i32.eqz (i32x4.bitmask (f32x4.le (local.get $m2) (local.get $thr)))))
            (then
              ;; one centre at or below the threshold: its index, and the least value above
              (v128.store (local.get $vp) (local.get $idx))
              (local.set $lab
                (i32.load (i32.add (local.get $vp) (i32.shl (i32.ctz (local.get $mask)) (i32.const 2)))))
              (if (local.get $roots) (then
                (local.set $v (v128.bitselect (local.get $m2) (local.get $m1) (local.get $z)))
                (local.set $xv (f64.load (i32.add (local.get $xn) (i32.shl (local.get $row) (i32.const 3)))))
                (local.set $e (f64.add (f64.load (i32.add (local.get $radius64) (i32.shl (local.get $row) (i32.const 3))))
                  (local.get $cmax64)))
                (local.set $e (f64.mul (f64.mul (local.get $c32) (local.get $e)) (local.get $e)))
                (local.set $hi (f64.add (f64.add (local.get $xv) (f64.promote_f32 (local.get $m))) (local.get $e)))
                (local.set $lo (f64.max (f64.sub (f64.add (local.get $xv) (f64.promote_f32 (f32.min
                  (f32.min (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
                  (f32.min (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v))))))
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
          (br_if $scan (i32.lt_u (local.get $s) (local.get $left))))
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
