;; Well-formed but invalid (type error): build with `wat2wasm --no-check`.
(module
  (func (export "f") (result i32) (i64.const 0))
)
