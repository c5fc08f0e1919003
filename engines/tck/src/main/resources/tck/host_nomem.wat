(module
  (import "test" "peek" (func $peek (param i32 i32)))
  (func (export "send") i32.const 0 i32.const 4 call $peek)
  (func (export "send_empty") i32.const 0 i32.const 0 call $peek))
