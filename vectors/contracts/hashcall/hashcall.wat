;; hashcall: the crypto_sha256 host call (docs/abi.md §3) next to the same hash computed in wasm
;; by the sha256 contract, so a vector can show both give the same digest and what each costs.
;;
;; Exports (input = the message):
;;   digest()   -> ()   return_data = SHA-256(input) computed by the host
;;   twice()    -> ()   return_data = SHA-256(SHA-256(input)), the second hash over the first's output
(module
  (import "ecliptica" "input_size" (func $input_size (result i32)))
  (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "return_data" (func $return_data (param i32 i32)))
  (import "ecliptica" "crypto_sha256" (func $sha256 (param i32 i32 i32)))
  (memory (export "memory") 2 2)
  ;; input at 64, digests at 0 and 32
  (func $load (result i32) (local $n i32)
    (local.set $n (call $input_size))
    (call $input_read (i32.const 64) (i32.const 0) (local.get $n))
    (local.get $n))
  (func (export "digest")
    (call $sha256 (i32.const 64) (call $load) (i32.const 0))
    (call $return_data (i32.const 0) (i32.const 32)))
  (func (export "twice")
    (call $sha256 (i32.const 64) (call $load) (i32.const 0))
    (call $sha256 (i32.const 0) (i32.const 32) (i32.const 32))
    (call $return_data (i32.const 32) (i32.const 32))))
