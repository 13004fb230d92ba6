;; Hamerly's bounds for k-means (Hamerly 2010, "Making k-means even faster") over float64 rows in
;; kernel memory: a pass that lists the rows whose bounds do not settle their label, the search
;; of those rows, and the bound update after the centres move. A module of its own (each stays under the
;; 4 KiB Chromium compiles synchronously on a main thread). Pointers are byte offsets.
;; Regenerate boundsBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; The rows of [first, first + rows) whose bounds do not settle their label, written to list
  ;; (row numbers, i32) without a branch per row (the outcome is data-dependent, a mispredicted
  ;; branch per row cost more than the test); returns their count. With a = labels[r],
  ;; u = upper[r], l = lower[r], R = radius[r] + shift and b = max(l, 2 half[a] - u), row r is
  ;; settled when b > 0 and b^2 > u^2 + scale R^2 (NearestCenters.margin). A row labelled -1
  ;; (the first pass, with lower = 0) is never settled.
  (func (export "boundsFilter")
    (param $first i32) (param $rows i32) (param $labels i32) (param $upper i32) (param $lower i32)
    (param $radius i32) (param $half i32) (param $scale f64) (param $shift f64) (param $list i32)
    (result i32)
    (local $count i32) (local $end i32) (local $a i32) (local $u f64) (local $b f64) (local $r f64)
    (local.set $end (i32.add (local.get $first) (local.get $rows)))
    (local.set $labels (i32.add (local.get $labels) (i32.shl (local.get $first) (i32.const 2))))
    (local.set $upper (i32.add (local.get $upper) (i32.shl (local.get $first) (i32.const 3))))
    (local.set $lower (i32.add (local.get $lower) (i32.shl (local.get $first) (i32.const 3))))
    (local.set $radius (i32.add (local.get $radius) (i32.shl (local.get $first) (i32.const 3))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $first) (local.get $end)))
        (local.set $a (i32.load (local.get $labels)))
        (local.set $u (f64.load (local.get $upper)))
        (local.set $r (f64.add (f64.load (local.get $radius)) (local.get $shift)))
        (local.set $b (f64.max (f64.load (local.get $lower)) (f64.sub (f64.mul (f64.const 2)
          (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))))
          (local.get $u))))
        (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2)))
          (local.get $first))
        (local.set $count (i32.add (local.get $count) (i32.eqz (i32.and
          (i32.and (f64.gt (local.get $b) (f64.const 0)) (i32.ge_s (local.get $a) (i32.const 0)))
          (f64.gt (f64.mul (local.get $b) (local.get $b))
            (f64.add (f64.mul (local.get $u) (local.get $u))
              (f64.mul (f64.mul (local.get $scale) (local.get $r)) (local.get $r))))))))
        (local.set $labels (i32.add (local.get $labels) (i32.const 4)))
        (local.set $upper (i32.add (local.get $upper) (i32.const 8)))
        (local.set $lower (i32.add (local.get $lower) (i32.const 8)))
        (local.set $radius (i32.add (local.get $radius) (i32.const 8)))
        (local.set $first (i32.add (local.get $first) (i32.const 1)))
        (br $row)))
    (local.get $count))

  ;; The listed rows (count row numbers at list) against every centre: each row's squared
  ;; distances exactly as squaredDistances computes them (max((xn + cn_j) - 2 x.c_j, 0), the
  ;; float64 data at x, d columns, norms at xn; centres transposed at ct: d rows of k2 doubles,
  ;; padding centres with cn = +Inf), its nearest centre (lowest index on ties) and its nearest
  ;; and second nearest values D1, D2; then upper = sqrt(D1 + error R^2) and
  ;; lower = sqrt(max(D2 - error R^2, 0)) with R = radius + shift. A changed label is stored
  ;; and the row times its weight moved between the centres' sums (k x d) and totals, the weight
  ;; added to churn (k) for both; a row labelled -1 (the first pass) is only added. Returns the
  ;; number of changed labels.
  (func (export "boundsSearch")
    (param $list i32) (param $count i32) (param $x i32) (param $d i32) (param $xn i32)
    (param $ct i32) (param $k2 i32) (param $cn i32) (param $labels i32) (param $upper i32)
    (param $lower i32) (param $radius i32) (param $shift f64) (param $error f64)
    (param $weights i32) (param $sums i32) (param $totals i32) (param $churn i32) (result i32)
    (local $rowBytes i32) (local $kBytes i32) (local $changed i32) (local $i i32) (local $xp i32)
    (local $a i32) (local $j i32) (local $t i32) (local $cp i32) (local $best i32)
    (local $i0 i32) (local $i1 i32) (local $sp i32) (local $dp i32)
    (local $r f64) (local $w f64) (local $v f64)
    (local $f0 f64) (local $f1 f64) (local $d1 f64) (local $d2 f64)
    (local $acc v128) (local $nv v128) (local $m v128) (local $m2 v128) (local $idx v128)
    (local $jv v128) (local $dv v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $kBytes (i32.shl (local.get $k2) (i32.const 3)))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $i (i32.load (local.get $list)))
        (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $a (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        ;; every centre, two per f64x2: per lane the first minimum and the runner-up
        (local.set $nv (v128.load64_splat (i32.add (local.get $xn) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $m (f64x2.splat (f64.const inf)))
        (local.set $m2 (local.get $m))
        (local.set $idx (v128.const i64x2 0 0))
        (local.set $jv (v128.const i64x2 0 1))
        (local.set $j (i32.const 0))
        (loop $pairs
          (local.set $acc (v128.const i64x2 0 0))
          (local.set $cp (i32.add (local.get $ct) (local.get $j)))
          (local.set $t (i32.const 0))
          (loop $dots
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
              (v128.load64_splat (i32.add (local.get $xp) (local.get $t))) (v128.load (local.get $cp)))))
            (local.set $cp (i32.add (local.get $cp) (local.get $kBytes)))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br_if $dots (i32.lt_u (local.get $t) (local.get $rowBytes))))
          (local.set $dv (f64x2.pmax (v128.const i64x2 0 0) (f64x2.sub
            (f64x2.add (local.get $nv) (v128.load (i32.add (local.get $cn) (local.get $j))))
            (f64x2.add (local.get $acc) (local.get $acc)))))
          (local.set $m2 (f64x2.pmin (local.get $m2) (f64x2.pmax (local.get $dv) (local.get $m))))
          (local.set $idx (v128.bitselect (local.get $jv) (local.get $idx)
            (f64x2.lt (local.get $dv) (local.get $m))))
          (local.set $m (f64x2.pmin (local.get $m) (local.get $dv)))
          (local.set $jv (i64x2.add (local.get $jv) (v128.const i64x2 2 2)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $pairs (i32.lt_u (local.get $j) (local.get $kBytes))))
        ;; merge the lanes: the lower value wins, then the lower index
        (local.set $f0 (f64x2.extract_lane 0 (local.get $m)))
        (local.set $f1 (f64x2.extract_lane 1 (local.get $m)))
        (local.set $i0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $idx))))
        (local.set $i1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $idx))))
        (local.set $best (select (local.get $i0) (local.get $i1) (i32.lt_s (local.get $i0) (local.get $i1))))
        (local.set $best (select (local.get $i0) (local.get $best) (f64.lt (local.get $f0) (local.get $f1))))
        (local.set $best (select (local.get $i1) (local.get $best) (f64.lt (local.get $f1) (local.get $f0))))
        (local.set $d1 (f64.min (local.get $f0) (local.get $f1)))
        (local.set $d2 (f64.min (f64.min (f64x2.extract_lane 0 (local.get $m2))
          (f64x2.extract_lane 1 (local.get $m2))) (f64.max (local.get $f0) (local.get $f1))))
        (local.set $r (f64.add (f64.load (i32.add (local.get $radius) (i32.shl (local.get $i) (i32.const 3))))
          (local.get $shift)))
        (local.set $r (f64.mul (f64.mul (local.get $error) (local.get $r)) (local.get $r)))
        (f64.store (i32.add (local.get $upper) (i32.shl (local.get $i) (i32.const 3)))
          (f64.sqrt (f64.add (local.get $d1) (local.get $r))))
        (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3)))
          (f64.sqrt (f64.max (f64.sub (local.get $d2) (local.get $r)) (f64.const 0))))
        (if (i32.ne (local.get $best) (local.get $a))
          (then
            (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
            (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
            (local.set $w (f64.load (i32.add (local.get $weights) (i32.shl (local.get $i) (i32.const 3)))))
            (if (f64.ne (local.get $w) (f64.const 0))
              (then
                (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $best) (local.get $rowBytes))))
                (local.set $dp (i32.add (local.get $sums) (i32.mul (local.get $a) (local.get $rowBytes))))
                (local.set $t (i32.const 0))
                (loop $move
                  (local.set $v (f64.mul (f64.load (i32.add (local.get $xp) (local.get $t))) (local.get $w)))
                  (if (i32.ge_s (local.get $a) (i32.const 0))
                    (then (f64.store (i32.add (local.get $dp) (local.get $t))
                      (f64.sub (f64.load (i32.add (local.get $dp) (local.get $t))) (local.get $v)))))
                  (f64.store (i32.add (local.get $sp) (local.get $t))
                    (f64.add (f64.load (i32.add (local.get $sp) (local.get $t))) (local.get $v)))
                  (local.set $t (i32.add (local.get $t) (i32.const 8)))
                  (br_if $move (i32.lt_u (local.get $t) (local.get $rowBytes))))
                (call $addWeight (local.get $totals) (local.get $best) (local.get $w))
                (call $addWeight (local.get $churn) (local.get $best) (local.get $w))
                (if (i32.ge_s (local.get $a) (i32.const 0))
                  (then
                    (call $addWeight (local.get $totals) (local.get $a) (f64.neg (local.get $w)))
                    (call $addWeight (local.get $churn) (local.get $a) (local.get $w))))))))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $row)))
    (local.get $changed))

  ;; array[index] += value (float64).
  (func $addWeight (param $array i32) (param $index i32) (param $value f64)
    (local.set $array (i32.add (local.get $array) (i32.shl (local.get $index) (i32.const 3))))
    (f64.store (local.get $array) (f64.add (f64.load (local.get $array)) (local.get $value))))

  ;; After the centres moved by shifts (k): upper[r] += shifts[labels[r]] and lower[r] -= the
  ;; largest shift of the other centres (second for the rows of the one that moved most).
  (func (export "boundsMove")
    (param $rows i32) (param $labels i32) (param $upper i32) (param $lower i32) (param $shifts i32)
    (param $largest f64) (param $largestIndex i32) (param $second f64)
    (local $a i32)
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $a (i32.load (local.get $labels)))
        (f64.store (local.get $upper) (f64.add (f64.load (local.get $upper))
          (f64.load (i32.add (local.get $shifts) (i32.shl (local.get $a) (i32.const 3))))))
        (f64.store (local.get $lower) (f64.sub (f64.load (local.get $lower))
          (select (local.get $second) (local.get $largest)
            (i32.eq (local.get $a) (local.get $largestIndex)))))
        (local.set $labels (i32.add (local.get $labels) (i32.const 4)))
        (local.set $upper (i32.add (local.get $upper) (i32.const 8)))
        (local.set $lower (i32.add (local.get $lower) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))
)
