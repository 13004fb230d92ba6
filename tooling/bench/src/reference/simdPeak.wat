;; The machine's f64x2 arithmetic peak as WebAssembly SIMD can use it (no fused multiply-add):
;; six independent multiply chains and six independent add chains on registers, no memory
;; traffic, so the loop is bound only by the two multiply and two add pipes (on AMD Zen 4: four
;; f64x2 operations per cycle, 8 flops). 24 flops per iteration. The linalg suite times it for
;; the same flop count as each kernel, so a kernel's rate reads against this ceiling.
;; Regenerate simdPeakBinary.ts after editing: `node tooling/bench/scripts/buildSimdPeak.mjs`.
(module
  (func (export "peak") (param $iterations i32) (param $m f64) (param $c f64) (result f64)
    (local $mv v128) (local $cv v128)
    (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $p4 v128) (local $p5 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $p0 (local.get $mv)) (local.set $p1 (local.get $mv)) (local.set $p2 (local.get $mv))
    (local.set $p3 (local.get $mv)) (local.set $p4 (local.get $mv)) (local.set $p5 (local.get $mv))
    (local.set $s0 (local.get $cv)) (local.set $s1 (local.get $cv)) (local.set $s2 (local.get $cv))
    (local.set $s3 (local.get $cv)) (local.set $s4 (local.get $cv)) (local.set $s5 (local.get $cv))
    (loop $l
      (local.set $p0 (f64x2.mul (local.get $p0) (local.get $mv)))
      (local.set $s0 (f64x2.add (local.get $s0) (local.get $cv)))
      (local.set $p1 (f64x2.mul (local.get $p1) (local.get $mv)))
      (local.set $s1 (f64x2.add (local.get $s1) (local.get $cv)))
      (local.set $p2 (f64x2.mul (local.get $p2) (local.get $mv)))
      (local.set $s2 (f64x2.add (local.get $s2) (local.get $cv)))
      (local.set $p3 (f64x2.mul (local.get $p3) (local.get $mv)))
      (local.set $s3 (f64x2.add (local.get $s3) (local.get $cv)))
      (local.set $p4 (f64x2.mul (local.get $p4) (local.get $mv)))
      (local.set $s4 (f64x2.add (local.get $s4) (local.get $cv)))
      (local.set $p5 (f64x2.mul (local.get $p5) (local.get $mv)))
      (local.set $s5 (f64x2.add (local.get $s5) (local.get $cv)))
      (local.set $iterations (i32.sub (local.get $iterations) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $iterations) (i32.const 0))))
    ;; every chain feeds the result, so none can be dropped
    (f64x2.extract_lane 0 (f64x2.add
      (f64x2.add (f64x2.add (local.get $p0) (local.get $p1)) (f64x2.add (local.get $p2) (local.get $p3)))
      (f64x2.add (f64x2.add (f64x2.add (local.get $p4) (local.get $p5)) (f64x2.add (local.get $s0) (local.get $s1)))
        (f64x2.add (f64x2.add (local.get $s2) (local.get $s3)) (f64x2.add (local.get $s4) (local.get $s5)))))))
)
