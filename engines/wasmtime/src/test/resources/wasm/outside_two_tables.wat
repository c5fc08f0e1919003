;; Two tables need reference types (off): must be rejected.
(module (table 1 funcref) (table 1 funcref))
