;; Imports a memory, which the engine-neutral API cannot provide.
(module (import "env" "mem" (memory 1)) (func (export "f")))
