;; i32.const 1660 encodes as 41 FC 0C, the bytes of a table.init prefix: a byte scan would be fooled.
(module
  (type $v (func))
  (table 1 funcref)
  (func (export "call") (param i32) (drop (i32.const 1660)) (call_indirect (type $v) (local.get 0)))
)
