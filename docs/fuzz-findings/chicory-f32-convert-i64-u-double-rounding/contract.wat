(module
  (type (;0;) (func (param f64 f32 i32) (result i64 f32)))
  (export "f1" (func 0))
  (func (;0;) (type 0)
    i64.const 0
    i64.const -4302382064366896320
    f32.convert_i64_u
  )
)
