;; SIMD (f64x2) kernels behind `squaredMahalanobisDiagonal` and the diagonal
;; `weightedMeanScatter`, for data that lives in kernel memory (`allocateKernelArrays`).
;; Pointers are byte offsets into the imported memory; strides are in elements.
;; Both do the same floating-point operations in the same order as the JavaScript
;; loops they replace, so results are bit-identical with or without WebAssembly.
;; Regenerate kernelsBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (memory (import "env" "memory") 1)

  ;; out[r * outStride] = shift + scale * sum_j (x_rj - mean_j)^2 * precisions_j for r < rows,
  ;; or nanValue where that is NaN, one row at a time (the last row of an odd count).
  ;; Dimensions are summed in four interleaved chains (j mod 4: two f64x2 accumulators),
  ;; combined as (chain0 + chain2) + (chain1 + chain3); the last d mod 4 terms follow in order.
  (func $mahalanobisDiagonalRows
    (param $x i32) (param $rows i32) (param $d i32) (param $mean i32) (param $precisions i32)
    (param $out i32) (param $outStride i32) (param $scale f64) (param $shift f64)
    (param $nanValue f64)
    (local $j i32) (local $quadsEnd i32) (local $rowBytes i32)
    (local $acc0 v128) (local $acc1 v128) (local $z v128) (local $sum f64) (local $t f64)
    (local $value f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quadsEnd (i32.shl (i32.shr_u (local.get $d) (i32.const 2)) (i32.const 5)))
    (local.set $outStride (i32.shl (local.get $outStride) (i32.const 3)))
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $acc0 (f64x2.splat (f64.const 0)))
        (local.set $acc1 (f64x2.splat (f64.const 0)))
        (local.set $j (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.ge_u (local.get $j) (local.get $quadsEnd)))
            (local.set $z (f64x2.sub
              (v128.load (i32.add (local.get $x) (local.get $j)))
              (v128.load (i32.add (local.get $mean) (local.get $j)))))
            (local.set $acc0 (f64x2.add (local.get $acc0)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z))
                (v128.load (i32.add (local.get $precisions) (local.get $j))))))
            (local.set $z (f64x2.sub
              (v128.load offset=16 (i32.add (local.get $x) (local.get $j)))
              (v128.load offset=16 (i32.add (local.get $mean) (local.get $j)))))
            (local.set $acc1 (f64x2.add (local.get $acc1)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z))
                (v128.load offset=16 (i32.add (local.get $precisions) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $quads)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
        (local.set $sum (f64.add
          (f64x2.extract_lane 0 (local.get $acc0))
          (f64x2.extract_lane 1 (local.get $acc0))))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $t (f64.sub
              (f64.load (i32.add (local.get $x) (local.get $j)))
              (f64.load (i32.add (local.get $mean) (local.get $j)))))
            (local.set $sum (f64.add (local.get $sum)
              (f64.mul (f64.mul (local.get $t) (local.get $t))
                (f64.load (i32.add (local.get $precisions) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $tail)))
        (local.set $value (f64.add (local.get $shift) (f64.mul (local.get $scale) (local.get $sum))))
        (f64.store (local.get $out)
          (select (local.get $value) (local.get $nanValue)
            (f64.eq (local.get $value) (local.get $value))))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (local.get $outStride)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))


  ;; The same, two rows per step: each mean and precision pair is loaded once for both rows
  ;; (about 1.2x faster at d = 16); every row keeps its own chains, so the bits do not change.
  (func (export "mahalanobisDiagonal")
    (param $x i32) (param $rows i32) (param $d i32) (param $mean i32) (param $precisions i32)
    (param $out i32) (param $outStride i32) (param $scale f64) (param $shift f64)
    (param $nanValue f64)
    (local $j i32) (local $quadsEnd i32) (local $rowBytes i32) (local $y i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $z v128) (local $m v128) (local $p v128)
    (local $sumA f64) (local $sumB f64) (local $t f64) (local $value f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $quadsEnd (i32.shl (i32.shr_u (local.get $d) (i32.const 2)) (i32.const 5)))
    (local.set $outStride (i32.shl (local.get $outStride) (i32.const 3)))
    (block $done
      (loop $rowPair
        (br_if $done (i32.lt_u (local.get $rows) (i32.const 2)))
        (local.set $y (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $a0 (f64x2.splat (f64.const 0)))
        (local.set $a1 (f64x2.splat (f64.const 0)))
        (local.set $b0 (f64x2.splat (f64.const 0)))
        (local.set $b1 (f64x2.splat (f64.const 0)))
        (local.set $j (i32.const 0))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.ge_u (local.get $j) (local.get $quadsEnd)))
            (local.set $m (v128.load (i32.add (local.get $mean) (local.get $j))))
            (local.set $p (v128.load (i32.add (local.get $precisions) (local.get $j))))
            (local.set $z (f64x2.sub
              (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $m)))
            (local.set $a0 (f64x2.add (local.get $a0)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z)) (local.get $p))))
            (local.set $z (f64x2.sub
              (v128.load (i32.add (local.get $y) (local.get $j))) (local.get $m)))
            (local.set $b0 (f64x2.add (local.get $b0)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z)) (local.get $p))))
            (local.set $m (v128.load offset=16 (i32.add (local.get $mean) (local.get $j))))
            (local.set $p (v128.load offset=16 (i32.add (local.get $precisions) (local.get $j))))
            (local.set $z (f64x2.sub
              (v128.load offset=16 (i32.add (local.get $x) (local.get $j))) (local.get $m)))
            (local.set $a1 (f64x2.add (local.get $a1)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z)) (local.get $p))))
            (local.set $z (f64x2.sub
              (v128.load offset=16 (i32.add (local.get $y) (local.get $j))) (local.get $m)))
            (local.set $b1 (f64x2.add (local.get $b1)
              (f64x2.mul (f64x2.mul (local.get $z) (local.get $z)) (local.get $p))))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (br $quads)))
        (local.set $a0 (f64x2.add (local.get $a0) (local.get $a1)))
        (local.set $b0 (f64x2.add (local.get $b0) (local.get $b1)))
        (local.set $sumA (f64.add
          (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
        (local.set $sumB (f64.add
          (f64x2.extract_lane 0 (local.get $b0)) (f64x2.extract_lane 1 (local.get $b0))))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $t (f64.sub
              (f64.load (i32.add (local.get $x) (local.get $j)))
              (f64.load (i32.add (local.get $mean) (local.get $j)))))
            (local.set $sumA (f64.add (local.get $sumA)
              (f64.mul (f64.mul (local.get $t) (local.get $t))
                (f64.load (i32.add (local.get $precisions) (local.get $j))))))
            (local.set $t (f64.sub
              (f64.load (i32.add (local.get $y) (local.get $j)))
              (f64.load (i32.add (local.get $mean) (local.get $j)))))
            (local.set $sumB (f64.add (local.get $sumB)
              (f64.mul (f64.mul (local.get $t) (local.get $t))
                (f64.load (i32.add (local.get $precisions) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $tail)))
        (local.set $value (f64.add (local.get $shift) (f64.mul (local.get $scale) (local.get $sumA))))
        (f64.store (local.get $out)
          (select (local.get $value) (local.get $nanValue)
            (f64.eq (local.get $value) (local.get $value))))
        (local.set $out (i32.add (local.get $out) (local.get $outStride)))
        (local.set $value (f64.add (local.get $shift) (f64.mul (local.get $scale) (local.get $sumB))))
        (f64.store (local.get $out)
          (select (local.get $value) (local.get $nanValue)
            (f64.eq (local.get $value) (local.get $value))))
        (local.set $out (i32.add (local.get $out) (local.get $outStride)))
        (local.set $x (i32.add (local.get $y) (local.get $rowBytes)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 2)))
        (br $rowPair)))
    (call $mahalanobisDiagonalRows
      (local.get $x) (local.get $rows) (local.get $d) (local.get $mean) (local.get $precisions)
      (local.get $out) (i32.shr_u (local.get $outStride) (i32.const 3)) (local.get $scale)
      (local.get $shift) (local.get $nanValue)))

  ;; For rows r < rows with weight w = weights[r * weightStride] != 0, in row order:
  ;; z = x_r - shift; c += w z; S += (w z) z (per dimension, in place), total += w.
  ;; Returns total. Rows are visited through a bit mask of 32 rows' non-zero weights and
  ;; count-trailing-zeros, so the zero/non-zero pattern costs no mispredicted branch per row.
  (func (export "momentsDiagonal")
    (param $x i32) (param $rows i32) (param $d i32) (param $weights i32) (param $weightStride i32)
    (param $shift i32) (param $c i32) (param $S i32) (result f64)
    (local $total f64) (local $w f64) (local $wv v128) (local $z v128) (local $v v128)
    (local $zs f64) (local $vs f64) (local $j i32) (local $pairsEnd i32) (local $rowBytes i32)
    (local $row i32) (local $mask i32) (local $group i32) (local $groupEnd i32) (local $i i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairsEnd (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4)))
    (local.set $weightStride (i32.shl (local.get $weightStride) (i32.const 3)))
    (block $done
      (loop $groups
        (br_if $done (i32.ge_u (local.get $group) (local.get $rows)))
        (local.set $groupEnd (select
          (i32.add (local.get $group) (i32.const 32))
          (local.get $rows)
          (i32.lt_u (i32.add (local.get $group) (i32.const 32)) (local.get $rows))))
        (local.set $mask (i32.const 0))
        (local.set $i (local.get $group))
        (block $maskDone
          (loop $maskRows
            (br_if $maskDone (i32.ge_u (local.get $i) (local.get $groupEnd)))
            (local.set $mask (i32.or (local.get $mask)
              (i32.shl
                (f64.ne
                  (f64.load (i32.add (local.get $weights)
                    (i32.mul (local.get $i) (local.get $weightStride))))
                  (f64.const 0))
                (i32.sub (local.get $i) (local.get $group)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $maskRows)))
        (block $bitsDone
          (loop $bits
            (br_if $bitsDone (i32.eqz (local.get $mask)))
            (local.set $row (i32.add (local.get $group) (i32.ctz (local.get $mask))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (local.set $w (f64.load (i32.add (local.get $weights)
              (i32.mul (local.get $row) (local.get $weightStride)))))
            (local.set $total (f64.add (local.get $total) (local.get $w)))
            (local.set $wv (f64x2.splat (local.get $w)))
            (local.set $i (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $rowBytes))))
            (local.set $j (i32.const 0))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairsEnd)))
                (local.set $z (f64x2.sub
                  (v128.load (i32.add (local.get $i) (local.get $j)))
                  (v128.load (i32.add (local.get $shift) (local.get $j)))))
                (local.set $v (f64x2.mul (local.get $wv) (local.get $z)))
                (v128.store (i32.add (local.get $c) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $c) (local.get $j))) (local.get $v)))
                (v128.store (i32.add (local.get $S) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $S) (local.get $j)))
                    (f64x2.mul (local.get $v) (local.get $z))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $pairs)))
            (if (i32.lt_u (local.get $j) (local.get $rowBytes))
              (then
                (local.set $zs (f64.sub
                  (f64.load (i32.add (local.get $i) (local.get $j)))
                  (f64.load (i32.add (local.get $shift) (local.get $j)))))
                (local.set $vs (f64.mul (local.get $w) (local.get $zs)))
                (f64.store (i32.add (local.get $c) (local.get $j))
                  (f64.add (f64.load (i32.add (local.get $c) (local.get $j))) (local.get $vs)))
                (f64.store (i32.add (local.get $S) (local.get $j))
                  (f64.add (f64.load (i32.add (local.get $S) (local.get $j)))
                    (f64.mul (local.get $vs) (local.get $zs))))))
            (br $bits)))
        (local.set $group (local.get $groupEnd))
        (br $groups)))
    (local.get $total)))
