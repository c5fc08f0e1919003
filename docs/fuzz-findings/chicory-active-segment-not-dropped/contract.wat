(module
  (type (;0;) (func (param i32) (result i32 f64)))
  (memory 2 5)
  (export "f0" (func 0))
  (func (;0;) (type 0) (local i64 i64)
    i32.const 0
    i32.const 3646
    i32.const 18
    i32.const 1
    memory.init 0
    i64.const 0
    f64.convert_i64_u
  )
  (data (i32.const 2329) "\b8\cf\da\f1\26\16\8b\09\f4\8f\75\ca\c3\96\dd\00\17\7c\8c\68")
)
