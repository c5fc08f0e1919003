;; proxy: a scripted contract for cross-contract calls (docs/abi.md §6). It runs the command
;; script in its input, left to right, and returns what the commands appended to its output.
;; The same code is the transaction entry (export "run") and the callee entry (export "call"),
;; so a script can call other proxies, or this one, with scripts of their own.
;;
;; Commands (one byte each, then their operands):
;;   'W' k v     storage_write(key = [k], value = [v])                     (1-byte key and value)
;;   'G' k       storage_read(key = [k]) -> appends the value (at most 8 bytes), or 0xff if absent
;;   'E' t       emit_event(topic = [t], data = empty)
;;   'K'         appends caller() (32 bytes): who called this contract
;;   'C' addr(32) gas(u64 le) len(u32 le) payload(len)
;;               status = call_contract(addr, payload, gas); appends the status byte
;;   'O'         appends the last call's output (call_output with a capacity of 256 bytes)
;;   'D'         calls itself with the script "D" and all its gas, then appends the status byte
;;               and that call's output: recursion down to the depth limit
;;   'R'         revert("proxy: revert")        'A'  abort("proxy: abort")
;;   'T'         unreachable                    'L'  loops forever (until out of gas)
;;   other       revert("proxy: bad command")
;;
;; Memory: scratch at 0, messages at 1024, input at 65536, output at 131072.
(module
  (import "ecliptica" "input_size" (func $input_size (result i32)))
  (import "ecliptica" "input_read" (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "return_data" (func $return_data (param i32 i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_read" (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "emit_event" (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "caller" (func $caller (param i32)))
  (import "ecliptica" "self_address" (func $self_address (param i32)))
  (import "ecliptica" "revert" (func $revert (param i32 i32)))
  (import "ecliptica" "abort" (func $abort (param i32 i32)))
  (import "ecliptica" "call_contract" (func $call_contract (param i32 i32 i32 i64) (result i32)))
  (import "ecliptica" "call_output" (func $call_output (param i32 i32) (result i32)))
  (memory (export "memory") 4 4)
  (data (i32.const 1024) "proxy: revert")        ;; 13 bytes
  (data (i32.const 1040) "proxy: abort")         ;; 12 bytes
  (data (i32.const 1056) "proxy: bad command")   ;; 18 bytes
  (data (i32.const 1088) "D")
  (global $out (mut i32) (i32.const 131072))

  (func $append_byte (param $b i32)
    (i32.store8 (global.get $out) (local.get $b))
    (global.set $out (i32.add (global.get $out) (i32.const 1))))

  ;; appends call_output, at most 256 bytes of it
  (func $append_output (local $n i32)
    (local.set $n (call $call_output (global.get $out) (i32.const 256)))
    (if (i32.gt_u (local.get $n) (i32.const 256)) (then (local.set $n (i32.const 256))))
    (global.set $out (i32.add (global.get $out) (local.get $n))))

  (func $run (local $ip i32) (local $end i32) (local $op i32) (local $n i32)
    (local.set $n (call $input_size))
    (call $input_read (i32.const 65536) (i32.const 0) (local.get $n))
    (local.set $ip (i32.const 65536))
    (local.set $end (i32.add (i32.const 65536) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ip) (local.get $end)))
        (local.set $op (i32.load8_u (local.get $ip)))
        (block $dispatched
          (if (i32.eq (local.get $op) (i32.const 0x57)) (then ;; W
            (call $storage_write (i32.add (local.get $ip) (i32.const 1)) (i32.const 1)
                                 (i32.add (local.get $ip) (i32.const 2)) (i32.const 1))
            (local.set $ip (i32.add (local.get $ip) (i32.const 3)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x47)) (then ;; G
            (local.set $n (call $storage_read (i32.add (local.get $ip) (i32.const 1)) (i32.const 1)
                                              (global.get $out) (i32.const 8)))
            (if (i32.lt_s (local.get $n) (i32.const 0))
              (then (call $append_byte (i32.const 0xff)))
              (else
                (if (i32.gt_u (local.get $n) (i32.const 8)) (then (local.set $n (i32.const 8))))
                (global.set $out (i32.add (global.get $out) (local.get $n)))))
            (local.set $ip (i32.add (local.get $ip) (i32.const 2)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x45)) (then ;; E
            (call $emit_event (i32.add (local.get $ip) (i32.const 1)) (i32.const 1) (i32.const 0) (i32.const 0))
            (local.set $ip (i32.add (local.get $ip) (i32.const 2)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x4b)) (then ;; K
            (call $caller (global.get $out))
            (global.set $out (i32.add (global.get $out) (i32.const 32)))
            (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x43)) (then ;; C
            (local.set $n (i32.load (i32.add (local.get $ip) (i32.const 41))))
            (call $append_byte
              (call $call_contract (i32.add (local.get $ip) (i32.const 1))
                                   (i32.add (local.get $ip) (i32.const 45)) (local.get $n)
                                   (i64.load (i32.add (local.get $ip) (i32.const 33)))))
            (local.set $ip (i32.add (i32.add (local.get $ip) (i32.const 45)) (local.get $n)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x4f)) (then ;; O
            (call $append_output)
            (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x44)) (then ;; D
            (call $self_address (i32.const 0))
            (call $append_byte
              (call $call_contract (i32.const 0) (i32.const 1088) (i32.const 1) (i64.const 0x7fffffffffffffff)))
            (call $append_output)
            (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
            (br $dispatched)))
          (if (i32.eq (local.get $op) (i32.const 0x52)) (then ;; R
            (call $revert (i32.const 1024) (i32.const 13))))
          (if (i32.eq (local.get $op) (i32.const 0x41)) (then ;; A
            (call $abort (i32.const 1040) (i32.const 12))))
          (if (i32.eq (local.get $op) (i32.const 0x54)) (then ;; T
            unreachable))
          (if (i32.eq (local.get $op) (i32.const 0x4c)) (then ;; L
            (loop $forever (br $forever))))
          (call $revert (i32.const 1056) (i32.const 18)))
        (br $next)))
    (call $return_data (i32.const 131072) (i32.sub (global.get $out) (i32.const 131072))))

  (func (export "run") (call $run))
  (func (export "call") (call $run)))
