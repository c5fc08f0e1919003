;; recursion — deep and branchy recursion.
;;
;; Exports (all () -> (); integers little-endian):
;;   fib        input u32 n                output u64 fib(n) by naive double recursion
;;                                         (fib(0) = 0, fib(1) = 1; n <= 25 keeps it cheap)
;;   ackermann  input u32 m || u32 n       output u64 A(m, n) (m <= 3 and n <= 5 keep it cheap)
;;   depth      input u32 d                recurses d frames deep; output u64 h(d) where
;;                                         h(0) = 0x9e3779b97f4a7c15 and
;;                                         h(k) = rotl64(h(k-1) xor (k * 0x100000001b3), 5)
;;                                                * 0x5851f42d4c957f2d + k      (wrapping)
;;                                         so the result depends on every frame.
;;   depth_events  input u32 d             like depth, and every frame k with k % 100 == 0 emits
;;                                         topic "recursion.frame", data u32 k || u64 h(k), on the way
;;                                         back up (so events come in increasing k); output u64 h(d)
;;   even_odd   input u32 n                mutual recursion is_even(n) -> is_odd(n-1) -> is_even(n-2)...
;;                                         where is_odd calls is_even directly and is_even calls is_odd
;;                                         through call_indirect; output 1 byte (1 if n is even)
;; Bundled vectors keep every recursion depth <= 5000 (ABI v1: call_stack_exhausted is engine-specific).
(module
  (import "ecliptica" "input_size"  (func $input_size (result i32)))
  (import "ecliptica" "input_read"  (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "return_data" (func $return_data (param i32 i32)))
  (import "ecliptica" "emit_event"  (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "revert"      (func $revert (param i32 i32)))

  (type $pred (func (param i32) (result i32)))

  (memory (export "memory") 1 1)
  (table 1 funcref)
  (elem (i32.const 0) $is_odd)

  (data (i32.const 0)  "recursion.frame")        ;; 15
  (data (i32.const 16) "recursion: bad input")   ;; 20
  ;; 64..71: u32 args; 128..: output; 160..171: event data

  ;; Reads `n` u32 arguments from the input (exactly 4*n bytes) into 64.. ; reverts otherwise.
  (func $args (param $n i32)
    (if (i32.ne (call $input_size) (i32.shl (local.get $n) (i32.const 2)))
      (then (call $revert (i32.const 16) (i32.const 20)) (unreachable)))
    (call $input_read (i32.const 64) (i32.const 0) (i32.shl (local.get $n) (i32.const 2))))

  (func $out64 (param $v i64)
    (i64.store (i32.const 128) (local.get $v))
    (call $return_data (i32.const 128) (i32.const 8)))

  (func $fib (param $n i32) (result i64)
    (if (result i64) (i32.lt_u (local.get $n) (i32.const 2))
      (then (i64.extend_i32_u (local.get $n)))
      (else (i64.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  (func $ack (param $m i64) (param $n i64) (result i64)
    (if (i64.eqz (local.get $m)) (then (return (i64.add (local.get $n) (i64.const 1)))))
    (if (i64.eqz (local.get $n))
      (then (return (call $ack (i64.sub (local.get $m) (i64.const 1)) (i64.const 1)))))
    (call $ack (i64.sub (local.get $m) (i64.const 1))
               (call $ack (local.get $m) (i64.sub (local.get $n) (i64.const 1)))))

  ;; h(k) as documented above; when $emit is set, frames with k % 100 == 0 emit an event.
  (func $h (param $k i32) (param $emit i32) (result i64)
    (local $prev i64) (local $v i64)
    (if (i32.eqz (local.get $k)) (then (return (i64.const 0x9e3779b97f4a7c15))))
    (local.set $prev (call $h (i32.sub (local.get $k) (i32.const 1)) (local.get $emit)))
    (local.set $v
      (i64.add
        (i64.mul
          (i64.rotl (i64.xor (local.get $prev)
                             (i64.mul (i64.extend_i32_u (local.get $k)) (i64.const 0x100000001b3)))
                    (i64.const 5))
          (i64.const 0x5851f42d4c957f2d))
        (i64.extend_i32_u (local.get $k))))
    (if (i32.and (local.get $emit) (i32.eqz (i32.rem_u (local.get $k) (i32.const 100))))
      (then
        (i32.store (i32.const 160) (local.get $k))
        (i64.store (i32.const 164) (local.get $v))
        (call $emit_event (i32.const 0) (i32.const 15) (i32.const 160) (i32.const 12))))
    (local.get $v))

  (func $is_even (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call_indirect (type $pred) (i32.sub (local.get $n) (i32.const 1)) (i32.const 0)))))

  (func $is_odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $is_even (i32.sub (local.get $n) (i32.const 1))))))

  (func (export "fib")
    (call $args (i32.const 1))
    (call $out64 (call $fib (i32.load (i32.const 64)))))

  (func (export "ackermann")
    (call $args (i32.const 2))
    (call $out64 (call $ack (i64.extend_i32_u (i32.load (i32.const 64)))
                            (i64.extend_i32_u (i32.load (i32.const 68))))))

  (func (export "depth")
    (call $args (i32.const 1))
    (call $out64 (call $h (i32.load (i32.const 64)) (i32.const 0))))

  (func (export "depth_events")
    (call $args (i32.const 1))
    (call $out64 (call $h (i32.load (i32.const 64)) (i32.const 1))))

  (func (export "even_odd")
    (call $args (i32.const 1))
    (i32.store8 (i32.const 128) (call $is_even (i32.load (i32.const 64))))
    (call $return_data (i32.const 128) (i32.const 1)))
)
