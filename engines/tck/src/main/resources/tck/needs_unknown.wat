(module
  (import "test" "no_such_function" (func (param i32)))
  (func (export "run")))
