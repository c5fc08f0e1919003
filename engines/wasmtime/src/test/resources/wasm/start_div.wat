(module
  (func $init (drop (i32.div_u (i32.const 1) (i32.const 0))))
  (start $init)
  (export "f" (func $init))
)
