package io.ecliptica.engine.tck;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a task on a fresh platform thread with a 256 MiB stack, as the harness does. */
final class BigStackWorker {
    static final long STACK_BYTES = 256L << 20;

    private BigStackWorker() {
    }

    static <T> T run(Callable<T> task) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "tck-worker", STACK_BYTES);
        t.start();
        t.join(120_000);
        if (t.isAlive()) {
            throw new AssertionError("engine call did not finish within 120 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
