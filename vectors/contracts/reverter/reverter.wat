;; reverter — revert semantics and rollback proofs.
;;
;; Storage: key "n" holds a u64 LE call counter; key "x" holds the last accepted input;
;; key "a" is written only by paths that then revert.
;; Exports (all () -> ()):
;;   normal              n += 1; emits "reverter.normal" with n (u64 LE); output: n (u64 LE)
;;   revert_after_write  writes "a" = "written", n += 1, emits two events, then reverts with
;;                       "reverter: rolled back"                      [revert]
;;   maybe_revert        input first byte 0 (or empty input): writes "x" = input, emits
;;                       "reverter.accepted", output "accepted"; otherwise writes "x" and then
;;                       reverts with "reverter: rejected " + the input bytes     [ok | revert]
;;   remove_then_revert  removes "n" and "x", then reverts "reverter: remove undone"  [revert]
;;   remove              removes "x"; output 1 byte: 0x01 if it was present            [ok]
;;   revert_empty        reverts with an empty message                                [revert]
;;   return_then_revert  return_data("ignored") then revert("reverter: message wins") [revert]
;;   return_twice        return_data("first") then return_data("second"); output "second" [ok]
;;   revert_sized        input u32 LE len (len <= 131072): reverts with a `len`-byte message whose
;;                       byte i is (i & 0xff); len 65536 is the largest allowed message,
;;                       65537 traps abi_violation                        [revert | trap]
;;   read                input: key bytes; output 0x01 || value if present, 0x00 if absent [ok]
(module
  (import "ecliptica" "input_size"     (func $input_size (result i32)))
  (import "ecliptica" "input_read"     (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "storage_read"   (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "storage_write"  (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_remove" (func $storage_remove (param i32 i32) (result i32)))
  (import "ecliptica" "return_data"    (func $return_data (param i32 i32)))
  (import "ecliptica" "emit_event"     (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "revert"         (func $revert (param i32 i32)))

  ;; Page 0: constants and scratch. Page 1: input buffer (65536 bytes) and the revert_sized pattern.
  (memory (export "memory") 2 2)

  (data (i32.const 0)   "n")
  (data (i32.const 1)   "x")
  (data (i32.const 2)   "a")
  (data (i32.const 16)  "reverter.normal")          ;; 15
  (data (i32.const 32)  "written")                  ;; 7
  (data (i32.const 48)  "reverter.before_revert")   ;; 22
  (data (i32.const 80)  "reverter: rolled back")    ;; 21
  (data (i32.const 112) "reverter.accepted")        ;; 17
  (data (i32.const 144) "accepted")                 ;; 8
  (data (i32.const 160) "reverter: rejected ")      ;; 19; the input is copied right after it (179)
  (data (i32.const 1024) "reverter: remove undone") ;; 23
  (data (i32.const 1056) "ignored")                 ;; 7
  (data (i32.const 1072) "reverter: message wins")  ;; 22
  (data (i32.const 1104) "first")                   ;; 5
  (data (i32.const 1120) "second")                  ;; 6
  ;; scratch: 1200..1207 counter, 1208 flag byte, 1216.. read output

  (func $bump (result i64)
    (local $v i64)
    (i64.store (i32.const 1200) (i64.const 0))
    (drop (call $storage_read (i32.const 0) (i32.const 1) (i32.const 1200) (i32.const 8)))
    (local.set $v (i64.add (i64.load (i32.const 1200)) (i64.const 1)))
    (i64.store (i32.const 1200) (local.get $v))
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 1200) (i32.const 8))
    (local.get $v))

  (func (export "normal")
    (drop (call $bump))
    (call $emit_event (i32.const 16) (i32.const 15) (i32.const 1200) (i32.const 8))
    (call $return_data (i32.const 1200) (i32.const 8)))

  (func (export "revert_after_write")
    (call $storage_write (i32.const 2) (i32.const 1) (i32.const 32) (i32.const 7))
    (drop (call $bump))
    (call $emit_event (i32.const 48) (i32.const 22) (i32.const 32) (i32.const 7))
    (call $emit_event (i32.const 16) (i32.const 15) (i32.const 1200) (i32.const 8))
    (call $return_data (i32.const 32) (i32.const 7))
    (call $revert (i32.const 80) (i32.const 21))
    (unreachable))

  (func (export "maybe_revert")
    (local $n i32)
    (local.set $n (call $input_size))
    (if (i32.gt_u (local.get $n) (i32.const 1024)) (then (local.set $n (i32.const 1024))))
    (i32.store8 (i32.const 179) (i32.const 0))
    (call $input_read (i32.const 179) (i32.const 0) (local.get $n))
    (call $storage_write (i32.const 1) (i32.const 1) (i32.const 179) (local.get $n))
    (if (i32.eqz (i32.load8_u (i32.const 179)))
      (then
        (call $emit_event (i32.const 112) (i32.const 17) (i32.const 179) (local.get $n))
        (call $return_data (i32.const 144) (i32.const 8)))
      (else
        (call $revert (i32.const 160) (i32.add (i32.const 19) (local.get $n)))
        (unreachable))))

  (func (export "remove_then_revert")
    (drop (call $storage_remove (i32.const 0) (i32.const 1)))
    (drop (call $storage_remove (i32.const 1) (i32.const 1)))
    (call $revert (i32.const 1024) (i32.const 23))
    (unreachable))

  (func (export "remove")
    (i32.store8 (i32.const 1208) (call $storage_remove (i32.const 1) (i32.const 1)))
    (call $return_data (i32.const 1208) (i32.const 1)))

  (func (export "revert_empty")
    (call $revert (i32.const 0) (i32.const 0))
    (unreachable))

  (func (export "return_then_revert")
    (call $return_data (i32.const 1056) (i32.const 7))
    (call $revert (i32.const 1072) (i32.const 22))
    (unreachable))

  (func (export "return_twice")
    (call $return_data (i32.const 1104) (i32.const 5))
    (call $return_data (i32.const 1120) (i32.const 6)))

  ;; Fills page 1 with bytes (i & 0xff) for i = 0..65535 (256 bytes by a loop, then memory.copy
  ;; doubling) and reverts with `len` bytes starting at 65536. When len > 65536 the message starts
  ;; at 131072 - len instead, so the range stays inside memory and only the 65536-byte output limit
  ;; is broken (abi_violation, not out_of_bounds_memory).
  (func (export "revert_sized")
    (local $len i32) (local $i i32) (local $start i32)
    (call $input_read (i32.const 1200) (i32.const 0) (i32.const 4))
    (local.set $len (i32.load (i32.const 1200)))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (i32.const 256)))
        (i32.store8 (i32.add (i32.const 65536) (local.get $i)) (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (block $done2
      (loop $double
        (br_if $done2 (i32.ge_u (local.get $i) (i32.const 65536)))
        (memory.copy (i32.add (i32.const 65536) (local.get $i)) (i32.const 65536) (local.get $i))
        (local.set $i (i32.shl (local.get $i) (i32.const 1)))
        (br $double)))
    (local.set $start (i32.const 65536))
    (if (i32.gt_u (local.get $len) (i32.const 65536))
      (then (local.set $start (i32.sub (i32.const 131072) (local.get $len)))))
    (call $revert (local.get $start) (local.get $len))
    (unreachable))

  (func (export "read")
    (local $n i32) (local $klen i32)
    (local.set $klen (call $input_size))
    (if (i32.gt_u (local.get $klen) (i32.const 256)) (then (local.set $klen (i32.const 256))))
    (call $input_read (i32.const 1600) (i32.const 0) (local.get $klen))
    (local.set $n (call $storage_read (i32.const 1600) (local.get $klen) (i32.const 1217) (i32.const 256)))
    (if (i32.eq (local.get $n) (i32.const -1))
      (then
        (i32.store8 (i32.const 1216) (i32.const 0))
        (call $return_data (i32.const 1216) (i32.const 1)))
      (else
        (i32.store8 (i32.const 1216) (i32.const 1))
        (if (i32.gt_u (local.get $n) (i32.const 256)) (then (local.set $n (i32.const 256))))
        (call $return_data (i32.const 1216) (i32.add (local.get $n) (i32.const 1))))))
)
