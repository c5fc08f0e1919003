;; bulkmem — bulk-memory operations over multi-MiB regions (memory.grow, memory.fill,
;; memory.copy with both overlap directions, memory.init from passive segments, data.drop).
;;
;; Memory starts at 1 page (64 KiB), maximum 80 pages (5 MiB). Passive segments:
;;   $bytes  256 bytes 0x00, 0x01, ..., 0xff
;;   $fox    "The quick brown fox jumps over the lazy dog" (43 bytes)
;;
;; $setup (used by run, store_region): grows by 64 pages (to 65 pages = 0x410000 bytes), then
;;   1. fill [0x010000, +1 MiB) with 0xa5
;;   2. fill [0x110000, +1 MiB) with 0x3c
;;   3. init $bytes at 0x010007 (unaligned), at 0x1fffa0 (straddles 0x200000), and at the last
;;      256 bytes of memory (0x40ff00); init $fox[4..19) ("quick brown fox") at 0x110001
;;   4. copy [0x010000, +1 MiB) -> 0x010333   (overlapping, dst > src: must act as memmove)
;;   5. copy [0x200000, +1 MiB) -> 0x1ff000   (overlapping, dst < src)
;;   6. copy [0x010000, +1 MiB) -> 0x300000   (disjoint)
;;   7. data.drop $bytes, then a zero-length init of the dropped segment at the end of memory (legal)
;;
;; Checksum fnv(p, len, stride): h = 0xcbf29ce484222325; for k = 0, stride, 2*stride, ...
;;   while k + 8 <= len: h = (h xor i64.load(p + k)) * 0x100000001b3 (wrapping). u64 LE.
;;
;; Exports (all () -> ()):
;;   run            $setup; output: u32 memory.size (pages) || fnv(0, size, 56) ||
;;                  fnv(0x010000, 0x1000, 8) || fnv(0x1ff000, 0x2000, 8) ||
;;                  fnv(0x3ff000, 0x2000, 8) || fnv(size - 0x1000, 0x1000, 8)        (44 bytes)
;;   init_drop      inits $fox at 100, $fox[4..9) at 200, $bytes[250..256) at 300, drops both
;;                  segments, zero-length inits of both at 0 and at 64 KiB; output bytes [0, 512)
;;   init_after_drop   data.drop $fox, then init 1 byte of it       [trap out_of_bounds_memory]
;;   init_oob_segment  init $fox[40..44) (past the segment end)     [trap out_of_bounds_memory]
;;   fill_oob       fill [size - 10, +11)                           [trap out_of_bounds_memory]
;;   copy_oob       copy 16 bytes from size - 8 to 0                [trap out_of_bounds_memory]
;;   grow           input u32 delta: output i32 memory.grow(delta) || u32 memory.size after
;;                  (-1 and size unchanged when the 80-page maximum would be exceeded)
;;   store_region   $setup; writes key "region" = the 65536 bytes at 0x1ff800 (straddles the
;;                  0x200000 boundary), output fnv(0x1ff800, 65536, 8)
;;   load_region    reads "region" into memory at 0x8000 (cap 65536); output u32 length (or
;;                  0xffffffff when absent) || fnv of the bytes read
(module
  (import "ecliptica" "input_size"    (func $input_size (result i32)))
  (import "ecliptica" "input_read"    (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "storage_read"  (func $storage_read (param i32 i32 i32 i32) (result i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "return_data"   (func $return_data (param i32 i32)))
  (import "ecliptica" "revert"        (func $revert (param i32 i32)))

  (memory (export "memory") 1 80)

  (data (i32.const 0) "region")                 ;; 6
  (data (i32.const 16) "bulkmem: bad input")    ;; 18
  ;; 64..: output buffer
  (data $bytes
    "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f"
    "\20\21\22\23\24\25\26\27\28\29\2a\2b\2c\2d\2e\2f\30\31\32\33\34\35\36\37\38\39\3a\3b\3c\3d\3e\3f"
    "\40\41\42\43\44\45\46\47\48\49\4a\4b\4c\4d\4e\4f\50\51\52\53\54\55\56\57\58\59\5a\5b\5c\5d\5e\5f"
    "\60\61\62\63\64\65\66\67\68\69\6a\6b\6c\6d\6e\6f\70\71\72\73\74\75\76\77\78\79\7a\7b\7c\7d\7e\7f"
    "\80\81\82\83\84\85\86\87\88\89\8a\8b\8c\8d\8e\8f\90\91\92\93\94\95\96\97\98\99\9a\9b\9c\9d\9e\9f"
    "\a0\a1\a2\a3\a4\a5\a6\a7\a8\a9\aa\ab\ac\ad\ae\af\b0\b1\b2\b3\b4\b5\b6\b7\b8\b9\ba\bb\bc\bd\be\bf"
    "\c0\c1\c2\c3\c4\c5\c6\c7\c8\c9\ca\cb\cc\cd\ce\cf\d0\d1\d2\d3\d4\d5\d6\d7\d8\d9\da\db\dc\dd\de\df"
    "\e0\e1\e2\e3\e4\e5\e6\e7\e8\e9\ea\eb\ec\ed\ee\ef\f0\f1\f2\f3\f4\f5\f6\f7\f8\f9\fa\fb\fc\fd\fe\ff"
  )
  (data $fox "The quick brown fox jumps over the lazy dog")

  (func $fnv (param $p i32) (param $len i32) (param $stride i32) (result i64)
    (local $h i64) (local $k i32)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $k) (i32.const 8)) (local.get $len)))
        (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (i32.add (local.get $p) (local.get $k))))
                               (i64.const 0x100000001b3)))
        (local.set $k (i32.add (local.get $k) (local.get $stride)))
        (br $next)))
    (local.get $h))

  (func $size_bytes (result i32)
    (i32.shl (memory.size) (i32.const 16)))

  (func $setup
    (drop (memory.grow (i32.const 64)))
    (memory.fill (i32.const 0x010000) (i32.const 0xa5) (i32.const 0x100000))
    (memory.fill (i32.const 0x110000) (i32.const 0x3c) (i32.const 0x100000))
    (memory.init $bytes (i32.const 0x010007) (i32.const 0) (i32.const 256))
    (memory.init $bytes (i32.const 0x1fffa0) (i32.const 0) (i32.const 256))
    (memory.init $bytes (i32.sub (call $size_bytes) (i32.const 256)) (i32.const 0) (i32.const 256))
    (memory.init $fox (i32.const 0x110001) (i32.const 4) (i32.const 15))
    (memory.copy (i32.const 0x010333) (i32.const 0x010000) (i32.const 0x100000))
    (memory.copy (i32.const 0x1ff000) (i32.const 0x200000) (i32.const 0x100000))
    (memory.copy (i32.const 0x300000) (i32.const 0x010000) (i32.const 0x100000))
    (data.drop $bytes)
    (memory.init $bytes (call $size_bytes) (i32.const 0) (i32.const 0)))

  (func (export "run")
    (local $size i32)
    (call $setup)
    (local.set $size (call $size_bytes))
    (i32.store (i32.const 64) (memory.size))
    (i64.store (i32.const 68) (call $fnv (i32.const 0) (local.get $size) (i32.const 56)))
    (i64.store (i32.const 76) (call $fnv (i32.const 0x010000) (i32.const 0x1000) (i32.const 8)))
    (i64.store (i32.const 84) (call $fnv (i32.const 0x1ff000) (i32.const 0x2000) (i32.const 8)))
    (i64.store (i32.const 92) (call $fnv (i32.const 0x3ff000) (i32.const 0x2000) (i32.const 8)))
    (i64.store (i32.const 100) (call $fnv (i32.sub (local.get $size) (i32.const 0x1000)) (i32.const 0x1000) (i32.const 8)))
    (call $return_data (i32.const 64) (i32.const 44)))

  (func (export "init_drop")
    (memory.init $fox (i32.const 100) (i32.const 0) (i32.const 43))
    (memory.init $fox (i32.const 200) (i32.const 4) (i32.const 5))
    (memory.init $bytes (i32.const 300) (i32.const 250) (i32.const 6))
    (data.drop $fox)
    (data.drop $bytes)
    (data.drop $bytes)                                           ;; dropping twice is allowed
    (memory.init $fox (i32.const 0) (i32.const 0) (i32.const 0))
    (memory.init $bytes (i32.const 65536) (i32.const 0) (i32.const 0))
    (call $return_data (i32.const 0) (i32.const 512)))

  (func (export "init_after_drop")
    (data.drop $fox)
    (memory.init $fox (i32.const 0) (i32.const 0) (i32.const 1)))

  (func (export "init_oob_segment")
    (memory.init $fox (i32.const 0) (i32.const 40) (i32.const 4)))

  (func (export "fill_oob")
    (memory.fill (i32.sub (call $size_bytes) (i32.const 10)) (i32.const 1) (i32.const 11)))

  (func (export "copy_oob")
    (memory.copy (i32.const 0) (i32.sub (call $size_bytes) (i32.const 8)) (i32.const 16)))

  (func (export "grow")
    (if (i32.ne (call $input_size) (i32.const 4))
      (then (call $revert (i32.const 16) (i32.const 18)) (unreachable)))
    (call $input_read (i32.const 64) (i32.const 0) (i32.const 4))
    (i32.store (i32.const 64) (memory.grow (i32.load (i32.const 64))))
    (i32.store (i32.const 68) (memory.size))
    (call $return_data (i32.const 64) (i32.const 8)))

  (func (export "store_region")
    (call $setup)
    (call $storage_write (i32.const 0) (i32.const 6) (i32.const 0x1ff800) (i32.const 65536))
    (i64.store (i32.const 64) (call $fnv (i32.const 0x1ff800) (i32.const 65536) (i32.const 8)))
    (call $return_data (i32.const 64) (i32.const 8)))

  (func (export "load_region")
    (local $n i32)
    (drop (memory.grow (i32.const 1)))
    (local.set $n (call $storage_read (i32.const 0) (i32.const 6) (i32.const 0x8000) (i32.const 65536)))
    (i32.store (i32.const 64) (local.get $n))
    (if (i32.gt_u (local.get $n) (i32.const 65536)) (then (local.set $n (i32.const 0))))
    (i64.store (i32.const 68) (call $fnv (i32.const 0x8000) (local.get $n) (i32.const 8)))
    (call $return_data (i32.const 64) (i32.const 12)))
)
