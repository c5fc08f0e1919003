;; A function import whose type index does not exist (build with `wat2wasm --no-check`).
(module
  (type (func))
  (import "ecliptica" "f" (func (type 7)))
)
