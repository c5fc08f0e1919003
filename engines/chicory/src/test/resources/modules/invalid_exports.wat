;; Invalid in ways Chicory 1.7.5's validator misses (build with `wat2wasm --no-check`):
;; a duplicate export name.
(module
  (func $f)
  (export "a" (func $f))
  (export "a" (func $f))
)
