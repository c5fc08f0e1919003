;; Both call_indirect and table.copy: wasmtime's TABLE_OUT_OF_BOUNDS cannot be attributed.
(module
  (type $v (func))
  (table 2 funcref)
  (func (export "call") (param i32) (call_indirect (type $v) (local.get 0)))
  (func (export "copy") (param i32) (table.copy (local.get 0) (i32.const 0) (i32.const 2)))
)
