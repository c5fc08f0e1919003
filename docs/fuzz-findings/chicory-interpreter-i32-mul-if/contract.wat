(module
  (type (;0;) (func (result f32)))
  (memory 2 3)
  (global (mut i32) (i32.const 24))
  (export "f3" (func 0))
  (func (;0;) (type 0) (local i32 i32)
    i64.const 0
    global.get 0
    i32.const -2147483648
    i32.mul
    if (result i64)
      i32.const 4008
      i32.const 3
      i32.const 10
      memory.init 0
      i64.const 0
    else
      i64.const 0
    end
    i64.ge_u
    drop
    f32.const 0x1.76e1ap6
  )
  (data (i32.const 1026) "\61")
)
