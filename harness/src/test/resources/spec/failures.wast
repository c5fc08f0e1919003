;; Commands a correct engine fails because the script is wrong on purpose, plus a module that
;; cannot instantiate. SpecRunnerTest counts them (pass 2, fail 6, skip 0).

(module  ;; pass 1
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "one") (result f64) (f64.const 1))
  (func (export "spin") (loop (br 0)))
)
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 5))              ;; fail 1: wrong result
(assert_return (invoke "one") (f64.const nan:canonical))                               ;; fail 2: result is not f64:nan:canonical
(assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")                ;; fail 3: expected trap, got a result
(assert_return (invoke "spin"))                                                        ;; fail 4: timeout (the test's guard is 1 s)
(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 2))              ;; pass 2: the instance still works after the guard

(module (func $s unreachable) (start $s) (func (export "f") (result i32) (i32.const 1))) ;; fail 5: traps while instantiating
(assert_return (invoke "f") (i32.const 1))                                             ;; fail 6: module unavailable
