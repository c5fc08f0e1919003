;; A skipped module that imports another module's memory taints it: the script expects its data
;; segment in that memory. Likewise a skipped action that stores a reference. SpecRunnerTest counts
;; these (pass 6, fail 0, skip 5).

(module $M  ;; pass 1
  (memory (export "mem") 1)
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
(register "M" $M)                                                                      ;; pass 2
(assert_return (invoke $M "load" (i32.const 0)) (i32.const 0))                         ;; pass 3
(module $N (import "M" "mem" (memory 1)) (data (i32.const 0) "a"))                    ;; skip 1: memory import
(assert_return (invoke $M "load" (i32.const 0)) (i32.const 97))                        ;; skip 2: $M's memory should hold "a"
(module $P  ;; pass 4
  (import "M" "load" (func $load (param i32) (result i32)))
  (func (export "get") (result i32) (call $load (i32.const 0)))
)
(assert_return (invoke $P "get") (i32.const 97))                                       ;; skip 3: calls into the tainted $M

;; An action with a reference argument is skipped, but it would have stored into the table.
(module $T  ;; pass 5
  (table $t 2 externref)
  (func (export "init") (param externref) (table.set $t (i32.const 1) (local.get 0)))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
)
(assert_return (invoke $T "is_null" (i32.const 1)) (i32.const 1))                     ;; pass 6
(invoke $T "init" (ref.extern 0))                                                      ;; skip 4: reference argument
(assert_return (invoke $T "is_null" (i32.const 1)) (i32.const 0))                     ;; skip 5: the table should hold ref.extern 0
