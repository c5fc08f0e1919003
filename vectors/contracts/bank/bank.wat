;; bank: moves money on the ledger contract, which it may call and nobody else may
;; (docs/abi.md §6). The ledger's address is fixed in this module's data.
;;
;; Exports (transactions):
;;   transfer  input from(8) || to(8) || amount(u64 le): ledger debit(from), then credit(to); a
;;             ledger revert is passed on as this contract's revert with the ledger's message
;;             (so the debit is undone too); counts "transfers" (u64) on success; output the
;;             recipient's new u64 balance
;;   balance   input account(8): the ledger's balance of it, u64
;; Reverts: "bank: bad input", and whatever the ledger reverted with.
(module
  (import "ecliptica" "input_size" (func $input_size (result i32)))
  (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "return_data" (func $return_data (param i32 i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_read" (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "revert" (func $revert (param i32 i32)))
  (import "ecliptica" "call_contract" (func $call_contract (param i32 i32 i32 i64) (result i32)))
  (import "ecliptica" "call_output" (func $call_output (param i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  ;; ledger address at 0; input at 64; ledger request at 128 (op, account, amount);
  ;; ledger output at 192 (256 bytes); counter at 512
  (data (i32.const 0) "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\c0\de\0b\02")
  (data (i32.const 448) "bank: bad input")   ;; 15
  (data (i32.const 480) "transfers")         ;; 9

  ;; asks the ledger for op on account at $acct with amount $amount (100,000 gas at most); a
  ;; revert of the ledger becomes this contract's revert with the same message
  (func $ledger (param $op i32) (param $acct i32) (param $amount i64) (local $n i32)
    (i32.store8 (i32.const 128) (local.get $op))
    (i64.store (i32.const 129) (i64.load (local.get $acct)))
    (i64.store (i32.const 137) (local.get $amount))
    (if (i32.ne (call $call_contract (i32.const 0) (i32.const 128) (i32.const 17) (i64.const 100000)) (i32.const 0))
      (then
        (local.set $n (call $call_output (i32.const 192) (i32.const 256)))
        (if (i32.gt_u (local.get $n) (i32.const 256)) (then (local.set $n (i32.const 256))))
        (call $revert (i32.const 192) (local.get $n))))
    (drop (call $call_output (i32.const 192) (i32.const 8))))

  (func (export "transfer")
    (if (i32.ne (call $input_size) (i32.const 24)) (then (call $revert (i32.const 448) (i32.const 15))))
    (call $input_read (i32.const 64) (i32.const 0) (i32.const 24))
    (call $ledger (i32.const 0x64) (i32.const 64) (i64.load (i32.const 80)))
    (call $ledger (i32.const 0x63) (i32.const 72) (i64.load (i32.const 80)))
    (i64.store (i32.const 512) (i64.const 0))
    (drop (call $storage_read (i32.const 480) (i32.const 9) (i32.const 512) (i32.const 8)))
    (i64.store (i32.const 512) (i64.add (i64.load (i32.const 512)) (i64.const 1)))
    (call $storage_write (i32.const 480) (i32.const 9) (i32.const 512) (i32.const 8))
    (call $return_data (i32.const 192) (i32.const 8)))

  (func (export "balance")
    (if (i32.ne (call $input_size) (i32.const 8)) (then (call $revert (i32.const 448) (i32.const 15))))
    (call $input_read (i32.const 64) (i32.const 0) (i32.const 8))
    (call $ledger (i32.const 0x62) (i32.const 64) (i64.const 0))
    (call $return_data (i32.const 192) (i32.const 8))))
