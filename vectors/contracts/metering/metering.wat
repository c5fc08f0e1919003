;; metering: what the deterministic execution profile makes comparable (docs/gas.md).
;;
;; Exports:
;;   spin()          never returns: under a metering profile it ends with out_of_gas on every engine
;;   burn(n i32)     a loop of n iterations, returns n (gas grows linearly with n)
;;   grow(n i32)     memory.grow by n pages; returns the old size in pages or -1, like memory.grow
;;   deep(n i32)     recursion n frames deep, each frame with a few locals; returns n
;;   size()          memory.size in pages
(module
  (memory (export "memory") 1)
  (func (export "spin") (loop $l (br $l)))
  (func (export "burn") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $i))
  (func (export "grow") (param $n i32) (result i32) (memory.grow (local.get $n)))
  (func (export "size") (result i32) (memory.size))
  (func $deep (export "deep") (param $n i32) (result i32) (local $a i64) (local $b i64) (local $c f64)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (call $deep (i32.sub (local.get $n) (i32.const 1))) (i32.const 1))))))
