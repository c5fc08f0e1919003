;; Calls the host n times in a loop and returns the sum of what it returned (the host returns 1).
(module
  (import "env" "one" (func $one (result i32)))
  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s) (call $one)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $s))
)
