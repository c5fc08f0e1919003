;; One or more of every command kind, on modules a correct engine handles. The expected outcome of
;; each command is in the comment on its first line; SpecRunnerTest counts them (pass 24, fail 0, skip 6).

(module $A  ;; pass 1
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "boom") (unreachable))
  (func $rec (export "rec") (call $rec))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "fadd") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "wide") (param i64) (result i64 f64) (local.get 0) (f64.const -0x1p-1074))
  (func (export "nop"))
  (global (export "g") i32 (i32.const 7))
)
(assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))            ;; pass 2
(assert_return (invoke "add" (i32.const -1) (i32.const 1)) (i32.const 0))           ;; pass 3
(assert_return (invoke "nan") (f32.const nan:canonical))                             ;; pass 4: 0/0 is the canonical NaN (either sign)
(assert_return (invoke "nan") (f32.const nan:arithmetic))                            ;; pass 5
(assert_return (invoke "fadd" (f32.const nan:0x200000) (f32.const 1)) (f32.const nan:arithmetic)) ;; pass 6: add quiets the NaN
(assert_return (invoke "wide" (i64.const -9)) (i64.const -9) (f64.const -0x1p-1074)) ;; pass 7: bits 0x8000000000000001
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")    ;; pass 8
(assert_trap (invoke "div" (i32.const 0x80000000) (i32.const -1)) "integer overflow") ;; pass 9
(assert_trap (invoke "boom") "unreachable")                                          ;; pass 10
(assert_exhaustion (invoke "rec") "call stack exhausted")                            ;; pass 11
(invoke "nop")                                                                        ;; pass 12
(assert_return (get "g") (i32.const 7))                                               ;; skip 1: global get
(register "A" $A)                                                                     ;; pass 13

(module $B  ;; pass 14
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "A" "div" (func $div (param i32 i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "add3") (param i32) (result i32)
    (call $print (local.get 0))
    (call $add (local.get 0) (i32.const 3)))
  (func (export "div0") (param i32) (result i32) (call $div (local.get 0) (i32.const 0)))
)
(assert_return (invoke $B "add3" (i32.const 4)) (i32.const 7))                        ;; pass 15: through the import
(assert_trap (invoke $B "div0" (i32.const 4)) "integer divide by zero")               ;; pass 16: trap in the imported function
(assert_return (invoke $A "add" (i32.const 1) (i32.const 1)) (i32.const 2))           ;; pass 17: a named module, not the current one

(module $C (import "spectest" "memory" (memory 1)) (func (export "f") (result i32) (i32.const 1))) ;; skip 2: memory import
(assert_return (invoke "f") (i32.const 1))                                            ;; skip 3: its module was skipped
(assert_return (invoke $A "add" (i32.const 1) (i32.const 2)) (i32.const 3))           ;; pass 18

(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")           ;; pass 19
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")  ;; pass 20
(assert_malformed (module quote "(func (result i32) (i32.const))") "unexpected token") ;; skip 4: text module
(assert_unlinkable (module (import "A" "nope" (func))) "unknown import")             ;; pass 21
(assert_unlinkable (module (import "A" "add" (func (param i32)))) "incompatible import type") ;; pass 22
(assert_unlinkable (module (import "spectest" "table" (table 10 funcref))) "unknown import") ;; skip 5: table import
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")                 ;; pass 23: assert_uninstantiable

(module $R (func (export "r") (param externref) (result i32) (i32.const 1)))          ;; pass 24
(assert_return (invoke $R "r" (ref.null extern)) (i32.const 1))                       ;; skip 6: reference value
