;; sha256 — FIPS 180-4 SHA-256 written directly in WebAssembly text (compute-heavy vector).
;;
;; Exports (all () -> ()):
;;   hash        input: message (0..65536 bytes)          output: SHA-256(message), 32 bytes
;;   hash_iter   input: u32 LE n || message               output: SHA-256 applied n times:
;;                                                       d0 = message, d(i+1) = SHA-256(d(i)), output d(n)
;;                                                       (n = 0 echoes the message; each further
;;                                                       round hashes the previous 32-byte digest)
;;   hash_store  input: message                           stores the digest under key "sha256:last",
;;                                                       emits topic "sha256.digest" with the digest,
;;                                                       output: the digest
;;   verify      input: 32-byte expected digest || message
;;                                                       output 0x01 if SHA-256(message) equals it,
;;                                                       otherwise reverts "sha256: mismatch"
;;   hash_iter and verify revert "sha256: bad input" when the input is shorter than their prefix.
;;
;; Memory map (2 pages, fixed):
;;     0..255   K round constants (i32, little-endian in memory)
;;   256..287   initial hash value H0
;;   288..319   working state H
;;   320..575   message schedule W[0..63]
;;   576..607   digest (big-endian bytes)
;;   640..767   32-byte buffer for iterated hashing (+ padding room)
;;   768..      constant strings
;;  1024..      message buffer: up to 65536 bytes of input + up to 72 bytes of padding
(module
  (import "ecliptica" "input_size"    (func $input_size (result i32)))
  (import "ecliptica" "input_read"    (func $input_read (param i32 i32 i32)))
  (import "ecliptica" "storage_write" (func $storage_write (param i32 i32 i32 i32)))
  (import "ecliptica" "return_data"   (func $return_data (param i32 i32)))
  (import "ecliptica" "emit_event"    (func $emit_event (param i32 i32 i32 i32)))
  (import "ecliptica" "revert"        (func $revert (param i32 i32)))

  (memory (export "memory") 2 2)

  (data (i32.const 0)
    "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9"  ;; 428a2f98 71374491 b5c0fbcf e9b5dba5
    "\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab"  ;; 3956c25b 59f111f1 923f82a4 ab1c5ed5
    "\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55"  ;; d807aa98 12835b01 243185be 550c7dc3
    "\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1"  ;; 72be5d74 80deb1fe 9bdc06a7 c19bf174
    "\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24"  ;; e49b69c1 efbe4786 0fc19dc6 240ca1cc
    "\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76"  ;; 2de92c6f 4a7484aa 5cb0a9dc 76f988da
    "\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf"  ;; 983e5152 a831c66d b00327c8 bf597fc7
    "\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14"  ;; c6e00bf3 d5a79147 06ca6351 14292967
    "\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53"  ;; 27b70a85 2e1b2138 4d2c6dfc 53380d13
    "\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92"  ;; 650a7354 766a0abb 81c2c92e 92722c85
    "\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7"  ;; a2bfe8a1 a81a664b c24b8b70 c76c51a3
    "\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10"  ;; d192e819 d6990624 f40e3585 106aa070
    "\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34"  ;; 19a4c116 1e376c08 2748774c 34b0bcb5
    "\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68"  ;; 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3
    "\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c"  ;; 748f82ee 78a5636f 84c87814 8cc70208
    "\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6"  ;; 90befffa a4506ceb bef9a3f7 c67178f2
  )
  (data (i32.const 256)
    "\67\e6\09\6a\85\ae\67\bb\72\f3\6e\3c\3a\f5\4f\a5"  ;; 6a09e667 bb67ae85 3c6ef372 a54ff53a
    "\7f\52\0e\51\8c\68\05\9b\ab\d9\83\1f\19\cd\e0\5b"  ;; 510e527f 9b05688c 1f83d9ab 5be0cd19
  )
  (data (i32.const 768) "sha256:last")         ;; 11
  (data (i32.const 784) "sha256.digest")       ;; 13
  (data (i32.const 800) "sha256: mismatch")    ;; 16
  (data (i32.const 832) "sha256: bad input")   ;; 17
  (data (i32.const 864) "\01")

  (func $bswap (param $x i32) (result i32)
    (i32.or
      (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))))

  ;; Processes the 64-byte block at $p into the working state at 288.
  (func $compress (param $p i32)
    (local $i i32) (local $w i32) (local $t1 i32) (local $t2 i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $g i32) (local $h i32)
    ;; W[0..15] = big-endian words of the block
    (loop $load
      (i32.store offset=320 (i32.shl (local.get $i) (i32.const 2))
        (call $bswap (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $load (i32.lt_u (local.get $i) (i32.const 16))))
    ;; W[16..63]; $w = 4*i
    (local.set $w (i32.const 64))
    (loop $extend
      (local.set $t1 (i32.load offset=260 (local.get $w)))   ;; W[i-15]
      (local.set $t2 (i32.load offset=312 (local.get $w)))   ;; W[i-2]
      (i32.store offset=320 (local.get $w)
        (i32.add
          (i32.add (i32.load offset=256 (local.get $w))       ;; W[i-16]
                   (i32.xor (i32.xor (i32.rotr (local.get $t1) (i32.const 7))
                                     (i32.rotr (local.get $t1) (i32.const 18)))
                            (i32.shr_u (local.get $t1) (i32.const 3))))
          (i32.add (i32.load offset=292 (local.get $w))       ;; W[i-7]
                   (i32.xor (i32.xor (i32.rotr (local.get $t2) (i32.const 17))
                                     (i32.rotr (local.get $t2) (i32.const 19)))
                            (i32.shr_u (local.get $t2) (i32.const 10))))))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $extend (i32.lt_u (local.get $w) (i32.const 256))))
    (local.set $a (i32.load (i32.const 288)))
    (local.set $b (i32.load (i32.const 292)))
    (local.set $c (i32.load (i32.const 296)))
    (local.set $d (i32.load (i32.const 300)))
    (local.set $e (i32.load (i32.const 304)))
    (local.set $f (i32.load (i32.const 308)))
    (local.set $g (i32.load (i32.const 312)))
    (local.set $h (i32.load (i32.const 316)))
    (local.set $w (i32.const 0))
    (loop $round
      ;; t1 = h + S1(e) + ch(e,f,g) + K[i] + W[i]
      (local.set $t1
        (i32.add
          (i32.add
            (i32.add (local.get $h)
                     (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6))
                                       (i32.rotr (local.get $e) (i32.const 11)))
                              (i32.rotr (local.get $e) (i32.const 25))))
            (i32.xor (local.get $g) (i32.and (local.get $e) (i32.xor (local.get $f) (local.get $g)))))
          (i32.add (i32.load (local.get $w)) (i32.load offset=320 (local.get $w)))))
      ;; t2 = S0(a) + maj(a,b,c)
      (local.set $t2
        (i32.add
          (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2))
                            (i32.rotr (local.get $a) (i32.const 13)))
                   (i32.rotr (local.get $a) (i32.const 22)))
          (i32.or (i32.and (local.get $a) (local.get $b))
                  (i32.and (local.get $c) (i32.or (local.get $a) (local.get $b))))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i32.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $b))
      (local.set $b (local.get $a))
      (local.set $a (i32.add (local.get $t1) (local.get $t2)))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $round (i32.lt_u (local.get $w) (i32.const 256))))
    (i32.store (i32.const 288) (i32.add (i32.load (i32.const 288)) (local.get $a)))
    (i32.store (i32.const 292) (i32.add (i32.load (i32.const 292)) (local.get $b)))
    (i32.store (i32.const 296) (i32.add (i32.load (i32.const 296)) (local.get $c)))
    (i32.store (i32.const 300) (i32.add (i32.load (i32.const 300)) (local.get $d)))
    (i32.store (i32.const 304) (i32.add (i32.load (i32.const 304)) (local.get $e)))
    (i32.store (i32.const 308) (i32.add (i32.load (i32.const 308)) (local.get $f)))
    (i32.store (i32.const 312) (i32.add (i32.load (i32.const 312)) (local.get $g)))
    (i32.store (i32.const 316) (i32.add (i32.load (i32.const 316)) (local.get $h))))

  ;; SHA-256 of [$p, $p+$len) into the digest at 576. Pads in place: the 72 bytes after the
  ;; message must be writable scratch.
  (func $sha256 (param $p i32) (param $len i32)
    (local $total i32) (local $off i32) (local $i i32)
    (memory.copy (i32.const 288) (i32.const 256) (i32.const 32))
    ;; padded length: smallest multiple of 64 that is >= len + 9
    (local.set $total (i32.and (i32.add (local.get $len) (i32.const 72)) (i32.const -64)))
    (i32.store8 (i32.add (local.get $p) (local.get $len)) (i32.const 0x80))
    (memory.fill (i32.add (i32.add (local.get $p) (local.get $len)) (i32.const 1))
                 (i32.const 0)
                 (i32.sub (i32.sub (local.get $total) (local.get $len)) (i32.const 9)))
    ;; message length in bits, 64-bit big-endian
    (i32.store (i32.sub (i32.add (local.get $p) (local.get $total)) (i32.const 8))
      (call $bswap (i32.shr_u (local.get $len) (i32.const 29))))
    (i32.store (i32.sub (i32.add (local.get $p) (local.get $total)) (i32.const 4))
      (call $bswap (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $off) (local.get $total)))
        (call $compress (i32.add (local.get $p) (local.get $off)))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $blocks)))
    (loop $out
      (i32.store offset=576 (local.get $i) (call $bswap (i32.load offset=288 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $out (i32.lt_u (local.get $i) (i32.const 32)))))

  ;; Reads the whole input to 1024 and returns its length.
  (func $read_input (result i32)
    (local $n i32)
    (local.set $n (call $input_size))
    (call $input_read (i32.const 1024) (i32.const 0) (local.get $n))
    (local.get $n))

  (func $bad_input
    (call $revert (i32.const 832) (i32.const 17))
    (unreachable))

  (func (export "hash")
    (call $sha256 (i32.const 1024) (call $read_input))
    (call $return_data (i32.const 576) (i32.const 32)))

  (func (export "hash_iter")
    (local $len i32) (local $n i32)
    (local.set $len (call $read_input))
    (if (i32.lt_u (local.get $len) (i32.const 4)) (then (call $bad_input)))
    (local.set $n (i32.load (i32.const 1024)))
    (local.set $len (i32.sub (local.get $len) (i32.const 4)))
    (if (i32.eqz (local.get $n))
      (then (call $return_data (i32.const 1028) (local.get $len)) (return)))
    (call $sha256 (i32.const 1028) (local.get $len))
    (block $done
      (loop $again
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $done (i32.eqz (local.get $n)))
        (memory.copy (i32.const 640) (i32.const 576) (i32.const 32))
        (call $sha256 (i32.const 640) (i32.const 32))
        (br $again)))
    (call $return_data (i32.const 576) (i32.const 32)))

  (func (export "hash_store")
    (call $sha256 (i32.const 1024) (call $read_input))
    (call $storage_write (i32.const 768) (i32.const 11) (i32.const 576) (i32.const 32))
    (call $emit_event (i32.const 784) (i32.const 13) (i32.const 576) (i32.const 32))
    (call $return_data (i32.const 576) (i32.const 32)))

  (func (export "verify")
    (local $len i32) (local $i i32)
    (local.set $len (call $read_input))
    (if (i32.lt_u (local.get $len) (i32.const 32)) (then (call $bad_input)))
    (call $sha256 (i32.const 1056) (i32.sub (local.get $len) (i32.const 32)))
    (loop $cmp
      (if (i64.ne (i64.load offset=576 (local.get $i)) (i64.load offset=1024 (local.get $i)))
        (then (call $revert (i32.const 800) (i32.const 16)) (unreachable)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br_if $cmp (i32.lt_u (local.get $i) (i32.const 32))))
    (call $return_data (i32.const 864) (i32.const 1)))
)
