(module
  (import "test" "add3" (func $add3 (param i32 i64 i32) (result i64)))
  (import "test" "peek" (func $peek (param i32 i32)))
  (import "test" "poke" (func $poke (param i32)))
  (import "test" "fail" (func $fail))
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  (data (i32.const 16) "hello, host")
  (func (export "call_add3") (param i32 i64 i32) (result i64)
    local.get 0 local.get 1 local.get 2 call $add3)
  (func (export "send") (param i32 i32) local.get 0 local.get 1 call $peek)
  (func (export "receive") (result i32)
    i32.const 200 call $poke
    i32.const 200 i32.load)
  (func (export "fail_after_write") (result i32)
    i32.const 0 i32.const 42 i32.store
    call $fail
    i32.const 1)
  (func (export "bump") (result i32)
    global.get $calls i32.const 1 i32.add global.set $calls
    i32.const 300 i32.const 300 i32.load i32.const 1 i32.add i32.store
    global.get $calls i32.const 1000 i32.mul i32.const 300 i32.load i32.add)
  (func (export "grow_then_send") (result i32)
    i32.const 1 memory.grow drop
    i32.const 70000 i32.const 0x41424344 i32.store
    i32.const 70000 i32.const 4 call $peek
    memory.size)
)
