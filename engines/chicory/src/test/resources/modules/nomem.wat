;; A memory that is not exported as "memory".
(module
  (import "ecliptica" "storage_write" (func $write (param i32 i32 i32 i32)))
  (memory (export "mem") 1)
  (func (export "write") (call $write (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
)
