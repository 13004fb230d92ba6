;; The scan behind `prepareData`: every value finite, and each column's smallest and largest
;; value, over rows that already live in kernel memory (copied there natively with
;; TypedArray.set). Pointers are byte offsets into the imported memory.
;; The bounds follow the JavaScript loop they replace exactly: `if (v < min) min = v` and
;; `if (v > max) max = v`, i.e. a select on a strict comparison (the first of equal values,
;; such as -0 and 0, stays), so the bounds are the same bits.
;; Regenerate scanBinary.ts after editing: `pnpm --filter @mixkit/linalg build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; Rows [0, rows) of a rows x cols row-major block at x: updates min[j] and max[j] (cols
  ;; doubles each, 16-byte aligned) with every value of column j, two columns per step (the
  ;; last one of an odd row alone). Returns the index of the first row holding NaN or an
  ;; infinity, whose values have been folded into the bounds too (NaN never moves them), or
  ;; rows when every value is finite.
  (func (export "finiteColumnRanges")
    (param $x i32) (param $rows i32) (param $cols i32) (param $min i32) (param $max i32)
    (result i32)
    (local $r i32) (local $j i32) (local $pairsEnd i32) (local $rowBytes i32)
    (local $v v128) (local $at v128) (local $finite v128) (local $s f64) (local $m f64)
    (local $ok i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $pairsEnd (i32.shl (i32.shr_u (local.get $cols) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $finite (i64x2.splat (i64.const -1)))
        (local.set $j (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairsEnd)))
            (local.set $v (v128.load (i32.add (local.get $x) (local.get $j))))
            (local.set $finite (v128.and (local.get $finite)
              (f64x2.eq (f64x2.sub (local.get $v) (local.get $v)) (f64x2.splat (f64.const 0)))))
            (local.set $at (v128.load (i32.add (local.get $min) (local.get $j))))
            (v128.store (i32.add (local.get $min) (local.get $j))
              (v128.bitselect (local.get $v) (local.get $at) (f64x2.lt (local.get $v) (local.get $at))))
            (local.set $at (v128.load (i32.add (local.get $max) (local.get $j))))
            (v128.store (i32.add (local.get $max) (local.get $j))
              (v128.bitselect (local.get $v) (local.get $at) (f64x2.gt (local.get $v) (local.get $at))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $pairs)))
        (local.set $ok (i64x2.all_true (local.get $finite)))
        (if (i32.lt_u (local.get $j) (local.get $rowBytes))
          (then
            (local.set $s (f64.load (i32.add (local.get $x) (local.get $j))))
            (local.set $ok (i32.and (local.get $ok)
              (f64.eq (f64.sub (local.get $s) (local.get $s)) (f64.const 0))))
            (local.set $m (f64.load (i32.add (local.get $min) (local.get $j))))
            (f64.store (i32.add (local.get $min) (local.get $j))
              (select (local.get $s) (local.get $m) (f64.lt (local.get $s) (local.get $m))))
            (local.set $m (f64.load (i32.add (local.get $max) (local.get $j))))
            (f64.store (i32.add (local.get $max) (local.get $j))
              (select (local.get $s) (local.get $m) (f64.gt (local.get $s) (local.get $m))))))
        (br_if $done (i32.eqz (local.get $ok)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (local.get $r))
)
