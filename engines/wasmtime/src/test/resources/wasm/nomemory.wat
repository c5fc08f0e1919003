;; A module that calls the host but exports no memory.
(module
  (import "env" "touch" (func $touch))
  (memory 1)
  (func (export "run") (call $touch))
)
