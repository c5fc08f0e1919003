;; traps — exports that end in each WebAssembly trap class of ABI v1 §4, plus rollback probes.
;;
;; Exports () -> () unless noted. Expected result in brackets.
;;   div_by_zero       i32.div_s 7 / 0                               [trap integer_divide_by_zero]
;;   rem_by_zero       i64.rem_u 7 / 0                               [trap integer_divide_by_zero]
;;   div_overflow      i32.div_s INT32_MIN / -1                      [trap integer_overflow]
;;   div64_overflow    i64.div_s INT64_MIN / -1                      [trap integer_overflow]
;;   rem_min_neg1      i32.rem_s INT32_MIN % -1 = 0 (does NOT trap); output i32 LE  [ok 0x00000000]
;;   oob_load          i32.load at 65534 in a 1-page memory          [trap out_of_bounds_memory]
;;   oob_load_offset   i32.load offset=0xffffffff from address 1 (33-bit effective address)
;;                                                                   [trap out_of_bounds_memory]
;;   oob_store_grown   grows memory by 1 page, stores at the last valid address, then 1 past it
;;                                                                   [trap out_of_bounds_memory]
;;   unreachable       unreachable                                   [trap unreachable]
;;   indirect_null     call_indirect to table slot 2 (no element)    [trap uninitialized_element]
;;   indirect_oob      call_indirect to slot 9 of a 4-slot table    [trap undefined_element]
;;   indirect_type     call_indirect slot 0 with type () -> i64, element is () -> i32
;;                                                                   [trap indirect_call_type_mismatch]
;;   indirect_ok       call_indirect slots 0 and 1; output two i32 LE [ok 0x2a000000 0x07000000]
;;   trunc_nan         i32.trunc_f32_s NaN                           [trap invalid_conversion_to_integer]
;;   trunc_overflow    i32.trunc_f64_s 3e9                           [trap integer_overflow]
;;   trunc_u_negative  i64.trunc_f64_u -1.0                          [trap integer_overflow]
;;   trunc_sat         saturating conversions of NaN, +inf, -1e300, -0.9 to i32/i64 (s/u);
;;                     output 6 values (i32 LE x4, i64 LE x2)         [ok]
;;   write_then_trap   writes "k" = "trapped", emits an event, then unreachable  [trap unreachable]
;;   write_then_oob    writes "k" = "oob", then loads out of bounds  [trap out_of_bounds_memory]
;;   abort_msg         calls abort("traps: boom")                   [trap abort, output the message]
;;   input_oob         input_read(dst, 0, input_size + 1)           [trap abi_violation]
;;   host_oob          storage_write with a value range past the end of memory [trap out_of_bounds_memory]
;;   key_too_long      storage_write with a 257-byte key             [trap abi_violation]
;;   set               writes "k" = input (at most 60000 bytes)      [ok]
;;   get               output: value of "k" (first 60000 bytes), or "absent" if there is none  [ok]
;;   divmod (param i32 i32) (result i32 i32)  quotient and remainder (signed); traps on 0 / overflow
;;   mix    (param i32 i64) (result i64)       i64.extend_i32_s(a) * 1000003 + b (wrapping)
(module
  (import "ecliptica" "input_size"    (func $input_size (result i32)))
  (import "ecliptica" "input_read"    (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "storage_read"  (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "return_data"   (func $return_data (param i32 i32)))
  (import "ecliptica" "emit_event"    (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "abort"         (func $abort (param i32 i32)))

  (type $to_i32 (func (result i32)))
  (type $to_i64 (func (result i64)))

  (memory (export "memory") 1 2)
  (table 4 funcref)
  (elem (i32.const 0) $forty_two $seven)     ;; slots 2 and 3 stay uninitialized (null)

  (data (i32.const 0)  "k")
  (data (i32.const 16) "trapped")             ;; 7
  (data (i32.const 32) "oob")                 ;; 3
  (data (i32.const 48) "traps: boom")         ;; 11
  (data (i32.const 64) "absent")              ;; 6
  (data (i32.const 80) "traps.before_trap")   ;; 17
  ;; 256..: scratch output; 1024..: input buffer; 4096..4352: a 257-byte key area (zeros)

  (global $zero32 (mut i32) (i32.const 0))    ;; runtime zero so no tool can fold the traps away
  (global $neg1 (mut i32) (i32.const -1))

  (func $forty_two (type $to_i32) (i32.const 42))
  (func $seven (type $to_i32) (i32.const 7))

  (func (export "div_by_zero")
    (drop (i32.div_s (i32.const 7) (global.get $zero32))))
  (func (export "rem_by_zero")
    (drop (i64.rem_u (i64.const 7) (i64.extend_i32_u (global.get $zero32)))))
  (func (export "div_overflow")
    (drop (i32.div_s (i32.const 0x80000000) (global.get $neg1))))
  (func (export "div64_overflow")
    (drop (i64.div_s (i64.const 0x8000000000000000) (i64.extend_i32_s (global.get $neg1)))))
  (func (export "rem_min_neg1")
    (i32.store (i32.const 256) (i32.rem_s (i32.const 0x80000000) (global.get $neg1)))
    (call $return_data (i32.const 256) (i32.const 4)))

  (func (export "oob_load")
    (drop (i32.load (i32.const 65534))))
  (func (export "oob_load_offset")
    (drop (i32.load offset=0xffffffff (i32.const 1))))
  (func (export "oob_store_grown")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 131068) (i32.const 1))     ;; last 4 bytes of page 2: fine
    (i32.store (i32.const 131069) (i32.const 1)))    ;; one byte past the end: traps

  (func (export "unreachable")
    (unreachable))

  (func (export "indirect_null")
    (drop (call_indirect (type $to_i32) (i32.const 2))))
  (func (export "indirect_oob")
    (drop (call_indirect (type $to_i32) (i32.const 9))))
  (func (export "indirect_type")
    (drop (call_indirect (type $to_i64) (i32.const 0))))
  (func (export "indirect_ok")
    (i32.store (i32.const 256) (call_indirect (type $to_i32) (i32.const 0)))
    (i32.store (i32.const 260) (call_indirect (type $to_i32) (i32.const 1)))
    (call $return_data (i32.const 256) (i32.const 8)))

  (func (export "trunc_nan")
    (drop (i32.trunc_f32_s (f32.div (f32.const 0) (f32.convert_i32_s (global.get $zero32))))))
  (func (export "trunc_overflow")
    (drop (i32.trunc_f64_s (f64.const 3e9))))
  (func (export "trunc_u_negative")
    (drop (i64.trunc_f64_u (f64.const -1.0))))
  (func (export "trunc_sat")
    (i32.store (i32.const 256) (i32.trunc_sat_f64_s (f64.const nan)))          ;; 0
    (i32.store (i32.const 260) (i32.trunc_sat_f64_s (f64.const inf)))          ;; 0x7fffffff
    (i32.store (i32.const 264) (i32.trunc_sat_f64_u (f64.const -1e300)))       ;; 0
    (i32.store (i32.const 268) (i32.trunc_sat_f32_u (f32.const -0.9)))         ;; 0
    (i64.store (i32.const 272) (i64.trunc_sat_f64_s (f64.const -1e300)))       ;; INT64_MIN
    (i64.store (i32.const 280) (i64.trunc_sat_f64_u (f64.const 1.8446744073709552e19))) ;; UINT64_MAX
    (call $return_data (i32.const 256) (i32.const 32)))

  (func (export "write_then_trap")
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 16) (i32.const 7))
    (call $emit_event (i32.const 80) (i32.const 17) (i32.const 16) (i32.const 7))
    (unreachable))
  (func (export "write_then_oob")
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 32) (i32.const 3))
    (drop (i64.load (i32.const 65530))))
  (func (export "abort_msg")
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 48) (i32.const 11))
    (call $abort (i32.const 48) (i32.const 11))
    (unreachable))

  (func (export "input_oob")
    (call $input_read (i32.const 1024) (i32.const 0) (i32.add (call $input_size) (i32.const 1))))
  (func (export "host_oob")
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 65500) (i32.const 100)))
  (func (export "key_too_long")
    (call $storage_write (i32.const 4096) (i32.const 257) (i32.const 16) (i32.const 7)))

  (func (export "set")
    (local $n i32)
    (local.set $n (call $input_size))
    (call $input_read (i32.const 1024) (i32.const 0) (local.get $n))
    (call $storage_write (i32.const 0) (i32.const 1) (i32.const 1024) (local.get $n)))
  (func (export "get")
    (local $n i32)
    (local.set $n (call $storage_read (i32.const 0) (i32.const 1) (i32.const 1024) (i32.const 60000)))
    (if (i32.eq (local.get $n) (i32.const -1))
      (then (call $return_data (i32.const 64) (i32.const 6)))
      (else (call $return_data (i32.const 1024)
              (select (local.get $n) (i32.const 60000) (i32.lt_u (local.get $n) (i32.const 60000)))))))

  (func (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_s (local.get $a) (local.get $b))
    (i32.rem_s (local.get $a) (local.get $b)))
  (func (export "mix") (param $a i32) (param $b i64) (result i64)
    (i64.add (i64.mul (i64.extend_i32_s (local.get $a)) (i64.const 1000003)) (local.get $b)))
)
