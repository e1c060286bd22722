;; Adam's update on float32 weights in tfjs-wasm's own heap (the memory is tfjs's, imported), four
;; weights at a time with wasm SIMD: the loop is bound by a square root and a division per weight,
;; which scalar JavaScript does one at a time in float64. heapAdam.ts calls it; `npm run wat`
;; compiles it into heapAdamSimd.wasm.ts (a test checks the two agree).
;;
;; Per weight: m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  w ← w − s·m / (√v + e),
;; with s and e the bias-corrected learning rate and ε (heapAdam.ts). Pointers are byte offsets.
(module
  (import "env" "memory" (memory 1))

  (global $b1 (mut v128) (v128.const i32x4 0 0 0 0))
  (global $b2 (mut v128) (v128.const i32x4 0 0 0 0))
  (global $a1 (mut v128) (v128.const i32x4 0 0 0 0))
  (global $a2 (mut v128) (v128.const i32x4 0 0 0 0))
  (global $s (mut v128) (v128.const i32x4 0 0 0 0))
  (global $e (mut v128) (v128.const i32x4 0 0 0 0))

  (func $setup (param $b1 f32) (param $b2 f32) (param $s f32) (param $e f32)
    (global.set $b1 (f32x4.splat (local.get $b1)))
    (global.set $b2 (f32x4.splat (local.get $b2)))
    (global.set $a1 (f32x4.splat (f32.sub (f32.const 1) (local.get $b1))))
    (global.set $a2 (f32x4.splat (f32.sub (f32.const 1) (local.get $b2))))
    (global.set $s (f32x4.splat (local.get $s)))
    (global.set $e (f32x4.splat (local.get $e))))

  ;; four weights at w, m, v (byte offsets) by the gradients in g
  (func $update4 (param $w i32) (param $m i32) (param $v i32) (param $g v128)
    (local $mk v128) (local $vk v128)
    (local.set $mk
      (f32x4.add
        (f32x4.mul (global.get $b1) (v128.load align=4 (local.get $m)))
        (f32x4.mul (global.get $a1) (local.get $g))))
    (local.set $vk
      (f32x4.add
        (f32x4.mul (global.get $b2) (v128.load align=4 (local.get $v)))
        (f32x4.mul (global.get $a2) (f32x4.mul (local.get $g) (local.get $g)))))
    (v128.store align=4 (local.get $m) (local.get $mk))
    (v128.store align=4 (local.get $v) (local.get $vk))
    (v128.store align=4 (local.get $w)
      (f32x4.sub
        (v128.load align=4 (local.get $w))
        (f32x4.div
          (f32x4.mul (global.get $s) (local.get $mk))
          (f32x4.add (f32x4.sqrt (local.get $vk)) (global.get $e))))))

  ;; one weight: the same in lane 0 (the tails of rows whose length is not a multiple of 4)
  (func $update1 (param $w i32) (param $m i32) (param $v i32) (param $g f32)
    (local $mk f32) (local $vk f32)
    (local.set $mk
      (f32.add
        (f32.mul (f32x4.extract_lane 0 (global.get $b1)) (f32.load (local.get $m)))
        (f32.mul (f32x4.extract_lane 0 (global.get $a1)) (local.get $g))))
    (local.set $vk
      (f32.add
        (f32.mul (f32x4.extract_lane 0 (global.get $b2)) (f32.load (local.get $v)))
        (f32.mul (f32x4.extract_lane 0 (global.get $a2)) (f32.mul (local.get $g) (local.get $g)))))
    (f32.store (local.get $m) (local.get $mk))
    (f32.store (local.get $v) (local.get $vk))
    (f32.store (local.get $w)
      (f32.sub
        (f32.load (local.get $w))
        (f32.div
          (f32.mul (f32x4.extract_lane 0 (global.get $s)) (local.get $mk))
          (f32.add (f32.sqrt (local.get $vk)) (f32x4.extract_lane 0 (global.get $e)))))))

  ;; n weights at w, m, v, their gradients at g, all contiguous
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $b1 f32) (param $b2 f32) (param $s f32) (param $e f32)
    (local $k i32) (local $end i32)
    (call $setup (local.get $b1) (local.get $b2) (local.get $s) (local.get $e))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $end)))
        (call $update4
          (i32.add (local.get $w) (local.get $k))
          (i32.add (local.get $m) (local.get $k))
          (i32.add (local.get $v) (local.get $k))
          (v128.load align=4 (i32.add (local.get $g) (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $next4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (call $update1
          (i32.add (local.get $w) (local.get $k))
          (i32.add (local.get $m) (local.get $k))
          (i32.add (local.get $v) (local.get $k))
          (f32.load (i32.add (local.get $g) (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next))))

  ;; rows × cols weights at w, m, v (row-major) whose gradient at g is the transpose, [cols, rows]:
  ;; weight (j, c) takes gradient (c, j), four columns of a row at a time
  (func (export "adamTransposed")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $rows i32) (param $cols i32)
    (param $b1 f32) (param $b2 f32) (param $s f32) (param $e f32)
    (local $j i32) (local $c i32) (local $k i32) (local $gp i32) (local $gs i32) (local $gv v128)
    (call $setup (local.get $b1) (local.get $b2) (local.get $s) (local.get $e))
    ;; a column step of the gradient, in bytes
    (local.set $gs (i32.shl (local.get $rows) (i32.const 2)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $j) (local.get $rows)))
        (local.set $c (i32.const 0))
        ;; byte offset of weight (j, 0), and of gradient (0, j)
        (local.set $k (i32.shl (i32.mul (local.get $j) (local.get $cols)) (i32.const 2)))
        (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 2))))
        (block $done4
          (loop $next4
            (br_if $done4 (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
            (local.set $gv (f32x4.splat (f32.load (local.get $gp))))
            (local.set $gv
              (f32x4.replace_lane 1 (local.get $gv)
                (f32.load (i32.add (local.get $gp) (local.get $gs)))))
            (local.set $gv
              (f32x4.replace_lane 2 (local.get $gv)
                (f32.load (i32.add (local.get $gp) (i32.shl (local.get $gs) (i32.const 1))))))
            (local.set $gv
              (f32x4.replace_lane 3 (local.get $gv)
                (f32.load (i32.add (local.get $gp) (i32.mul (local.get $gs) (i32.const 3))))))
            (call $update4
              (i32.add (local.get $w) (local.get $k))
              (i32.add (local.get $m) (local.get $k))
              (i32.add (local.get $v) (local.get $k))
              (local.get $gv))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (local.set $gp (i32.add (local.get $gp) (i32.shl (local.get $gs) (i32.const 2))))
            (br $next4)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $c) (local.get $cols)))
            (call $update1
              (i32.add (local.get $w) (local.get $k))
              (i32.add (local.get $m) (local.get $k))
              (i32.add (local.get $v) (local.get $k))
              (f32.load (local.get $gp)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (local.set $gp (i32.add (local.get $gp) (local.get $gs)))
            (br $next)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $row)))))
