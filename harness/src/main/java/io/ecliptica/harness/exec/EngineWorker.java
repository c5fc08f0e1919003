package io.ecliptica.harness.exec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One engine's worker thread, with the wall-clock guard. Engine code runs only here: a platform
 * thread with a large explicit stack (JVM engines turn stack overflow into a trap, and a native
 * engine must never outgrow its thread's stack; see platform-facts). If a task overruns its
 * deadline the guard asks the engine to stop; if it does not stop within the grace period the
 * thread is abandoned (it is a daemon) and a fresh one replaces it, so a hung engine can never
 * hang the harness.
 */
public final class EngineWorker implements AutoCloseable {
    public static final long STACK_BYTES = 256L << 20;
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final long WATCHDOG_POLL_MILLIS = 50;

    private final String name;
    private final long stackBytes;
    private ExecutorService executor;
    private volatile Thread thread;
    private int abandoned;
    /** The task running inline on the worker thread, and when it must stop (see {@link #run}). */
    private record Inline(Stoppable<?> task, long deadline, java.util.concurrent.atomic.AtomicBoolean overran) {
    }

    private volatile Inline inline;
    private Thread watchdog;

    public EngineWorker(String name) {
        this(name, STACK_BYTES);
    }

    /** A worker whose thread has {@code stackBytes} of stack (the spec runner wants a small one). */
    public EngineWorker(String name, long stackBytes) {
        this.name = name;
        this.stackBytes = stackBytes;
        this.executor = newExecutor();
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "engine-" + name, stackBytes);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** A task the guard can stop: {@code stop} is called from another thread on timeout. */
    public interface Stoppable<T> extends Callable<T> {
        void stop();
    }

    /**
     * Runs the task on the worker thread and waits at most {@code timeout}.
     *
     * @throws TimeoutException the task overran (whether or not it could be stopped)
     * @throws ExecutionException the task threw; the cause is its exception
     */
    public <T> T run(Stoppable<T> task, Duration timeout) throws TimeoutException, ExecutionException {
        if (Thread.currentThread() == thread) {
            return runInline(task, timeout);
        }
        Future<T> future = executor.submit(task);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException overrun) {
            task.stop();
            try {
                future.get(GRACE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | CancellationException stillStuckOrStopped) {
                if (!future.isDone()) {
                    abandonThread();
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

    /**
     * A task submitted from the worker thread itself (a whole block runs there, so its transactions
     * need no thread hand-off each) runs inline, guarded by a watchdog thread that polls the
     * deadline and stops the task when it overruns; the caller then sees the same TimeoutException
     * as from a hand-off. A task that will not stop is the outer task's problem: its own guard
     * abandons the thread.
     */
    private <T> T runInline(Stoppable<T> task, Duration timeout) throws TimeoutException, ExecutionException {
        Inline outer = inline;
        Inline mine = new Inline(task, System.nanoTime() + timeout.toNanos(), new java.util.concurrent.atomic.AtomicBoolean());
        inline = mine;
        startWatchdog();
        try {
            T result = task.call();
            if (mine.overran().get()) {
                throw new TimeoutException();
            }
            return result;
        } catch (TimeoutException e) {
            throw e;
        } catch (Exception | Error e) {
            if (mine.overran().get()) {
                throw new TimeoutException();
            }
            throw new ExecutionException(e);
        } finally {
            inline = outer;
        }
    }

    private synchronized void startWatchdog() {
        if (watchdog != null) {
            return;
        }
        watchdog = Thread.ofPlatform().daemon().name("watchdog-" + name).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Inline running = inline;
                if (running != null && System.nanoTime() - running.deadline() > 0
                        && running.overran().compareAndSet(false, true)) {
                    running.task().stop();
                }
                try {
                    Thread.sleep(WATCHDOG_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void abandonThread() {
        abandoned++;
        executor.shutdownNow();
        executor = newExecutor();
    }

    /** Threads given up on because a task would not stop (they may still be running). */
    public int abandoned() {
        return abandoned;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
        executor.shutdownNow();
    }
}
