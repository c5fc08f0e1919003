;; The host side of metered modules (harness spec --profile ecliptica-v1). The expected outcome of
;; each command under the profile is in the comment on its first line; SpecRunnerTest counts them
;; (pass 29, fail 1, skip 4). MeteredSpecTest also runs it on the raw modules, where some differ.

(module $D  ;; pass 1
  (type $t (func (result i32)))
  (table 1 funcref)
  (func $runaway (export "runaway") (call $runaway))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $deep (i32.sub (local.get 0) (i32.const 1))))
      (else (unreachable))))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func $deepind (export "deepind") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $deepind (i32.sub (local.get 0) (i32.const 1))))
      (else (call_indirect (type $t) (i32.const 0)))))
  (func (export "min-snan") (result f32) (f32.min (f32.const -nan:0x200000) (f32.const 1)))
  (func (export "div") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func (export "spin") (param i32) (result i32)
    (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 0))
)
(assert_exhaustion (invoke "runaway") "call stack exhausted")                         ;; pass 2: the profile's stack limit
(assert_return (invoke "fac" (i64.const 20)) (i64.const 2432902008176640000))          ;; pass 3: the stack height was reset
(assert_trap (invoke "runaway") "unreachable")                                         ;; fail 1: says which limit stopped it
;; Traps 3,000 calls deep (frame of $deep: 1 param + 2 operands + 4 = 7 slots), again and again: the
;; stack height must not build up from one call to the next.
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 4
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 5
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 6
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 7
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 8
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 9
;; A call_indirect hands the callee's height over in the stack-height global (docs/gas.md, section 7): one
;; that traps 14,000 calls deep (frame 7) leaves 98,007 there, and without the reset the next call
;; from the host would start from it and exhaust the stack 285 calls deep.
(assert_trap (invoke "deepind" (i32.const 14000)) "uninitialized element")            ;; pass 10
(assert_trap (invoke "deep" (i32.const 3000)) "unreachable")                           ;; pass 11
(assert_return (invoke "min-snan") (f32.const nan:arithmetic))                         ;; pass 12: raw Chicory returns the signalling NaN
(assert_return (invoke "div" (f64.const 0) (f64.const 0)) (f64.const nan:canonical))   ;; pass 13: 0x7ff8000000000000 under the profile
(assert_return (invoke "spin" (i32.const 100000))   (i32.const 0))                      ;; pass 14: 100,000 iterations on "unlimited" gas
(register "D" $D)                                                                      ;; pass 15

;; Traps inside a registered instance entered through an import reset that instance too.
(module $E  ;; pass 16
  (import "D" "deep" (func $deep (param i32) (result i32)))
  (func (export "via") (param i32) (result i32) (call $deep (local.get 0)))
)
(assert_trap (invoke $E "via" (i32.const 3000)) "unreachable")                         ;; pass 17
(assert_trap (invoke $E "via" (i32.const 3000)) "unreachable")                         ;; pass 18
(assert_trap (invoke $E "via" (i32.const 3000)) "unreachable")                         ;; pass 19
(assert_trap (invoke $E "via" (i32.const 3000)) "unreachable")                         ;; pass 20
(assert_trap (invoke $E "via" (i32.const 3000)) "unreachable")                         ;; pass 21
(assert_return (invoke $D "fac" (i64.const 5)) (i64.const 120))                        ;; pass 22

;; The instrumenter's exports are not the script's: as on the raw module, there are none. (wabt
;; refuses a script invoking an export its module does not have, so only imports can reach them.)
(assert_unlinkable (module (import "D" "__ecliptica_gas_left" (func (result i64)))) "unknown import") ;; pass 23

;; The start function runs after the gas is set, and its trap is an instantiation trap.
(module $S  ;; pass 24
  (global $g (mut i32) (i32.const 0))
  (func $init (global.set $g (i32.const 42)))
  (start $init)
  (func (export "get") (result i32) (global.get $g))
)
(assert_return (invoke $S "get") (i32.const 42))                                       ;; pass 25
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")                 ;; pass 26: assert_uninstantiable

;; Memory up to the spec's limit, not the platform's 1,024 pages.
(module (memory 0) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))) ;; pass 27
(assert_return (invoke "grow" (i32.const 1025)) (i32.const 0))                        ;; pass 28: raw and profile alike

;; A feature the profile leaves out: skipped, not failed.
(module (func (export "v") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 7 0 0 0)))) ;; skip 1: profile ecliptica-v1 rejects feature simd
(assert_return (invoke "v") (i32.const 7))                                            ;; skip 2: its module was skipped
(assert_invalid (module (func (result i32) (v128.const i32x4 0 0 0 0))) "type mismatch") ;; skip 3: the profile never judged its validity
(assert_invalid (module binary "\00asm\01\00\00\00" "\05\05\02\00\01\00\01") "multiple memories") ;; skip 4: profile ecliptica-v1 rejects feature multi-memory
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")           ;; pass 29: the instrumenter's "invalid" is a rejection
