package io.ecliptica.engine.tck;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a fresh platform thread with a large explicit stack, as the harness runs engines.
 * Public so adapter test suites use the same worker as the kit.
 */
public final class BigStackWorker {
    /** The harness's engine worker stack. */
    public static final long STACK_BYTES = 256L << 20;

    private BigStackWorker() {
    }

    /** Runs {@code task} on a thread with {@link #STACK_BYTES} of stack; rethrows its failure. */
    public static <T> T run(Callable<T> task) throws Throwable {
        return run(STACK_BYTES, task);
    }

    /** Runs {@code task} on a thread with {@code stackBytes} of stack; rethrows its failure. */
    public static <T> T run(long stackBytes, Callable<T> task) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "tck-worker", stackBytes);
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
