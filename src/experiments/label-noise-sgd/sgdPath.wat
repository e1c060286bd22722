;; One SGD path's hot loop: the same steps, in the same order and f64 arithmetic, as the JS loop in
;; sgdCpu.ts (advancePathJs), so both give the same bits; V8 runs this near C speed where the JIT'd JS
;; lands 2–4× slower run to run. `steps` advances the path from step t to end (exclusive), marking each
;; drawn index with the step number so repeats within a step are rejected.
;; Rebuild the bytes after an edit: node scripts/make-wasm.mjs (a unit test checks they match).
(module
  ;; [0] b0 f64, [8] b1 f64, [16] rng state i32; [32 …) x0, x1, label per point (f64); then stamp[n] (i32)
  (memory (export "memory") 1)
  (func (export "steps") (param $n i32) (param $batch i32) (param $scale f64) (param $t i32) (param $end i32)
    (local $b0 f64) (local $b1 f64) (local $s i32) (local $j i32) (local $i i32)
    (local $g0 f64) (local $g1 f64) (local $o i32) (local $a f64) (local $b f64) (local $r f64)
    (local $stamp i32)
    (local.set $b0 (f64.load (i32.const 0)))
    (local.set $b1 (f64.load (i32.const 8)))
    (local.set $s (i32.load (i32.const 16)))
    (local.set $stamp (i32.add (i32.const 32) (i32.mul (local.get $n) (i32.const 24))))
    (block $done
      (br_if $done (i32.ge_s (local.get $t) (local.get $end)))
      (loop $step
        (local.set $g0 (f64.const 0))
        (local.set $g1 (f64.const 0))
        (local.set $j (i32.const 0))
        (loop $draw
          (loop $retry
            (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $s) (i32.const 13))))
            (local.set $s (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 17))))
            (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $s) (i32.const 5))))
            (local.set $i
              (i32.shr_u
                (i32.add
                  (i32.mul (i32.shr_u (local.get $s) (i32.const 16)) (local.get $n))
                  (i32.shr_u (i32.mul (i32.and (local.get $s) (i32.const 0xffff)) (local.get $n)) (i32.const 16)))
                (i32.const 16)))
            (local.set $o (i32.add (local.get $stamp) (i32.shl (local.get $i) (i32.const 2))))
            (br_if $retry (i32.eq (i32.load (local.get $o)) (local.get $t))))
          (i32.store (local.get $o) (local.get $t))
          (local.set $o (i32.add (i32.const 32) (i32.mul (local.get $i) (i32.const 24))))
          (local.set $a (f64.load (local.get $o)))
          (local.set $b (f64.load offset=8 (local.get $o)))
          (local.set $r
            (f64.sub
              (f64.add (f64.mul (local.get $a) (local.get $b0)) (f64.mul (local.get $b) (local.get $b1)))
              (f64.load offset=16 (local.get $o))))
          (local.set $g0 (f64.add (local.get $g0) (f64.mul (local.get $a) (local.get $r))))
          (local.set $g1 (f64.add (local.get $g1) (f64.mul (local.get $b) (local.get $r))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $draw (i32.lt_s (local.get $j) (local.get $batch))))
        (local.set $b0 (f64.sub (local.get $b0) (f64.mul (local.get $scale) (local.get $g0))))
        (local.set $b1 (f64.sub (local.get $b1) (f64.mul (local.get $scale) (local.get $g1))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br_if $step (i32.lt_s (local.get $t) (local.get $end)))))
    (f64.store (i32.const 0) (local.get $b0))
    (f64.store (i32.const 8) (local.get $b1))
    (i32.store (i32.const 16) (local.get $s))))
