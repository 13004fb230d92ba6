;; Register-tiled f64x2 kernels of the full-covariance Gaussian: the E-step's Mahalanobis
;; distances through the precision Cholesky factor and the M-step's weighted scatter, for data
;; in kernel memory (`allocateKernelArrays`). A module of its own so that each stays under the
;; 4 KiB Chromium compiles synchronously on a page's main thread. Pointers are byte offsets into
;; the imported memory, strides in elements. Each does the same floating-point operations in the
;; same order as its JavaScript twin (no fused multiply-add), so the bits are the same.
;; Regenerate denseBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; out[r * outStride] = shift + scale * ||(x_r - mean) U||^2 for r < rows (nanValue where
  ;; that is NaN). U is upper triangular, d rows of d4 = 4 ceil(d/4) doubles (zero columns past d)
  ;; starting uStride >= d4 doubles apart (the caller pads rows that would fall a multiple of
  ;; 512 bytes apart, in a few L1 sets); mean has d4 doubles; z (4 x d4 doubles) and q (16
  ;; doubles) are scratch.
  ;; Rows go 4 at a time and columns 4 at a time (two f64x2 per row: 8 accumulators), so each
  ;; loaded pair of U feeds 4 rows. y_j = sum_{k <= j} z_k U_kj is summed in increasing k from 0
  ;; in its own lane: k < j0 needs no test; of the block's last 4 k, a product with k > j is
  ;; left out, or masked to +0 where it shares a register with a wanted one (so an infinite z_k
  ;; reaches no y_j with j < k). The squares go into four chains by j mod 4 (q holds them per
  ;; row: chains 0, 1 then 2, 3), masked past d, and q = (chain0 + chain2) + (chain1 + chain3).
  (func (export "mahalanobisFull")
    (param $x i32) (param $rows i32) (param $d i32) (param $mean i32) (param $u i32)
    (param $out i32) (param $outStride i32) (param $scale f64) (param $shift f64)
    (param $nanValue f64) (param $z i32) (param $q i32) (param $uStride i32)
    (local $rowBytes i32) (local $stride i32) (local $left i32) (local $s i32) (local $t i32)
    (local $dst i32) (local $j i32) (local $k i32) (local $up i32) (local $src i32)
    (local $z1 i32) (local $z2 i32) (local $z3 i32) (local $qp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $ua v128) (local $ub v128) (local $zs v128) (local $ma v128) (local $mb v128)
    (local $sum f64) (local $value f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $stride (i32.and (i32.add (local.get $rowBytes) (i32.const 24)) (i32.const -32)))
    (local.set $outStride (i32.shl (local.get $outStride) (i32.const 3)))
    (local.set $uStride (i32.shl (local.get $uStride) (i32.const 3)))
    (local.set $z1 (i32.add (local.get $z) (local.get $stride)))
    (local.set $z2 (i32.add (local.get $z1) (local.get $stride)))
    (local.set $z3 (i32.add (local.get $z2) (local.get $stride)))
    (block $done
      (loop $group
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $left (select (local.get $rows) (i32.const 4)
          (i32.lt_s (local.get $rows) (i32.const 4))))
        ;; z_s = x_s - mean for the group's rows (pairs; a lane past d is overwritten by the
        ;; zero padding), zero for missing rows; the chains q_s = 0
        (local.set $s (i32.const 0))
        (loop $panel
          (local.set $dst (i32.add (local.get $z) (i32.mul (local.get $s) (local.get $stride))))
          (local.set $t (i32.const 0))
          (if (i32.lt_s (local.get $s) (local.get $left))
            (then
              (local.set $src (i32.add (local.get $x) (i32.mul (local.get $s) (local.get $rowBytes))))
              (loop $copy
                (v128.store (i32.add (local.get $dst) (local.get $t)) (f64x2.sub
                  (v128.load (i32.add (local.get $src) (local.get $t)))
                  (v128.load (i32.add (local.get $mean) (local.get $t)))))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))
                (br_if $copy (i32.lt_u (local.get $t) (local.get $rowBytes))))
              (local.set $t (local.get $rowBytes))))
          (loop $pad
            (if (i32.lt_u (local.get $t) (local.get $stride))
              (then
                (f64.store (i32.add (local.get $dst) (local.get $t)) (f64.const 0))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $pad))))
          (local.set $qp (i32.add (local.get $q) (i32.shl (local.get $s) (i32.const 5))))
          (v128.store (local.get $qp) (v128.const i64x2 0 0))
          (v128.store offset=16 (local.get $qp) (v128.const i64x2 0 0))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $panel (i32.lt_u (local.get $s) (i32.const 4))))
        (local.set $j (i32.const 0))
        (loop $columns
          (local.set $a0 (v128.const i64x2 0 0)) (local.set $a1 (v128.const i64x2 0 0))
          (local.set $a2 (v128.const i64x2 0 0)) (local.set $a3 (v128.const i64x2 0 0))
          (local.set $b0 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
          (local.set $b2 (v128.const i64x2 0 0)) (local.set $b3 (v128.const i64x2 0 0))
          (local.set $up (i32.add (local.get $u) (local.get $j)))
          (local.set $k (i32.const 0))
          ;; k < j0: every column of the block is >= k
          (block $fullDone
            (loop $full
              (br_if $fullDone (i32.ge_u (local.get $k) (local.get $j)))
              (local.set $ua (v128.load (local.get $up)))
              (local.set $ub (v128.load offset=16 (local.get $up)))
              (local.set $zs (v128.load64_splat (i32.add (local.get $z) (local.get $k))))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $zs) (local.get $ua))))
              (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $zs) (local.get $ub))))
              (local.set $zs (v128.load64_splat (i32.add (local.get $z1) (local.get $k))))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $zs) (local.get $ua))))
              (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $zs) (local.get $ub))))
              (local.set $zs (v128.load64_splat (i32.add (local.get $z2) (local.get $k))))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $zs) (local.get $ua))))
              (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $zs) (local.get $ub))))
              (local.set $zs (v128.load64_splat (i32.add (local.get $z3) (local.get $k))))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $zs) (local.get $ua))))
              (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $zs) (local.get $ub))))
              (local.set $up (i32.add (local.get $up) (local.get $uStride)))
              (local.set $k (i32.add (local.get $k) (i32.const 8)))
              (br $full)))
          ;; k = j0 .. j0 + 3 (below d): lane c of the block wants k <= j0 + c; $ma keeps lane 1
          (local.set $ma (v128.const i64x2 0 -1))
          (block $triangle
            (local.set $ua (v128.load (local.get $up)))
            (local.set $ub (v128.load offset=16 (local.get $up)))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z) (local.get $k))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $zs) (local.get $ua))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z1) (local.get $k))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $zs) (local.get $ua))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z2) (local.get $k))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $zs) (local.get $ua))))
            (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z3) (local.get $k))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $zs) (local.get $ua))))
            (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $up (i32.add (local.get $up) (local.get $uStride)))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br_if $triangle (i32.ge_u (local.get $k) (local.get $rowBytes)))
            (local.set $ua (v128.load (local.get $up)))
            (local.set $ub (v128.load offset=16 (local.get $up)))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z) (local.get $k))))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.and (f64x2.mul (local.get $zs) (local.get $ua)) (local.get $ma))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z1) (local.get $k))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.and (f64x2.mul (local.get $zs) (local.get $ua)) (local.get $ma))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z2) (local.get $k))))
            (local.set $a2 (f64x2.add (local.get $a2) (v128.and (f64x2.mul (local.get $zs) (local.get $ua)) (local.get $ma))))
            (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z3) (local.get $k))))
            (local.set $a3 (f64x2.add (local.get $a3) (v128.and (f64x2.mul (local.get $zs) (local.get $ua)) (local.get $ma))))
            (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $up (i32.add (local.get $up) (local.get $uStride)))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br_if $triangle (i32.ge_u (local.get $k) (local.get $rowBytes)))
            (local.set $ub (v128.load offset=16 (local.get $up)))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z) (local.get $k))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z1) (local.get $k))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z2) (local.get $k))))
            (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z3) (local.get $k))))
            (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $zs) (local.get $ub))))
            (local.set $up (i32.add (local.get $up) (local.get $uStride)))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br_if $triangle (i32.ge_u (local.get $k) (local.get $rowBytes)))
            (local.set $ub (v128.load offset=16 (local.get $up)))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z) (local.get $k))))
            (local.set $b0 (f64x2.add (local.get $b0) (v128.and (f64x2.mul (local.get $zs) (local.get $ub)) (local.get $ma))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z1) (local.get $k))))
            (local.set $b1 (f64x2.add (local.get $b1) (v128.and (f64x2.mul (local.get $zs) (local.get $ub)) (local.get $ma))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z2) (local.get $k))))
            (local.set $b2 (f64x2.add (local.get $b2) (v128.and (f64x2.mul (local.get $zs) (local.get $ub)) (local.get $ma))))
            (local.set $zs (v128.load64_splat (i32.add (local.get $z3) (local.get $k))))
            (local.set $b3 (f64x2.add (local.get $b3) (v128.and (f64x2.mul (local.get $zs) (local.get $ub)) (local.get $ma)))))
          ;; the squares into the chains, columns past d masked out
          (local.set $zs (i64x2.splat (i64.extend_i32_u
            (i32.shr_u (i32.sub (local.get $rowBytes) (local.get $j)) (i32.const 3)))))
          (local.set $ma (i64x2.gt_s (local.get $zs) (v128.const i64x2 0 1)))
          (local.set $mb (i64x2.gt_s (local.get $zs) (v128.const i64x2 2 3)))
          (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q))
            (v128.and (f64x2.mul (local.get $a0) (local.get $a0)) (local.get $ma))))
          (v128.store offset=16 (local.get $q) (f64x2.add (v128.load offset=16 (local.get $q))
            (v128.and (f64x2.mul (local.get $b0) (local.get $b0)) (local.get $mb))))
          (v128.store offset=32 (local.get $q) (f64x2.add (v128.load offset=32 (local.get $q))
            (v128.and (f64x2.mul (local.get $a1) (local.get $a1)) (local.get $ma))))
          (v128.store offset=48 (local.get $q) (f64x2.add (v128.load offset=48 (local.get $q))
            (v128.and (f64x2.mul (local.get $b1) (local.get $b1)) (local.get $mb))))
          (v128.store offset=64 (local.get $q) (f64x2.add (v128.load offset=64 (local.get $q))
            (v128.and (f64x2.mul (local.get $a2) (local.get $a2)) (local.get $ma))))
          (v128.store offset=80 (local.get $q) (f64x2.add (v128.load offset=80 (local.get $q))
            (v128.and (f64x2.mul (local.get $b2) (local.get $b2)) (local.get $mb))))
          (v128.store offset=96 (local.get $q) (f64x2.add (v128.load offset=96 (local.get $q))
            (v128.and (f64x2.mul (local.get $a3) (local.get $a3)) (local.get $ma))))
          (v128.store offset=112 (local.get $q) (f64x2.add (v128.load offset=112 (local.get $q))
            (v128.and (f64x2.mul (local.get $b3) (local.get $b3)) (local.get $mb))))
          (local.set $j (i32.add (local.get $j) (i32.const 32)))
          (br_if $columns (i32.lt_u (local.get $j) (local.get $rowBytes))))
        (local.set $s (i32.const 0))
        (loop $write
          (local.set $qp (i32.add (local.get $q) (i32.shl (local.get $s) (i32.const 5))))
          (local.set $sum (f64.add
            (f64.add (f64.load (local.get $qp)) (f64.load offset=16 (local.get $qp)))
            (f64.add (f64.load offset=8 (local.get $qp)) (f64.load offset=24 (local.get $qp)))))
          (local.set $value (f64.add (local.get $shift) (f64.mul (local.get $scale) (local.get $sum))))
          (f64.store (local.get $out) (select (local.get $value) (local.get $nanValue)
            (f64.eq (local.get $value) (local.get $value))))
          (local.set $out (i32.add (local.get $out) (local.get $outStride)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $write (i32.lt_u (local.get $s) (local.get $left))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 4)))
        (br $group))))


  ;; The full scatter of `weightedMeanScatter` (shifted moments): over rows r < rows with
  ;; non-zero weight w_r (weights strided), taken two at a time as the JavaScript loop does (a
  ;; lone last row pairs with itself at weight 0), z = x - shift row, v = w z,
  ;; total += w0 + w1, c += v0 + v1 (d4 doubles) and S[a][b] += v0_a z0_b + v1_a z1_b for the
  ;; 4 x 4 blocks on and below the diagonal of S (d4 x d4 doubles). Pairs are packed into a panel
  ;; (per block of 4 columns, per pair: z0, z1, v0, v1, 4 doubles each, zero past d), `capacity`
  ;; pairs at a time; every tile of S then runs over the panel's pairs in order with its 8
  ;; accumulators loaded from S and stored back, so each sum runs over the rows in order.
  ;; Returns the new total.
  (func (export "momentsFull")
    (param $x i32) (param $rows i32) (param $d i32) (param $weights i32) (param $weightStride i32)
    (param $shift i32) (param $c i32) (param $S i32) (param $panel i32) (param $capacity i32)
    (param $total f64) (result f64)
    (local $rowBytes i32) (local $stride i32) (local $pairs i32) (local $x0 i32) (local $x1 i32)
    (local $w0 f64) (local $w1 f64) (local $t i32) (local $dst i32) (local $blockBytes i32)
    (local $z0 v128) (local $z1 v128) (local $v0 v128) (local $v1 v128) (local $mask v128)
    (local $wv0 v128) (local $wv1 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $stride (i32.and (i32.add (local.get $rowBytes) (i32.const 24)) (i32.const -32)))
    (local.set $weightStride (i32.shl (local.get $weightStride) (i32.const 3)))
    (local.set $blockBytes (i32.shl (local.get $capacity) (i32.const 7)))
    (block $done
      (loop $pair
        ;; the next two rows of non-zero weight
        (block $found0
          (loop $skip0
            (br_if $found0 (i32.eqz (local.get $rows)))
            (br_if $found0 (f64.ne (f64.load (local.get $weights)) (f64.const 0)))
            (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
            (local.set $weights (i32.add (local.get $weights) (local.get $weightStride)))
            (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
            (br $skip0)))
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $w0 (f64.load (local.get $weights)))
        (local.set $x0 (local.get $x))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $weights (i32.add (local.get $weights) (local.get $weightStride)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (block $found1
          (loop $skip1
            (br_if $found1 (i32.eqz (local.get $rows)))
            (br_if $found1 (f64.ne (f64.load (local.get $weights)) (f64.const 0)))
            (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
            (local.set $weights (i32.add (local.get $weights) (local.get $weightStride)))
            (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
            (br $skip1)))
        (local.set $w1 (f64.const 0))
        (local.set $x1 (local.get $x0))
        (if (local.get $rows)
          (then
            (local.set $w1 (f64.load (local.get $weights)))
            (local.set $x1 (local.get $x))
            (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
            (local.set $weights (i32.add (local.get $weights) (local.get $weightStride)))
            (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))))
        (local.set $total (f64.add (local.get $total) (f64.add (local.get $w0) (local.get $w1))))
        ;; pack the pair: whole blocks of 4 columns first (no masks, one destination pointer)
        (local.set $wv0 (f64x2.splat (local.get $w0)))
        (local.set $wv1 (f64x2.splat (local.get $w1)))
        (local.set $dst (i32.add (local.get $panel) (i32.shl (local.get $pairs) (i32.const 7))))
        (local.set $t (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.gt_u (i32.add (local.get $t) (i32.const 32)) (local.get $rowBytes)))
            (local.set $z0 (f64x2.sub (v128.load (i32.add (local.get $x0) (local.get $t)))
              (v128.load (i32.add (local.get $shift) (local.get $t)))))
            (local.set $z1 (f64x2.sub (v128.load (i32.add (local.get $x1) (local.get $t)))
              (v128.load (i32.add (local.get $shift) (local.get $t)))))
            (local.set $v0 (f64x2.mul (local.get $wv0) (local.get $z0)))
            (local.set $v1 (f64x2.mul (local.get $wv1) (local.get $z1)))
            (v128.store (local.get $dst) (local.get $z0))
            (v128.store offset=32 (local.get $dst) (local.get $z1))
            (v128.store offset=64 (local.get $dst) (local.get $v0))
            (v128.store offset=96 (local.get $dst) (local.get $v1))
            (v128.store (i32.add (local.get $c) (local.get $t)) (f64x2.add
              (v128.load (i32.add (local.get $c) (local.get $t)))
              (f64x2.add (local.get $v0) (local.get $v1))))
            (local.set $z0 (f64x2.sub (v128.load offset=16 (i32.add (local.get $x0) (local.get $t)))
              (v128.load offset=16 (i32.add (local.get $shift) (local.get $t)))))
            (local.set $z1 (f64x2.sub (v128.load offset=16 (i32.add (local.get $x1) (local.get $t)))
              (v128.load offset=16 (i32.add (local.get $shift) (local.get $t)))))
            (local.set $v0 (f64x2.mul (local.get $wv0) (local.get $z0)))
            (local.set $v1 (f64x2.mul (local.get $wv1) (local.get $z1)))
            (v128.store offset=16 (local.get $dst) (local.get $z0))
            (v128.store offset=48 (local.get $dst) (local.get $z1))
            (v128.store offset=80 (local.get $dst) (local.get $v0))
            (v128.store offset=112 (local.get $dst) (local.get $v1))
            (v128.store offset=16 (i32.add (local.get $c) (local.get $t)) (f64x2.add
              (v128.load offset=16 (i32.add (local.get $c) (local.get $t)))
              (f64x2.add (local.get $v0) (local.get $v1))))
            (local.set $dst (i32.add (local.get $dst) (local.get $blockBytes)))
            (local.set $t (i32.add (local.get $t) (i32.const 32)))
            (br $blocks)))
        ;; then the last partial block two columns at a time (the lanes past d masked to 0)
        (if (i32.lt_u (local.get $t) (local.get $stride)) (then
        (loop $pack
          (local.set $dst (i32.add (i32.add (local.get $panel)
            (i32.mul (i32.shr_u (local.get $t) (i32.const 5)) (local.get $blockBytes)))
            (i32.add (i32.shl (local.get $pairs) (i32.const 7))
              (i32.and (local.get $t) (i32.const 16)))))
          (local.set $mask (i64x2.gt_s
            (i64x2.splat (i64.extend_i32_u (i32.shr_u
              (i32.sub (local.get $rowBytes) (local.get $t)) (i32.const 3))))
            (v128.const i64x2 0 1)))
          (if (i32.ge_s (local.get $t) (local.get $rowBytes))
            (then (local.set $mask (v128.const i64x2 0 0))))
          (local.set $z0 (v128.and (local.get $mask) (f64x2.sub
            (v128.load (i32.add (local.get $x0) (local.get $t)))
            (v128.load (i32.add (local.get $shift) (local.get $t))))))
          (local.set $z1 (v128.and (local.get $mask) (f64x2.sub
            (v128.load (i32.add (local.get $x1) (local.get $t)))
            (v128.load (i32.add (local.get $shift) (local.get $t))))))
          (local.set $v0 (f64x2.mul (f64x2.splat (local.get $w0)) (local.get $z0)))
          (local.set $v1 (f64x2.mul (f64x2.splat (local.get $w1)) (local.get $z1)))
          (v128.store (local.get $dst) (local.get $z0))
          (v128.store offset=32 (local.get $dst) (local.get $z1))
          (v128.store offset=64 (local.get $dst) (local.get $v0))
          (v128.store offset=96 (local.get $dst) (local.get $v1))
          (v128.store (i32.add (local.get $c) (local.get $t)) (f64x2.add
            (v128.load (i32.add (local.get $c) (local.get $t)))
            (f64x2.add (local.get $v0) (local.get $v1))))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $pack (i32.lt_u (local.get $t) (local.get $stride))))))
        (local.set $pairs (i32.add (local.get $pairs) (i32.const 1)))
        (if (i32.eq (local.get $pairs) (local.get $capacity))
          (then
            (call $scatterTiles (local.get $S) (local.get $stride) (local.get $panel)
              (local.get $blockBytes) (local.get $pairs))
            (local.set $pairs (i32.const 0))))
        (br $pair)))
    (if (local.get $pairs)
      (then (call $scatterTiles (local.get $S) (local.get $stride) (local.get $panel)
        (local.get $blockBytes) (local.get $pairs))))
    (local.get $total))

  ;; S[a][b] += v0_a z0_b + v1_a z1_b over the panel's pairs, per 4 x 4 tile (a block >= b block),
  ;; in two passes over the pairs of 2 rows each: a pass keeps 4 accumulators, the pair's 4 z
  ;; vectors, 4 splats of v and 2 products live, 14 registers; V8 allocates 15 on x64 and
  ;; schedules a step's loads first, so one pass over all 4 rows (20 live) spilled 4 sums.
  (func $scatterTiles
    (param $S i32) (param $stride i32) (param $panel i32) (param $blockBytes i32) (param $pairs i32)
    (local $ai i32) (local $bi i32) (local $row i32) (local $zp i32) (local $vp i32) (local $end i32)
    (local $half i32) (local $zBase i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $z0a v128) (local $z0b v128) (local $z1a v128) (local $z1b v128)
    (local $v0 v128) (local $v1 v128)
    (loop $aBlocks
      (local.set $bi (i32.const 0))
      (loop $bBlocks
        (local.set $zBase (i32.add (local.get $panel) (i32.mul (local.get $bi) (local.get $blockBytes))))
        (local.set $half (i32.const 0))
        (loop $halves
          ;; rows 4 ai + 2 half and the next of S, columns 4 bi .. 4 bi + 3
          (local.set $row (i32.add (i32.add (local.get $S) (i32.shl (local.get $bi) (i32.const 5)))
            (i32.mul (i32.add (i32.shl (local.get $ai) (i32.const 2)) (i32.shl (local.get $half) (i32.const 1)))
              (local.get $stride))))
          (local.set $a0 (v128.load (local.get $row)))
          (local.set $b0 (v128.load offset=16 (local.get $row)))
          (local.set $a1 (v128.load (i32.add (local.get $row) (local.get $stride))))
          (local.set $b1 (v128.load offset=16 (i32.add (local.get $row) (local.get $stride))))
          (local.set $zp (local.get $zBase))
          (local.set $vp (i32.add (i32.add (local.get $panel) (i32.mul (local.get $ai) (local.get $blockBytes)))
            (i32.shl (local.get $half) (i32.const 4))))
          (local.set $end (i32.add (local.get $zp) (i32.shl (local.get $pairs) (i32.const 7))))
          (loop $pairLoop
            (local.set $z0a (v128.load (local.get $zp)))
            (local.set $z0b (v128.load offset=16 (local.get $zp)))
            (local.set $z1a (v128.load offset=32 (local.get $zp)))
            (local.set $z1b (v128.load offset=48 (local.get $zp)))
            (local.set $v0 (v128.load64_splat offset=64 (local.get $vp)))
            (local.set $v1 (v128.load64_splat offset=96 (local.get $vp)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.add
              (f64x2.mul (local.get $v0) (local.get $z0a)) (f64x2.mul (local.get $v1) (local.get $z1a)))))
            (local.set $b0 (f64x2.add (local.get $b0) (f64x2.add
              (f64x2.mul (local.get $v0) (local.get $z0b)) (f64x2.mul (local.get $v1) (local.get $z1b)))))
            (local.set $v0 (v128.load64_splat offset=72 (local.get $vp)))
            (local.set $v1 (v128.load64_splat offset=104 (local.get $vp)))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.add
              (f64x2.mul (local.get $v0) (local.get $z0a)) (f64x2.mul (local.get $v1) (local.get $z1a)))))
            (local.set $b1 (f64x2.add (local.get $b1) (f64x2.add
              (f64x2.mul (local.get $v0) (local.get $z0b)) (f64x2.mul (local.get $v1) (local.get $z1b)))))
            (local.set $zp (i32.add (local.get $zp) (i32.const 128)))
            (local.set $vp (i32.add (local.get $vp) (i32.const 128)))
            (br_if $pairLoop (i32.lt_u (local.get $zp) (local.get $end))))
          (v128.store (local.get $row) (local.get $a0))
          (v128.store offset=16 (local.get $row) (local.get $b0))
          (local.set $row (i32.add (local.get $row) (local.get $stride)))
          (v128.store (local.get $row) (local.get $a1))
          (v128.store offset=16 (local.get $row) (local.get $b1))
          (local.set $half (i32.add (local.get $half) (i32.const 1)))
          (br_if $halves (i32.lt_u (local.get $half) (i32.const 2))))
        (local.set $bi (i32.add (local.get $bi) (i32.const 1)))
        (br_if $bBlocks (i32.le_u (local.get $bi) (local.get $ai))))
      (local.set $ai (i32.add (local.get $ai) (i32.const 1)))
      (br_if $aBlocks (i32.lt_u (i32.shl (local.get $ai) (i32.const 5)) (local.get $stride)))))
)
