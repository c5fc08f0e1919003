;; A memory that is not exported as "memory".
(module
  (import "ecliptica" "storage_write" (func $write (param i32 i32 i32 i32)))
  (memory (export "mem") 1)
  (func (export "write") (param i32 i32) (call $write (local.get 0) (local.get 1) (i32.const 0) (i32.const 0)))
)
