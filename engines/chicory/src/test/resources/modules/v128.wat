;; SIMD: valid WebAssembly 2.0, but Chicory 1.7.5 runs it in neither engine: its compiler cannot
;; translate v128, its plain interpreter has no SIMD opcodes.
(module
  (func (export "vec") (result v128) (v128.const i64x2 0 0))
  (func (export "lane") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 7 0 0 0)))
  (func (export "ok") (result i32) (i32.const 1))
)
