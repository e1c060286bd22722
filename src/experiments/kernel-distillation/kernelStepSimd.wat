;; The elementwise parts of the kernel-regime nets' fused step (nets.ts, HeapStep) on float32 operands
;; in tfjs-wasm's own heap (the memory is tfjs's, imported), four values at a time with wasm SIMD. In
;; JavaScript these loops (σ of 5600 values, the gradient's terms, the update) cost about as much as
;; the step's four products. `node scripts/make-wasm.mjs` compiles it into kernelStepSimdBytes.ts.
;; Pointers are byte offsets; `tanh` 1 selects tanh, 0 ReLU.
(module
  (import "env" "memory" (memory 1))

  ;; tanh to float32 accuracy: the 13/6 rational on |x| ≤ 7.905… that Eigen and XNNPACK use (the same
  ;; as math/tanhFloat32.ts, evaluated in float32), x itself where |x| < 4e-4
  (func $tanh4 (param $x0 v128) (result v128)
    (local $x v128) (local $x2 v128) (local $p v128) (local $q v128)
    (local.set $x
      (f32x4.min
        (f32x4.max (local.get $x0) (v128.const f32x4 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805 -7.90531110763549805))
        (v128.const f32x4 7.90531110763549805 7.90531110763549805 7.90531110763549805 7.90531110763549805)))
    (local.set $x2 (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $p (v128.const f32x4 -2.76076847742355e-16 -2.76076847742355e-16 -2.76076847742355e-16 -2.76076847742355e-16))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 2.00018790482477e-13 2.00018790482477e-13 2.00018790482477e-13 2.00018790482477e-13)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 -8.60467152213735e-11 -8.60467152213735e-11 -8.60467152213735e-11 -8.60467152213735e-11)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 5.12229709037114e-8 5.12229709037114e-8 5.12229709037114e-8 5.12229709037114e-8)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 1.48572235717979e-5 1.48572235717979e-5 1.48572235717979e-5 1.48572235717979e-5)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 6.37261928875436e-4 6.37261928875436e-4 6.37261928875436e-4 6.37261928875436e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x2))
      (v128.const f32x4 4.89352455891786e-3 4.89352455891786e-3 4.89352455891786e-3 4.89352455891786e-3)))
    (local.set $q (v128.const f32x4 1.19825839466702e-6 1.19825839466702e-6 1.19825839466702e-6 1.19825839466702e-6))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $x2))
      (v128.const f32x4 1.18534705686654e-4 1.18534705686654e-4 1.18534705686654e-4 1.18534705686654e-4)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $x2))
      (v128.const f32x4 2.268434632439e-3 2.268434632439e-3 2.268434632439e-3 2.268434632439e-3)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $x2))
      (v128.const f32x4 4.89352518554385e-3 4.89352518554385e-3 4.89352518554385e-3 4.89352518554385e-3)))
    (v128.bitselect
      (local.get $x)
      (f32x4.div (f32x4.mul (local.get $p) (local.get $x)) (local.get $q))
      (f32x4.lt (f32x4.abs (local.get $x)) (v128.const f32x4 4e-4 4e-4 4e-4 4e-4))))

  (func $act4 (param $z v128) (param $tanh i32) (result v128)
    (if (result v128) (local.get $tanh)
      (then (call $tanh4 (local.get $z)))
      (else (f32x4.max (local.get $z) (v128.const f32x4 0 0 0 0)))))

  ;; h[i, k] = σ(p[k, i]): p is [c, n], h is [n, c] (σ of the pre-activations, transposed)
  (func (export "activate") (param $p i32) (param $h i32) (param $c i32) (param $n i32) (param $tanh i32)
    (local $k i32) (local $i i32) (local $src i32) (local $dst i32) (local $rowBytes i32) (local $r v128)
    (local.set $rowBytes (i32.shl (local.get $c) (i32.const 2)))
    (block $kDone
      (loop $kNext
        (br_if $kDone (i32.ge_u (local.get $k) (local.get $c)))
        (local.set $src (i32.add (local.get $p) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 2))))
        (local.set $dst (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $i (i32.const 0))
        (block $done4
          (loop $next4
            (br_if $done4 (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
            (local.set $r (call $act4 (v128.load align=4 (local.get $src)) (local.get $tanh)))
            (v128.store32_lane align=4 0 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
            (v128.store32_lane align=4 1 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
            (v128.store32_lane align=4 2 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
            (v128.store32_lane align=4 3 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $next4)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (f32.store (local.get $dst)
              (f32x4.extract_lane 0 (call $act4 (f32x4.splat (f32.load (local.get $src))) (local.get $tanh))))
            (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kNext))))

  ;; four gradient terms η_k (b + λ_k (h − φ)) σ'(h) of row i, columns k … k+3 (byte offset $o into the
  ;; [n, c] operands, $ko into the per-column λ and η); σ' from h alone: 1 − h² for tanh, [h > 0] for ReLU
  (func $grad4 (param $h i32) (param $b i32) (param $phi i32) (param $lam i32) (param $eta i32)
    (param $o i32) (param $ko i32) (param $tanh i32) (result v128)
    (local $hv v128) (local $ds v128)
    (local.set $hv (v128.load align=4 (i32.add (local.get $h) (local.get $o))))
    (local.set $ds
      (if (result v128) (local.get $tanh)
        (then (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $hv) (local.get $hv))))
        (else (v128.and (f32x4.gt (local.get $hv) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1)))))
    (f32x4.mul
      (f32x4.mul
        (v128.load align=4 (i32.add (local.get $eta) (local.get $ko)))
        (f32x4.add
          (v128.load align=4 (i32.add (local.get $b) (local.get $o)))
          (f32x4.mul
            (v128.load align=4 (i32.add (local.get $lam) (local.get $ko)))
            (f32x4.sub (local.get $hv) (v128.load align=4 (i32.add (local.get $phi) (local.get $o)))))))
      (local.get $ds)))

  ;; the same for one column
  (func $grad1 (param $h i32) (param $b i32) (param $phi i32) (param $lam i32) (param $eta i32)
    (param $o i32) (param $ko i32) (param $tanh i32) (result f32)
    (local $hv f32) (local $ds f32)
    (local.set $hv (f32.load (i32.add (local.get $h) (local.get $o))))
    (local.set $ds
      (if (result f32) (local.get $tanh)
        (then (f32.sub (f32.const 1) (f32.mul (local.get $hv) (local.get $hv))))
        (else (select (f32.const 1) (f32.const 0) (f32.gt (local.get $hv) (f32.const 0))))))
    (f32.mul
      (f32.mul
        (f32.load (i32.add (local.get $eta) (local.get $ko)))
        (f32.add
          (f32.load (i32.add (local.get $b) (local.get $o)))
          (f32.mul
            (f32.load (i32.add (local.get $lam) (local.get $ko)))
            (f32.sub (local.get $hv) (f32.load (i32.add (local.get $phi) (local.get $o)))))))
      (local.get $ds)))

  ;; g[k, i] = η_k (b[i, k] + λ_k (h[i, k] − φ[i, k])) σ'(h[i, k]): h, b, φ are [n, c], λ and η [c],
  ;; the gradient g [c, n] (transposed)
  (func (export "gradient")
    (param $h i32) (param $b i32) (param $phi i32) (param $lam i32) (param $eta i32) (param $g i32)
    (param $c i32) (param $n i32) (param $tanh i32)
    (local $i i32) (local $k i32) (local $o i32) (local $dst i32) (local $colBytes i32) (local $r v128)
    (local.set $colBytes (i32.shl (local.get $n) (i32.const 2)))
    (block $iDone
      (loop $iNext
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (i32.mul (local.get $i) (local.get $c)) (i32.const 2)))
        (local.set $dst (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $done4
          (loop $next4
            (br_if $done4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $c)))
            (local.set $r
              (call $grad4 (local.get $h) (local.get $b) (local.get $phi) (local.get $lam) (local.get $eta)
                (local.get $o) (i32.shl (local.get $k) (i32.const 2)) (local.get $tanh)))
            (v128.store32_lane align=4 0 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $colBytes)))
            (v128.store32_lane align=4 1 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $colBytes)))
            (v128.store32_lane align=4 2 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $colBytes)))
            (v128.store32_lane align=4 3 (local.get $dst) (local.get $r))
            (local.set $dst (i32.add (local.get $dst) (local.get $colBytes)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $next4)))
        ;; a tail of fewer than four columns, one at a time
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $k) (local.get $c)))
            (f32.store (local.get $dst)
              (call $grad1 (local.get $h) (local.get $b) (local.get $phi) (local.get $lam) (local.get $eta)
                (local.get $o) (i32.shl (local.get $k) (i32.const 2)) (local.get $tanh)))
            (local.set $dst (i32.add (local.get $dst) (local.get $colBytes)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $next)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iNext))))

  ;; w[q] −= u[q] for q < len
  (func (export "subtract") (param $w i32) (param $u i32) (param $len i32)
    (local $q i32) (local $end i32)
    (local.set $end (i32.shl (local.get $len) (i32.const 2)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $end)))
        (v128.store align=4 (i32.add (local.get $w) (local.get $q))
          (f32x4.sub
            (v128.load align=4 (i32.add (local.get $w) (local.get $q)))
            (v128.load align=4 (i32.add (local.get $u) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $next4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (f32.store (i32.add (local.get $w) (local.get $q))
          (f32.sub (f32.load (i32.add (local.get $w) (local.get $q))) (f32.load (i32.add (local.get $u) (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $next)))))
