(module
  (memory 1)
  (data (i32.const 65534) "abcd")
  (func (export "run")))
