;; SIMD: valid WebAssembly 2.0, but Chicory 1.7.5's compiler cannot translate v128.
(module
  (func (export "vec") (result v128) (v128.const i64x2 0 0))
  (func (export "ok") (result i32) (i32.const 1))
)
