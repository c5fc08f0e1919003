;; A reference-typed parameter needs reference types (off): must be rejected.
(module (func (export "f") (param funcref)))
