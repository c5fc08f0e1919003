;; Type error: the function must return i32 but leaves an i64 (assembled with --no-check).
(module (func (result i32) (i64.const 1)))
