(module
  (type (;0;) (func (param f32 f64 f32) (result f64 i64)))
  (memory 2 3)
  (export "f0" (func 0))
  (func (;0;) (type 0)
    f64.const 0x0.0p0
    f32.const 0x0.0p0
    i32.const 131068
    f32.load offset=0 align=4
    f32.copysign
    i64.trunc_f32_s
  )
)
