;; The SIMD kernel behind `squaredDistances` for rows and outputs in kernel memory, a module of
;; its own so that each stays under the 4 KiB Chromium compiles synchronously on a page's main
;; thread. Pointers are byte offsets into the imported memory, strides in elements.
;; Regenerate distancesBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; Squared distances between rows and centres for `squaredDistances`:
  ;; out[r * outStride + j] = max((xn[r] + cn[j]) - 2 * (x_r . c_j), 0) for r < rows, j < k,
  ;; with the centres transposed at ct (ct[t * k + j] = c_j[t]). Every dot product sums t in
  ;; increasing order from 0, as dotBlock does, and the lanes of a v128 are two centres, so the
  ;; bits are the JavaScript kernel's. Rows go in pairs; an odd last row is paired with itself and
  ;; its twin written to `spare` (k doubles). Centres go 8, then 2, then 1 at a time. The finish
  ;; max((n + cn) - (s + s), 0) is written out at every store (a call per pair cost 30% of the
  ;; kernel): s + s is 2s exactly, NaN stays NaN and -0 becomes 0, as in dotBlock.
  (func (export "squaredDistances")
    (param $x i32) (param $rows i32) (param $d i32) (param $ct i32) (param $k i32)
    (param $xn i32) (param $cn i32) (param $out i32) (param $outStride i32) (param $spare i32)
    (local $rowBytes i32) (local $kBytes i32) (local $x0 i32) (local $x1 i32) (local $o0 i32)
    (local $o1 i32) (local $n0 v128) (local $n1 v128) (local $j i32) (local $t i32) (local $p i32)
    (local $s0 v128) (local $s1 v128) (local $y v128) (local $cnj v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $u0 f64) (local $u1 f64) (local $ys f64) (local $r i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $outStride (i32.shl (local.get $outStride) (i32.const 3)))
    (block $rowsDone
      (loop $rowPairs
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $o0 (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $outStride))))
        (local.set $n0 (f64x2.splat (f64.load (i32.add (local.get $xn) (i32.shl (local.get $r) (i32.const 3))))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $rows))
          (then
            (local.set $x1 (i32.add (local.get $x0) (local.get $rowBytes)))
            (local.set $o1 (i32.add (local.get $o0) (local.get $outStride)))
            (local.set $n1 (f64x2.splat (f64.load offset=8
              (i32.add (local.get $xn) (i32.shl (local.get $r) (i32.const 3)))))))
          (else
            (local.set $x1 (local.get $x0))
            (local.set $o1 (local.get $spare))
            (local.set $n1 (local.get $n0))))
        (local.set $j (i32.const 0))
        ;; eight centres at a time
        (block $octetsDone
          (loop $octets
            (br_if $octetsDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $kBytes)))
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
            (local.set $b0 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
            (local.set $b2 (v128.const i64x2 0 0)) (local.set $b3 (v128.const i64x2 0 0))
            (local.set $p (i32.add (local.get $ct) (local.get $j)))
            (local.set $t (i32.const 0))
            (block $dotsDone
              (loop $dots
                (br_if $dotsDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                (local.set $s0 (f64x2.splat (f64.load (i32.add (local.get $x0) (local.get $t)))))
                (local.set $s1 (f64x2.splat (f64.load (i32.add (local.get $x1) (local.get $t)))))
                (local.set $y (v128.load (local.get $p)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s0) (local.get $y))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $s1) (local.get $y))))
                (local.set $y (v128.load offset=16 (local.get $p)))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s0) (local.get $y))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $s1) (local.get $y))))
                (local.set $y (v128.load offset=32 (local.get $p)))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s0) (local.get $y))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $s1) (local.get $y))))
                (local.set $y (v128.load offset=48 (local.get $p)))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s0) (local.get $y))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $s1) (local.get $y))))
                (local.set $p (i32.add (local.get $p) (local.get $kBytes)))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $dots)))
            (local.set $p (i32.add (local.get $cn) (local.get $j)))
            (v128.store (i32.add (local.get $o0) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (v128.load (local.get $p))) (f64x2.add (local.get $a0) (local.get $a0))) (v128.const i64x2 0 0)))
            (v128.store offset=16 (i32.add (local.get $o0) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (v128.load offset=16 (local.get $p))) (f64x2.add (local.get $a1) (local.get $a1))) (v128.const i64x2 0 0)))
            (v128.store offset=32 (i32.add (local.get $o0) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (v128.load offset=32 (local.get $p))) (f64x2.add (local.get $a2) (local.get $a2))) (v128.const i64x2 0 0)))
            (v128.store offset=48 (i32.add (local.get $o0) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (v128.load offset=48 (local.get $p))) (f64x2.add (local.get $a3) (local.get $a3))) (v128.const i64x2 0 0)))
            (v128.store (i32.add (local.get $o1) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (v128.load (local.get $p))) (f64x2.add (local.get $b0) (local.get $b0))) (v128.const i64x2 0 0)))
            (v128.store offset=16 (i32.add (local.get $o1) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (v128.load offset=16 (local.get $p))) (f64x2.add (local.get $b1) (local.get $b1))) (v128.const i64x2 0 0)))
            (v128.store offset=32 (i32.add (local.get $o1) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (v128.load offset=32 (local.get $p))) (f64x2.add (local.get $b2) (local.get $b2))) (v128.const i64x2 0 0)))
            (v128.store offset=48 (i32.add (local.get $o1) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (v128.load offset=48 (local.get $p))) (f64x2.add (local.get $b3) (local.get $b3))) (v128.const i64x2 0 0)))
            (local.set $j (i32.add (local.get $j) (i32.const 64)))
            (br $octets)))
        ;; two centres at a time
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $kBytes)))
            (local.set $a0 (v128.const i64x2 0 0))
            (local.set $b0 (v128.const i64x2 0 0))
            (local.set $p (i32.add (local.get $ct) (local.get $j)))
            (local.set $t (i32.const 0))
            (block $pairDotsDone
              (loop $pairDots
                (br_if $pairDotsDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                (local.set $y (v128.load (local.get $p)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $x0) (local.get $t)))) (local.get $y))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $x1) (local.get $t)))) (local.get $y))))
                (local.set $p (i32.add (local.get $p) (local.get $kBytes)))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $pairDots)))
            (local.set $cnj (v128.load (i32.add (local.get $cn) (local.get $j))))
            (v128.store (i32.add (local.get $o0) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (local.get $cnj)) (f64x2.add (local.get $a0) (local.get $a0))) (v128.const i64x2 0 0)))
            (v128.store (i32.add (local.get $o1) (local.get $j))
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (local.get $cnj)) (f64x2.add (local.get $b0) (local.get $b0))) (v128.const i64x2 0 0)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $pairs)))
        ;; the last centre of an odd k
        (if (i32.lt_u (local.get $j) (local.get $kBytes))
          (then
            (local.set $u0 (f64.const 0))
            (local.set $u1 (f64.const 0))
            (local.set $p (i32.add (local.get $ct) (local.get $j)))
            (local.set $t (i32.const 0))
            (block $lastDone
              (loop $last
                (br_if $lastDone (i32.ge_u (local.get $t) (local.get $rowBytes)))
                (local.set $ys (f64.load (local.get $p)))
                (local.set $u0 (f64.add (local.get $u0)
                  (f64.mul (f64.load (i32.add (local.get $x0) (local.get $t))) (local.get $ys))))
                (local.set $u1 (f64.add (local.get $u1)
                  (f64.mul (f64.load (i32.add (local.get $x1) (local.get $t))) (local.get $ys))))
                (local.set $p (i32.add (local.get $p) (local.get $kBytes)))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $last)))
            (local.set $cnj (f64x2.splat (f64.load (i32.add (local.get $cn) (local.get $j)))))
            (f64.store (i32.add (local.get $o0) (local.get $j)) (f64x2.extract_lane 0
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n0) (local.get $cnj)) (f64x2.add (f64x2.splat (local.get $u0)) (f64x2.splat (local.get $u0)))) (v128.const i64x2 0 0))))
            (f64.store (i32.add (local.get $o1) (local.get $j)) (f64x2.extract_lane 0
              (f64x2.max (f64x2.sub (f64x2.add (local.get $n1) (local.get $cnj)) (f64x2.add (f64x2.splat (local.get $u1)) (f64x2.splat (local.get $u1)))) (v128.const i64x2 0 0))))))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $rowPairs))))

)
