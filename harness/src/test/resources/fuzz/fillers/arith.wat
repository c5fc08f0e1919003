;; A small contract for testing the fuzzer with stand-in bug engines: typed exports that use
;; i32.shl and i32.rem_s, and storage writes and removes of the input.
(module
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_remove" (func $storage_remove (param i32 i32) (result i32)))
  (import "ecliptica" "input_size" (func $input_size (result i32)))
  (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 0) "k")
  ;; a << b
  (func (export "shl") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.shl)
  ;; a rem_s b (traps on b = 0)
  (func (export "rem") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.rem_s)
  ;; storage["k"] = input
  (func (export "store") (local $n i32)
    call $input_size
    local.set $n
    (call $input_read (i32.const 16) (i32.const 0) (local.get $n))
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 16) (local.get $n)))
  ;; removes storage["k"]
  (func (export "clear")
    (drop (call $storage_remove (i32.const 0) (i32.const 1)))))
