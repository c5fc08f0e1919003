;; Adapter-specific checks for GraalWasm: raw float bits through calls and host functions,
;; multi-value host results, interrupts at host boundaries, a 1M-iteration loop, deep recursion.
(module
  (import "h" "f32id" (func $f32id (param f32) (result f32)))
  (import "h" "f64id" (func $f64id (param f64) (result f64)))
  (import "h" "pair" (func $pair (param i32) (result i32 i64)))
  (import "h" "tick" (func $tick))
  (memory (export "memory") 1)
  (func (export "f32_id") (param f32) (result f32) local.get 0)
  (func (export "f64_id") (param f64) (result f64) local.get 0)
  (func (export "via_host_f32") (param f32) (result f32) local.get 0 call $f32id)
  (func (export "via_host_f64") (param f64) (result f64) local.get 0 call $f64id)
  ;; pair(x) -> (a, b); returns extend_s(a) + b
  (func (export "pair_sum") (param i32) (result i64) (local $b i64)
    local.get 0 call $pair local.set $b i64.extend_i32_s local.get $b i64.add)
  (func (export "tick_forever") (loop $l call $tick br $l))
  ;; counts i from 0 while i < n, returns the final i
  (func (export "count") (param i32) (result i32) (local i32)
    (loop $l local.get 1 i32.const 1 i32.add local.set 1 local.get 1 local.get 0 i32.lt_u br_if $l) local.get 1)
  (func $depth (export "depth") (param i32) (result i32)
    local.get 0 i32.eqz
    if (result i32) i32.const 0
    else local.get 0 i32.const 1 i32.sub call $depth i32.const 1 i32.add end)
)
