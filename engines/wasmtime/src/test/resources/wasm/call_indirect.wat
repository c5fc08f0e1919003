;; call_indirect through a 3-slot table: slot 0 = $one, slot 1 empty, slot 2 = $two (other type).
(module
  (type $v_i (func (result i32)))
  (type $i_i (func (param i32) (result i32)))
  (table 3 funcref)
  (func $one (type $v_i) (i32.const 1))
  (func $two (type $i_i) (local.get 0))
  (elem (i32.const 0) $one)
  (elem (i32.const 2) $two)
  (func (export "call") (param i32) (result i32) (call_indirect (type $v_i) (local.get 0)))
)
