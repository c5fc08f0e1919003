(module
  (type (;0;) (func (param i32 f32) (result i32)))
  (memory 1 3)
  (global (mut i32) (i32.const 24))
  (export "f1" (func 0))
  (func (;0;) (type 0)
    i32.const -10
    i64.const 0
    i64.store32 offset=63 align=2
    global.get 0
  )
)
