;; The start function calls the host (which writes memory) and sets a global.
(module
  (import "env" "poke" (func $poke (param i32 i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (func $init (global.set $g (i32.const 5)) (call $poke (i32.const 3) (i32.const 9)))
  (start $init)
  (func (export "g") (result i32) (global.get $g))
  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
