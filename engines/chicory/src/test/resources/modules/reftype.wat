;; An export whose signature the API cannot express (a reference type).
(module
  (func (export "ref") (result externref) (ref.null extern))
  (func (export "ok") (result i32) (i32.const 1))
)
