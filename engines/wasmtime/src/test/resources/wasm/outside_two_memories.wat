;; Two memories need multi-memory (off): must be rejected. Assembled with --enable-multi-memory.
(module (memory 1) (memory 1))
