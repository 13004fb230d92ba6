;; SIMD (f64x2) kernels behind `squaredMahalanobisDiagonal` and the diagonal
;; `weightedMeanScatter`, for data that lives in kernel memory (`allocateKernelArrays`).
;; Pointers are byte offsets into the imported memory; strides are in elements.
;; Both do the same floating-point operations in the same order as the JavaScript
;; loops they replace, so results are bit-identical with or without WebAssembly.
;; Regenerate kernelsBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))
  ;; Math.exp, for arguments outside expNonPositive's table range.
  (import "env" "exp" (func $mathExp (param f64) (result f64)))

  ;; expNonPositive's table, written by wasmKernels.ts at the end of the scratch page: lead and
  ;; trail of 2^(-i/128) interleaved for i < 128, then 2^-m for m < 1024 (from byte 57344).
  (global $expTable i32 (i32.const 55296))
  (global $powersOfHalf i32 (i32.const 57344))

  ;; expNonPositive.ts operation for operation (same constants, same order, no fused
  ;; multiply-add), so the same bits: e^x for -708 <= x <= 0 by Tang's table method (ACM TOMS
  ;; 15(2), 1989), Math.exp for any other argument.
  (func $expNonPositive (export "expNonPositive") (param $x f64) (result f64)
    (local $j i32) (local $jf f64) (local $r f64) (local $r2 f64) (local $q f64)
    (local $i i32) (local $lead f64)
    (if (i32.eqz (i32.and
          (f64.ge (local.get $x) (f64.const -708))
          (f64.le (local.get $x) (f64.const 0))))
      (then (return (call $mathExp (local.get $x)))))
    (local.set $j (i32.trunc_f64_s
      (f64.sub (f64.const 0.5) (f64.mul (local.get $x) (f64.const 184.6649652337873)))))
    (local.set $jf (f64.convert_i32_s (local.get $j)))
    (local.set $r (f64.add
      (f64.add (local.get $x) (f64.mul (local.get $jf) (f64.const 0.005415208637714386)))
      (f64.mul (local.get $jf) (f64.const 3.710410186743494e-9))))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $q (f64.add (local.get $r)
      (f64.mul (local.get $r2)
        (f64.add
          (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0.16666666666666666)))
          (f64.mul (local.get $r2)
            (f64.add (f64.const 0.041666666666666664)
              (f64.mul (local.get $r) (f64.const 0.008333333333333333))))))))
    (local.set $i (i32.add (global.get $expTable)
      (i32.shl (i32.and (local.get $j) (i32.const 127)) (i32.const 4))))
    (local.set $lead (f64.load (local.get $i)))
    (f64.mul
      (f64.add (local.get $lead)
        (f64.add (f64.load offset=8 (local.get $i)) (f64.mul (local.get $lead) (local.get $q))))
      (f64.load (i32.add (global.get $powersOfHalf)
        (i32.shl (i32.shr_s (local.get $j) (i32.const 7)) (i32.const 3))))))

  ;; $expNonPositive on both lanes at once, lane for lane the same operations (f64x2 arithmetic
  ;; is IEEE per lane; the saturating truncation equals i32.trunc_f64_s on the table range).
  ;; A pair with a lane outside [-708, 0] goes through $expNonPositive one lane at a time.
  (func $expPair (param $x v128) (result v128)
    (local $j v128) (local $jf v128) (local $r v128) (local $r2 v128) (local $q v128)
    (local $i0 i32) (local $i1 i32) (local $lead v128) (local $j0 i32) (local $j1 i32)
    (if (i32.eqz (i64x2.all_true (v128.and
          (f64x2.ge (local.get $x) (f64x2.splat (f64.const -708)))
          (f64x2.le (local.get $x) (f64x2.splat (f64.const 0))))))
      (then
        (return (f64x2.replace_lane 1
          (f64x2.splat (call $expNonPositive (f64x2.extract_lane 0 (local.get $x))))
          (call $expNonPositive (f64x2.extract_lane 1 (local.get $x)))))))
    (local.set $j (i32x4.trunc_sat_f64x2_s_zero (f64x2.sub (f64x2.splat (f64.const 0.5))
      (f64x2.mul (local.get $x) (f64x2.splat (f64.const 184.6649652337873))))))
    (local.set $jf (f64x2.convert_low_i32x4_s (local.get $j)))
    (local.set $r (f64x2.add
      (f64x2.add (local.get $x) (f64x2.mul (local.get $jf) (f64x2.splat (f64.const 0.005415208637714386))))
      (f64x2.mul (local.get $jf) (f64x2.splat (f64.const 3.710410186743494e-9)))))
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $q (f64x2.add (local.get $r)
      (f64x2.mul (local.get $r2)
        (f64x2.add
          (f64x2.add (f64x2.splat (f64.const 0.5))
            (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0.16666666666666666))))
          (f64x2.mul (local.get $r2)
            (f64x2.add (f64x2.splat (f64.const 0.041666666666666664))
              (f64x2.mul (local.get $r) (f64x2.splat (f64.const 0.008333333333333333)))))))))
    (local.set $j0 (i32x4.extract_lane 0 (local.get $j)))
    (local.set $j1 (i32x4.extract_lane 1 (local.get $j)))
    (local.set $i0 (i32.add (global.get $expTable)
      (i32.shl (i32.and (local.get $j0) (i32.const 127)) (i32.const 4))))
    (local.set $i1 (i32.add (global.get $expTable)
      (i32.shl (i32.and (local.get $j1) (i32.const 127)) (i32.const 4))))
    (local.set $lead (f64x2.replace_lane 1
      (f64x2.splat (f64.load (local.get $i0))) (f64.load (local.get $i1))))
    (f64x2.mul
      (f64x2.add (local.get $lead)
        (f64x2.add
          (f64x2.replace_lane 1
            (f64x2.splat (f64.load offset=8 (local.get $i0))) (f64.load offset=8 (local.get $i1)))
          (f64x2.mul (local.get $lead) (local.get $q))))
      (f64x2.replace_lane 1
        (f64x2.splat (f64.load (i32.add (global.get $powersOfHalf)
          (i32.shl (i32.shr_s (local.get $j0) (i32.const 7)) (i32.const 3)))))
        (f64.load (i32.add (global.get $powersOfHalf)
          (i32.shl (i32.shr_s (local.get $j1) (i32.const 7)) (i32.const 3)))))))

  ;; The soft E-step of `rows` rows of a rows x k block, in place, row by row: v += logWeights;
  ;; max; entries with v >= max + floor become e = expNonPositive(v - max), the others 0;
  ;; then e * (w / sum) with w = rowWeights[r] (1 without), added to totals in component order.
  ;; Writes max, sum and the kept count per row to rowOut (3 doubles a row). keptList is
  ;; scratch for 2k doubles. Stops before the
  ;; first row holding NaN or an infinity (after adding its log weights) and returns its index,
  ;; or rows: that row takes the caller's exact path.
  (func (export "softmaxRows")
    (param $block i32) (param $rows i32) (param $k i32) (param $logWeights i32) (param $floor f64)
    (param $rowWeights i32) (param $hasRowWeights i32) (param $totals i32) (param $rowOut i32)
    (param $keptList i32)
    (result i32)
    (local $r i32) (local $c i32) (local $at i32) (local $rowBytes i32) (local $v f64)
    (local $max f64) (local $finite i32) (local $cut f64) (local $sum f64) (local $e i32)
    (local $pairsEnd i32) (local $pair v128) (local $maxPair v128) (local $finitePair v128)
    (local $factorPair v128)
    (local $kept i32) (local $factor f64) (local $w f64)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $pairsEnd (i32.shl (i32.shr_u (local.get $k) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        ;; pass 1: joint values, their max, and whether all are finite (pairs, then the last)
        (local.set $maxPair (f64x2.splat (f64.const -inf)))
        (local.set $finitePair (i64x2.splat (i64.const -1)))
        (local.set $c (i32.const 0))
        (block $addPairsDone
          (loop $addPairs
            (br_if $addPairsDone (i32.ge_u (local.get $c) (local.get $pairsEnd)))
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $pair (f64x2.add (v128.load (local.get $at))
              (v128.load (i32.add (local.get $logWeights) (local.get $c)))))
            (v128.store (local.get $at) (local.get $pair))
            (local.set $maxPair (f64x2.max (local.get $maxPair) (local.get $pair)))
            (local.set $finitePair (v128.and (local.get $finitePair)
              (f64x2.eq (f64x2.sub (local.get $pair) (local.get $pair)) (f64x2.splat (f64.const 0)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $addPairs)))
        (local.set $max (f64.max
          (f64x2.extract_lane 0 (local.get $maxPair)) (f64x2.extract_lane 1 (local.get $maxPair))))
        (local.set $finite (i64x2.all_true (local.get $finitePair)))
        (if (i32.lt_u (local.get $c) (local.get $rowBytes))
          (then
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $v (f64.add (f64.load (local.get $at))
              (f64.load (i32.add (local.get $logWeights) (local.get $c)))))
            (f64.store (local.get $at) (local.get $v))
            (local.set $max (f64.max (local.get $max) (local.get $v)))
            (local.set $finite (i32.and (local.get $finite)
              (f64.eq (f64.sub (local.get $v) (local.get $v)) (f64.const 0))))))
        (br_if $done (i32.eqz (local.get $finite)))
        ;; pass 2: the kept entries' c and v - max appended to a list (only the count advances
        ;; with the test, so no branch), every entry zeroed; then e for the list, and its sum
        (local.set $cut (f64.add (local.get $max) (local.get $floor)))
        (local.set $kept (i32.const 0))
        (local.set $c (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $v (f64.load (local.get $at)))
            (local.set $e (i32.add (local.get $keptList) (i32.shl (local.get $kept) (i32.const 4))))
            (f64.store (local.get $e) (f64.sub (local.get $v) (local.get $max)))
            (i32.store offset=8 (local.get $e) (local.get $at))
            (f64.store (local.get $at) (f64.const 0))
            (local.set $kept (i32.add (local.get $kept)
              (i32.eqz (f64.lt (local.get $v) (local.get $cut)))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $list)))
        (local.set $sum (f64.const 0))
        (local.set $c (local.get $keptList))
        (local.set $at (i32.add (local.get $keptList) (i32.shl (local.get $kept) (i32.const 4))))
        ;; two entries per step through $expPair, summed in list order; the last one alone
        (block $expDone
          (loop $exp
            (br_if $expDone (i32.gt_u (i32.add (local.get $c) (i32.const 32)) (local.get $at)))
            (local.set $pair (call $expPair (f64x2.replace_lane 1
              (f64x2.splat (f64.load (local.get $c))) (f64.load offset=16 (local.get $c)))))
            (local.set $v (f64x2.extract_lane 0 (local.get $pair)))
            (f64.store (i32.load offset=8 (local.get $c)) (local.get $v))
            (local.set $sum (f64.add (local.get $sum) (local.get $v)))
            (local.set $v (f64x2.extract_lane 1 (local.get $pair)))
            (f64.store (i32.load offset=24 (local.get $c)) (local.get $v))
            (local.set $sum (f64.add (local.get $sum) (local.get $v)))
            (local.set $c (i32.add (local.get $c) (i32.const 32)))
            (br $exp)))
        (if (i32.lt_u (local.get $c) (local.get $at))
          (then
            (local.set $v (call $expNonPositive (f64.load (local.get $c))))
            (f64.store (i32.load offset=8 (local.get $c)) (local.get $v))
            (local.set $sum (f64.add (local.get $sum) (local.get $v)))))
        ;; pass 3: responsibilities times the row weight, and the column totals
        (local.set $w (f64.const 1))
        (if (local.get $hasRowWeights)
          (then (local.set $w (f64.load (i32.add (local.get $rowWeights)
            (i32.shl (local.get $r) (i32.const 3)))))))
        (local.set $factor (f64.div (local.get $w) (local.get $sum)))
        (local.set $factorPair (f64x2.splat (local.get $factor)))
        (local.set $c (i32.const 0))
        (block $scaleDone
          (loop $scale
            (br_if $scaleDone (i32.ge_u (local.get $c) (local.get $pairsEnd)))
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $pair (f64x2.mul (v128.load (local.get $at)) (local.get $factorPair)))
            (v128.store (local.get $at) (local.get $pair))
            (local.set $at (i32.add (local.get $totals) (local.get $c)))
            (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (local.get $pair)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $scale)))
        (if (i32.lt_u (local.get $c) (local.get $rowBytes))
          (then
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $v (f64.mul (f64.load (local.get $at)) (local.get $factor)))
            (f64.store (local.get $at) (local.get $v))
            (local.set $at (i32.add (local.get $totals) (local.get $c)))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $v)))))
        (local.set $at (i32.add (local.get $rowOut) (i32.mul (local.get $r) (i32.const 24))))
        (f64.store (local.get $at) (local.get $max))
        (f64.store offset=8 (local.get $at) (local.get $sum))
        (f64.store offset=16 (local.get $at) (f64.convert_i32_s (local.get $kept)))
        (local.set $block (i32.add (local.get $block) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $r))

  ;; softmaxRows without its responsibilities, for a pass that only scores (a fit's final
  ;; E-step): the same pass 1 (v += logWeights in place, max, finiteness), the same kept list
  ;; of v - max and the same exp loop summing it in list order, so the same max, sum and kept
  ;; count in rowOut, bit for bit; but the block keeps its joint values (no zeroing, no e
  ;; written back) and there is no pass 3 (no scaling, no totals). A row with one kept entry
  ;; (well-separated clusters: most rows) skips the exp. Stops before the first row holding
  ;; NaN or an infinity, as softmaxRows does, and returns its index, or rows.
  (func (export "logSumExpRows")
    (param $block i32) (param $rows i32) (param $k i32) (param $logWeights i32) (param $floor f64)
    (param $rowOut i32) (param $keptList i32)
    (result i32)
    (local $r i32) (local $c i32) (local $at i32) (local $rowBytes i32) (local $v f64)
    (local $max f64) (local $finite i32) (local $cut f64) (local $sum f64)
    (local $pairsEnd i32) (local $pair v128) (local $maxPair v128) (local $finitePair v128)
    (local $kept i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $pairsEnd (i32.shl (i32.shr_u (local.get $k) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $maxPair (f64x2.splat (f64.const -inf)))
        (local.set $finitePair (i64x2.splat (i64.const -1)))
        (local.set $c (i32.const 0))
        (block $addPairsDone
          (loop $addPairs
            (br_if $addPairsDone (i32.ge_u (local.get $c) (local.get $pairsEnd)))
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $pair (f64x2.add (v128.load (local.get $at))
              (v128.load (i32.add (local.get $logWeights) (local.get $c)))))
            (v128.store (local.get $at) (local.get $pair))
            (local.set $maxPair (f64x2.max (local.get $maxPair) (local.get $pair)))
            (local.set $finitePair (v128.and (local.get $finitePair)
              (f64x2.eq (f64x2.sub (local.get $pair) (local.get $pair)) (f64x2.splat (f64.const 0)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $addPairs)))
        (local.set $max (f64.max
          (f64x2.extract_lane 0 (local.get $maxPair)) (f64x2.extract_lane 1 (local.get $maxPair))))
        (local.set $finite (i64x2.all_true (local.get $finitePair)))
        (if (i32.lt_u (local.get $c) (local.get $rowBytes))
          (then
            (local.set $at (i32.add (local.get $block) (local.get $c)))
            (local.set $v (f64.add (f64.load (local.get $at))
              (f64.load (i32.add (local.get $logWeights) (local.get $c)))))
            (f64.store (local.get $at) (local.get $v))
            (local.set $max (f64.max (local.get $max) (local.get $v)))
            (local.set $finite (i32.and (local.get $finite)
              (f64.eq (f64.sub (local.get $v) (local.get $v)) (f64.const 0))))))
        (br_if $done (i32.eqz (local.get $finite)))
        (local.set $cut (f64.add (local.get $max) (local.get $floor)))
        (local.set $kept (i32.const 0))
        (local.set $c (i32.const 0))
        (block $listDone
          (loop $list
            (br_if $listDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $v (f64.load (i32.add (local.get $block) (local.get $c))))
            (f64.store (i32.add (local.get $keptList) (i32.shl (local.get $kept) (i32.const 3)))
              (f64.sub (local.get $v) (local.get $max)))
            (local.set $kept (i32.add (local.get $kept)
              (i32.eqz (f64.lt (local.get $v) (local.get $cut)))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $list)))
        ;; One kept entry is the max itself: the list holds max - max = +0 alone, whose
        ;; expNonPositive is exactly 1, so the sum is 1 without the exp loop.
        (local.set $sum (f64.const 1))
        (local.set $c (local.get $keptList))
        (local.set $at (local.get $keptList))
        (if (i32.ne (local.get $kept) (i32.const 1))
          (then
            (local.set $sum (f64.const 0))
            (local.set $at (i32.add (local.get $keptList) (i32.shl (local.get $kept) (i32.const 3))))))
        (block $expDone
          (loop $exp
            (br_if $expDone (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $at)))
            (local.set $pair (call $expPair (v128.load (local.get $c))))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $pair))))
            (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 (local.get $pair))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $exp)))
        (if (i32.lt_u (local.get $c) (local.get $at))
          (then
            (local.set $sum (f64.add (local.get $sum)
              (call $expNonPositive (f64.load (local.get $c)))))))
        (local.set $at (i32.add (local.get $rowOut) (i32.mul (local.get $r) (i32.const 24))))
        (f64.store (local.get $at) (local.get $max))
        (f64.store offset=8 (local.get $at) (local.get $sum))
        (f64.store offset=16 (local.get $at) (f64.convert_i32_s (local.get $kept)))
        (local.set $block (i32.add (local.get $block) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $r))

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
  ;; z = x_r - shift; c += w z; S += (w z) z (per dimension, in place); total (from total0) += w.
  ;; Returns total. The non-zero rows are first listed (row address, weight) at `list`, 16 bytes
  ;; each, without a branch; then each group of 6 dimensions keeps its c, S and shift in
  ;; registers for the whole list, so per row and dimension the loop only loads x. Every
  ;; dimension still sums its rows in row order: the same bits as the JavaScript loop.
  (func (export "momentsDiagonal")
    (param $x i32) (param $rows i32) (param $d i32) (param $weights i32) (param $weightStride i32)
    (param $shift i32) (param $c i32) (param $S i32) (param $list i32) (param $total0 f64)
    (result f64)
    (local $total f64) (local $w f64) (local $wv v128) (local $z v128) (local $v v128)
    (local $zs f64) (local $vs f64) (local $j i32) (local $pairsEnd i32)
    (local $rowBytes i32) (local $row i32) (local $end i32) (local $t i32) (local $xr i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128)
    (local $S0 v128) (local $S1 v128) (local $S2 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local $cs f64) (local $Ss f64) (local $ss f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairsEnd (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4)))
        (local.set $weightStride (i32.shl (local.get $weightStride) (i32.const 3)))
    ;; the list of non-zero rows; adding a zero weight leaves the total's bits unchanged
    (local.set $total (local.get $total0))
    (local.set $end (local.get $list))
    (block $listed
      (loop $scan
        (br_if $listed (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $w (f64.load (i32.add (local.get $weights)
          (i32.mul (local.get $row) (local.get $weightStride)))))
        (i32.store (local.get $end)
          (i32.add (local.get $x) (i32.mul (local.get $row) (local.get $rowBytes))))
        (f64.store offset=8 (local.get $end) (local.get $w))
        (local.set $total (f64.add (local.get $total) (local.get $w)))
        (local.set $end (i32.add (local.get $end)
          (i32.shl (f64.ne (local.get $w) (f64.const 0)) (i32.const 4))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $scan)))
    ;; six dimensions at a time, sums in registers: c, S and the shift of 3 pairs, the weight
    ;; and the 3 loaded pairs of x (which V8 schedules first) are 13 live registers and the
    ;; products 2 more, the 15 V8 allocates on x64 (eight at a time spilled two sums to the
    ;; stack, whose store-to-load round trip then bounded every row)
    (block $sextetsDone
      (loop $sextets
        (br_if $sextetsDone (i32.gt_u (i32.add (local.get $j) (i32.const 48)) (local.get $rowBytes)))
        (local.set $c0 (v128.load (i32.add (local.get $c) (local.get $j))))
        (local.set $c1 (v128.load offset=16 (i32.add (local.get $c) (local.get $j))))
        (local.set $c2 (v128.load offset=32 (i32.add (local.get $c) (local.get $j))))
        (local.set $S0 (v128.load (i32.add (local.get $S) (local.get $j))))
        (local.set $S1 (v128.load offset=16 (i32.add (local.get $S) (local.get $j))))
        (local.set $S2 (v128.load offset=32 (i32.add (local.get $S) (local.get $j))))
        (local.set $s0 (v128.load (i32.add (local.get $shift) (local.get $j))))
        (local.set $s1 (v128.load offset=16 (i32.add (local.get $shift) (local.get $j))))
        (local.set $s2 (v128.load offset=32 (i32.add (local.get $shift) (local.get $j))))
        (local.set $t (local.get $list))
        (block $rowsDone
          (loop $rowsLoop
            (br_if $rowsDone (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $xr (i32.add (i32.load (local.get $t)) (local.get $j)))
            (local.set $wv (f64x2.splat (f64.load offset=8 (local.get $t))))
            (local.set $z (f64x2.sub (v128.load (local.get $xr)) (local.get $s0)))
            (local.set $v (f64x2.mul (local.get $wv) (local.get $z)))
            (local.set $c0 (f64x2.add (local.get $c0) (local.get $v)))
            (local.set $S0 (f64x2.add (local.get $S0) (f64x2.mul (local.get $v) (local.get $z))))
            (local.set $z (f64x2.sub (v128.load offset=16 (local.get $xr)) (local.get $s1)))
            (local.set $v (f64x2.mul (local.get $wv) (local.get $z)))
            (local.set $c1 (f64x2.add (local.get $c1) (local.get $v)))
            (local.set $S1 (f64x2.add (local.get $S1) (f64x2.mul (local.get $v) (local.get $z))))
            (local.set $z (f64x2.sub (v128.load offset=32 (local.get $xr)) (local.get $s2)))
            (local.set $v (f64x2.mul (local.get $wv) (local.get $z)))
            (local.set $c2 (f64x2.add (local.get $c2) (local.get $v)))
            (local.set $S2 (f64x2.add (local.get $S2) (f64x2.mul (local.get $v) (local.get $z))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $rowsLoop)))
        (v128.store (i32.add (local.get $c) (local.get $j)) (local.get $c0))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $j)) (local.get $c1))
        (v128.store offset=32 (i32.add (local.get $c) (local.get $j)) (local.get $c2))
        (v128.store (i32.add (local.get $S) (local.get $j)) (local.get $S0))
        (v128.store offset=16 (i32.add (local.get $S) (local.get $j)) (local.get $S1))
        (v128.store offset=32 (i32.add (local.get $S) (local.get $j)) (local.get $S2))
        (local.set $j (i32.add (local.get $j) (i32.const 48)))
        (br $sextets)))
    ;; the remaining pairs of dimensions, one at a time
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairsEnd)))
        (local.set $c0 (v128.load (i32.add (local.get $c) (local.get $j))))
        (local.set $S0 (v128.load (i32.add (local.get $S) (local.get $j))))
        (local.set $s0 (v128.load (i32.add (local.get $shift) (local.get $j))))
        (local.set $t (local.get $list))
        (block $pairRowsDone
          (loop $pairRows
            (br_if $pairRowsDone (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $wv (f64x2.splat (f64.load offset=8 (local.get $t))))
            (local.set $z (f64x2.sub
              (v128.load (i32.add (i32.load (local.get $t)) (local.get $j))) (local.get $s0)))
            (local.set $v (f64x2.mul (local.get $wv) (local.get $z)))
            (local.set $c0 (f64x2.add (local.get $c0) (local.get $v)))
            (local.set $S0 (f64x2.add (local.get $S0) (f64x2.mul (local.get $v) (local.get $z))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $pairRows)))
        (v128.store (i32.add (local.get $c) (local.get $j)) (local.get $c0))
        (v128.store (i32.add (local.get $S) (local.get $j)) (local.get $S0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
    ;; the last dimension of an odd d
    (if (i32.lt_u (local.get $j) (local.get $rowBytes))
      (then
        (local.set $cs (f64.load (i32.add (local.get $c) (local.get $j))))
        (local.set $Ss (f64.load (i32.add (local.get $S) (local.get $j))))
        (local.set $ss (f64.load (i32.add (local.get $shift) (local.get $j))))
        (local.set $t (local.get $list))
        (block $tailDone
          (loop $tailRows
            (br_if $tailDone (i32.ge_u (local.get $t) (local.get $end)))
            (local.set $w (f64.load offset=8 (local.get $t)))
            (local.set $zs (f64.sub
              (f64.load (i32.add (i32.load (local.get $t)) (local.get $j))) (local.get $ss)))
            (local.set $vs (f64.mul (local.get $w) (local.get $zs)))
            (local.set $cs (f64.add (local.get $cs) (local.get $vs)))
            (local.set $Ss (f64.add (local.get $Ss) (f64.mul (local.get $vs) (local.get $zs))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $tailRows)))
        (f64.store (i32.add (local.get $c) (local.get $j)) (local.get $cs))
        (f64.store (i32.add (local.get $S) (local.get $j)) (local.get $Ss))))
    (local.get $total))
)
