;; The start function calls the host, which throws.
(module (import "h" "boom" (func $boom)) (func $s call $boom) (start $s))
