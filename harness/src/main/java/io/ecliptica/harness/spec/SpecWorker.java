package io.ecliptica.harness.spec;

import io.ecliptica.harness.exec.EngineWorker;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An engine's worker thread for spec scripts, with the wall-clock guard: {@link EngineWorker}'s
 * behaviour (stop on overrun, abandon the thread after a grace period, carry on with a fresh one)
 * with a configurable stack size.
 *
 * <p>Why not {@link EngineWorker} itself: its 256 MiB stack is right for contracts (deep but
 * finite recursion must not trap early), but the testsuite only recurses infinitely
 * ({@code assert_exhaustion}) or shallowly, and the cost of exhausting a stack grows much faster
 * than its size on the JVM engines: GraalWasm's fallback interpreter unwinds a deep stack very
 * slowly (Truffle collects stack-trace data frame by frame) and no interrupt reaches it meanwhile,
 * so the guard abandons the thread, which keeps burning CPU and heap. Measured on call.wast,
 * call_indirect.wast, fac.wast and skip-stack-guard-page.wast (all 4 engines, whole run including
 * parsing): 8 MiB 16 s, 16 MiB 44 s, 32 MiB 167 s with 8 timeouts, 256 MiB never finished.
 * The testsuite's deepest finite recursion is tiny ({@code fac 25}, {@code even/odd 100}), and
 * wasmtime needs its 2 MiB {@code max_wasm_stack} plus 1 MiB of headroom: 8 MiB serves all.
 */
public final class SpecWorker implements AutoCloseable {
    /** Default stack: ample for the testsuite's finite recursion, and quick to exhaust (see above). */
    public static final long DEFAULT_STACK_BYTES = 8L << 20;
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final long stackBytes;
    private ExecutorService executor;
    private int abandoned;

    SpecWorker(String name, long stackBytes) {
        this.name = name;
        this.stackBytes = stackBytes;
        this.executor = newExecutor();
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "spec-" + name, stackBytes);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the task on the worker thread and waits at most {@code timeout}.
     *
     * @throws TimeoutException the task overran (whether or not it could be stopped)
     * @throws ExecutionException the task threw; the cause is its exception
     */
    <T> T run(EngineWorker.Stoppable<T> task, Duration timeout) throws TimeoutException, ExecutionException {
        Future<T> future = executor.submit(task);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException overrun) {
            task.stop();
            try {
                future.get(GRACE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException stillStuckOrStopped) {
                if (!future.isDone()) {
                    abandoned++;
                    executor.shutdownNow();
                    executor = newExecutor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw overrun;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.stop();
            throw new CancellationException("interrupted while waiting for engine " + name);
        }
    }

    /** Threads given up on because a task would not stop (they may still be running). */
    int abandoned() {
        return abandoned;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
