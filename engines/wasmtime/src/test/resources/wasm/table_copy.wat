;; table.copy out of bounds: spec "out of bounds table access".
(module
  (table 2 funcref)
  (func (export "copy") (param i32) (table.copy (local.get 0) (i32.const 0) (i32.const 2)))
)
