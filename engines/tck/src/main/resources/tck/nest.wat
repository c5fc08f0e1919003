;; Host calls that run other wasm: the host function "descend" may instantiate and call another
;; module (or this one) and "poke_self" may call back into the calling instance's exports.
(module
  (import "test" "descend" (func $descend (param i32) (result i32)))
  (import "test" "reenter" (func $reenter (param i64)))
  (memory (export "memory") 1)
  (global $g (mut i64) (i64.const 0))
  ;; run(n): remembers n at address 0, asks the host to descend, checks its own memory still
  ;; holds n, then adds the word the host wrote at address 4 to the host's answer.
  (func $run (export "run") (param $n i32) (result i32)
    (local $r i32)
    (i32.store (i32.const 0) (local.get $n))
    (local.set $r (call $descend (local.get $n)))
    (if (i32.ne (i32.load (i32.const 0)) (local.get $n)) (then unreachable))
    (i32.add (local.get $r) (i32.load (i32.const 4))))
  ;; run(n) twice in a row: two separate host calls from the same frame.
  (func (export "run_twice") (param $n i32) (result i32)
    (i32.add (call $run (local.get $n)) (call $run (local.get $n))))
  (func (export "trap") (result i32) unreachable)
  (func (export "get") (result i64) global.get $g)
  (func (export "set") (param i64) (global.set $g (local.get 0)))
  ;; g = 5; the host adds 10 to g through get/set; the host adds 100 the same way; returns g.
  (func (export "reenter_twice") (result i64)
    (global.set $g (i64.const 5))
    (call $reenter (i64.const 10))
    (call $reenter (i64.const 100))
    (global.get $g))
;; after a re-entrant host call, loops until interrupted.
  (func (export "reenter_then_spin")
    (call $reenter (i64.const 1))
    (loop $forever (br $forever)))
)
