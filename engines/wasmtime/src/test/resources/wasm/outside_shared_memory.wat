;; A shared memory needs threads (off): must be rejected. Assembled with --enable-threads.
(module (memory 1 1 shared))
