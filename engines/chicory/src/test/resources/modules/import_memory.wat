;; Imports a memory: the host offers none.
(module
  (import "ecliptica" "memory" (memory 1))
  (func (export "f"))
)
