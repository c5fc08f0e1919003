;; counter — a u64 counter stored under the key "count" (u64 little-endian).
;;
;; Exports (all () -> ()):
;;   increment  input: empty          adds 1; output: new value (u64 LE)
;;   add        input: u64 LE (8 B)    adds the amount; output: new value (u64 LE)
;;                                     reverts "counter: bad input" if input is not 8 bytes,
;;                                     reverts "counter: overflow" if the sum exceeds 2^64-1
;;   get        input: ignored         output: current value (u64 LE, 0 if never set)
;;   reset      input: ignored         removes the key; output: 1 byte, 0x01 if it was present
;;   context    input: ignored         output: caller (32) || self_address (32) ||
;;                                     block_height (u64 LE) || block_time (u64 LE) || input_size (u32 LE)
;; Every change emits topic "counter.changed" with data old(u64 LE) || new(u64 LE);
;; reset emits "counter.reset" with data old(u64 LE).
(module
  (import "ecliptica" "input_size"     (func $input_size (result i32)))
  (import "ecliptica" "input_read"     (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "storage_read"   (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "storage_write"  (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "storage_remove" (func $storage_remove (param i32 i32) (result i32)))
  (import "ecliptica" "return_data"    (func $return_data (param i32 i32)))
  (import "ecliptica" "emit_event"     (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "revert"         (func $revert (param i32 i32)))
  (import "ecliptica" "caller"         (func $caller (param i32)))
  (import "ecliptica" "self_address"   (func $self_address (param i32)))
  (import "ecliptica" "block_height"   (func $block_height (result i64)))
  (import "ecliptica" "block_time"     (func $block_time (result i64)))

  (memory (export "memory") 1 1)

  ;; constant strings
  (data (i32.const 0)   "count")                  ;; key, 5 bytes
  (data (i32.const 16)  "counter.changed")        ;; topic, 15 bytes
  (data (i32.const 32)  "counter.reset")          ;; topic, 13 bytes
  (data (i32.const 48)  "counter: bad input")     ;; 18 bytes
  (data (i32.const 80)  "counter: overflow")      ;; 17 bytes
  ;; scratch: 128..135 value buffer, 144..159 event data (old || new), 160 flag byte,
  ;; 256..343 context output

  ;; Reads the stored value; 0 when absent. Reverts if the stored value is not 8 bytes long.
  (func $load (result i64)
    (local $len i32)
    (i64.store (i32.const 128) (i64.const 0))
    (local.set $len (call $storage_read (i32.const 0) (i32.const 5) (i32.const 128) (i32.const 8)))
    (if (i32.eq (local.get $len) (i32.const -1))
      (then (return (i64.const 0))))
    (i64.load (i32.const 128)))

  ;; Stores the new value, emits the change event and returns the new value as output.
  (func $store (param $old i64) (param $new i64)
    (i64.store (i32.const 128) (local.get $new))
    (call $storage_write (i32.const 0) (i32.const 5) (i32.const 128) (i32.const 8))
    (i64.store (i32.const 144) (local.get $old))
    (i64.store (i32.const 152) (local.get $new))
    (call $emit_event (i32.const 16) (i32.const 15) (i32.const 144) (i32.const 16))
    (call $return_data (i32.const 128) (i32.const 8)))

  (func $bump (param $delta i64)
    (local $old i64) (local $new i64)
    (local.set $old (call $load))
    (local.set $new (i64.add (local.get $old) (local.get $delta)))
    (if (i64.lt_u (local.get $new) (local.get $old))
      (then (call $revert (i32.const 80) (i32.const 17)) (unreachable)))
    (call $store (local.get $old) (local.get $new)))

  (func (export "increment")
    (call $bump (i64.const 1)))

  (func (export "add")
    (if (i32.ne (call $input_size) (i32.const 8))
      (then (call $revert (i32.const 48) (i32.const 18)) (unreachable)))
    (call $input_read (i32.const 136) (i32.const 0) (i32.const 8))
    (call $bump (i64.load (i32.const 136))))

  (func (export "get")
    (i64.store (i32.const 136) (call $load))
    (call $return_data (i32.const 136) (i32.const 8)))

  (func (export "reset")
    (i64.store (i32.const 144) (call $load))
    (i32.store8 (i32.const 160) (call $storage_remove (i32.const 0) (i32.const 5)))
    (call $emit_event (i32.const 32) (i32.const 13) (i32.const 144) (i32.const 8))
    (call $return_data (i32.const 160) (i32.const 1)))

  (func (export "context")
    (call $caller (i32.const 256))
    (call $self_address (i32.const 288))
    (i64.store (i32.const 320) (call $block_height))
    (i64.store (i32.const 328) (call $block_time))
    (i32.store (i32.const 336) (call $input_size))
    (call $return_data (i32.const 256) (i32.const 84)))
)
