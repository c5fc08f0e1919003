;; ledger: balances that only one bank may move, through cross-contract calls (docs/abi.md §6).
;; Its only export is the callee entry point "call"; the calling contract must be the one whose
;; address the ledger's storage holds under "bank" (set at genesis), else it reverts.
;;
;; call input: op(1) || account(8) || amount(u64 le, 8)     (17 bytes; amount ignored by 'b')
;;   'c' credit: balance += amount; event "ledger.credit" = account || amount; output the new u64
;;   'd' debit:  balance -= amount; event "ledger.debit"  = account || amount; output the new u64
;;   'b' balance: output the u64 balance (0 when absent)
;; Storage: "bank" -> 32-byte address; account(8) -> u64 balance.
;; Reverts: "ledger: not the bank", "ledger: bad input", "ledger: insufficient", "ledger: overflow".
(module
  (import "ecliptica" "input_size" (func $input_size (result i32)))
  (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "return_data" (func $return_data (param i32 i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_read" (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "emit_event" (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "caller" (func $caller (param i32)))
  (import "ecliptica" "revert" (func $revert (param i32 i32)))
  (memory (export "memory") 1 1)
  ;; input at 0 (op at 0, account at 1, amount at 9); caller at 64; bank at 96; balance at 128
  (data (i32.const 256) "bank")
  (data (i32.const 272) "ledger: not the bank")   ;; 20
  (data (i32.const 304) "ledger: bad input")      ;; 17
  (data (i32.const 336) "ledger: insufficient")   ;; 20
  (data (i32.const 368) "ledger: overflow")       ;; 16
  (data (i32.const 400) "ledger.credit")          ;; 13
  (data (i32.const 416) "ledger.debit")           ;; 12

  (func $is_bank (result i32) (local $i i32)
    (call $caller (i32.const 64))
    (if (i32.ne (call $storage_read (i32.const 256) (i32.const 4) (i32.const 96) (i32.const 32)) (i32.const 32))
      (then (return (i32.const 0))))
    (block $differ
      (loop $each
        (br_if $differ (i64.ne (i64.load (i32.add (i32.const 64) (local.get $i)))
                               (i64.load (i32.add (i32.const 96) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br_if $each (i32.lt_u (local.get $i) (i32.const 32))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; the account's balance (0 when absent) into 128
  (func $load
    (i64.store (i32.const 128) (i64.const 0))
    (drop (call $storage_read (i32.const 1) (i32.const 8) (i32.const 128) (i32.const 8))))

  (func $store_and_return (param $topic i32) (param $topic_len i32)
    (call $storage_write (i32.const 1) (i32.const 8) (i32.const 128) (i32.const 8))
    (call $emit_event (local.get $topic) (local.get $topic_len) (i32.const 1) (i32.const 16))
    (call $return_data (i32.const 128) (i32.const 8)))

  (func (export "call") (local $op i32) (local $bal i64) (local $amount i64)
    (if (i32.eqz (call $is_bank)) (then (call $revert (i32.const 272) (i32.const 20))))
    (if (i32.ne (call $input_size) (i32.const 17)) (then (call $revert (i32.const 304) (i32.const 17))))
    (call $input_read (i32.const 0) (i32.const 0) (i32.const 17))
    (local.set $op (i32.load8_u (i32.const 0)))
    (local.set $amount (i64.load (i32.const 9)))
    (call $load)
    (local.set $bal (i64.load (i32.const 128)))
    (if (i32.eq (local.get $op) (i32.const 0x62)) (then ;; 'b'
      (call $return_data (i32.const 128) (i32.const 8))
      (return)))
    (if (i32.eq (local.get $op) (i32.const 0x63)) (then ;; 'c'
      (if (i64.lt_u (i64.add (local.get $bal) (local.get $amount)) (local.get $bal))
        (then (call $revert (i32.const 368) (i32.const 16))))
      (i64.store (i32.const 128) (i64.add (local.get $bal) (local.get $amount)))
      (call $store_and_return (i32.const 400) (i32.const 13))
      (return)))
    (if (i32.eq (local.get $op) (i32.const 0x64)) (then ;; 'd'
      (if (i64.lt_u (local.get $bal) (local.get $amount))
        (then (call $revert (i32.const 336) (i32.const 20))))
      (i64.store (i32.const 128) (i64.sub (local.get $bal) (local.get $amount)))
      (call $store_and_return (i32.const 416) (i32.const 12))
      (return)))
    (call $revert (i32.const 304) (i32.const 17))))
