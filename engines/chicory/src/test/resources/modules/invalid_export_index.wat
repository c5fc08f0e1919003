;; An export of a function that does not exist (build with `wat2wasm --no-check`).
(module
  (func)
  (export "f" (func 3))
)
