;; Chicory 1.7.5 does not drop active data segments after instantiation (docs/engine-quirks.md):
;; memory.init of segment 0 copies its bytes there, where the spec (and wasmtime, GraalWasm) trap
;; out_of_bounds_memory. "init" then calls block_height on Chicory only.
(module
  (import "ecliptica" "block_height" (func $block_height (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 100) "abcd")
  (func (export "init")
    (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 4))
    (drop (call $block_height))))
