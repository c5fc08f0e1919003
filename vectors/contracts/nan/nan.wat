;; nan: float operations whose NaN results the WebAssembly spec leaves non-deterministic.
;; The spec fixes that a NaN comes out, not its sign or payload; x86 produces the "default NaN"
;; 0xffc00000 (sign bit set) where Arm produces 0x7fc00000. Under the profile "none" engines may
;; differ here (wasmtime-nancanon does); under "ecliptica-v1" the injected canonicalization makes
;; every result 0x7fc00000 / 0x7ff8000000000000.
;;
;; Exports (no input):
;;   div0()        -> f32   0/0
;;   sqrt_neg()    -> f64   sqrt(-1)
;;   demote()      -> f32   f32.demote_f64 of a quiet NaN whose payload survives demotion (0x7ffc000000000000) (wasmtime 7.0.1's own
;;                          canonicalization flag misses this instruction)
;;   store_div0()  -> ()    writes the bits of 0/0 to storage key "nan": the state root then
;;                          depends on the NaN bits
;;   finite()      -> f64   1.5 * 2.0 = 3.0, no NaN (a control)
(module
  (import "ecliptica" "storage_write" (func $write (param i32 i32 i32 i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "nan")
  (func (export "div0") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "sqrt_neg") (result f64) (f64.sqrt (f64.const -1)))
  (func (export "demote") (result f32) (f32.demote_f64 (f64.reinterpret_i64 (i64.const 0x7ffc000000000000))))
  (func (export "store_div0")
    (i32.store (i32.const 16) (i32.reinterpret_f32 (f32.div (f32.const 0) (f32.const 0))))
    (call $write (i32.const 0) (i32.const 3) (i32.const 16) (i32.const 4)))
  (func (export "finite") (result f64) (f64.mul (f64.const 1.5) (f64.const 2.0))))
