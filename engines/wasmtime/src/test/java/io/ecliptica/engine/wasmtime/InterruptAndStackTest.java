package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.wasmtime.TestSupport.compile;
import static io.ecliptica.engine.wasmtime.TestSupport.onThread;
import static io.ecliptica.engine.wasmtime.TestSupport.onWorker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmValue;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** interrupt() against tight loops, deep and infinite recursion, and the thread-stack guard. */
class InterruptAndStackTest {

    private static WasmtimeEngine engine;
    private static CompiledModule numeric;

    @BeforeAll
    static void start() {
        engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT);
        numeric = compile(engine, "numeric");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void interruptStopsATightLoopSoon() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric.instantiate(List.of())) {
                CountDownLatch started = new CountDownLatch(1);
                long[] interruptedAt = new long[1];
                Thread guard = new Thread(() -> {
                    try {
                        started.await();
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    interruptedAt[0] = System.nanoTime();
                    i.interrupt();
                });
                guard.start();
                started.countDown();
                assertThrows(ExecutionInterruptedException.class, () -> i.call("spin"));
                long stoppedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt[0]);
                guard.join();
                assertTrue(stoppedAfterMs < 500, "stopped " + stoppedAfterMs + " ms after interrupt()");
                // the interrupt was consumed: the instance runs normally again
                assertEquals(WasmValue.i32(10), i.call("count", WasmValue.i32(10))[0]);
            }
            return null;
        });
    }

    @Test
    void interruptBeforeACallStopsThatCallOnly() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric.instantiate(List.of());
                 ModuleInstance other = numeric.instantiate(List.of())) {
                i.interrupt();
                assertThrows(ExecutionInterruptedException.class, () -> i.call("nop"));
                assertEquals(WasmValue.i32(3), i.call("count", WasmValue.i32(3))[0]);
                // the epoch moved for the whole engine, but calls that start later get a fresh deadline
                assertEquals(WasmValue.i32(3), other.call("count", WasmValue.i32(3))[0]);
            }
            return null;
        });
    }

    @Test
    void recursesFiftyThousandFramesDeep() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric.instantiate(List.of())) {
                assertEquals(WasmValue.i32(50_000), i.call("down", WasmValue.i32(50_000))[0]);
            }
            return null;
        });
    }

    @Test
    void infiniteRecursionTrapsAndLeavesTheInstanceUsable() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric.instantiate(List.of())) {
                for (int round = 0; round < 3; round++) {
                    WasmtimeEngineTest.assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> i.call("forever", WasmValue.i32(0)));
                }
                assertEquals(WasmValue.i32(100), i.call("down", WasmValue.i32(100))[0]);
            }
            return null;
        });
    }

    @Test
    void infiniteRecursionTrapsOnASmallButSufficientStack() throws Throwable {
        // 4 MiB: above the 3 MiB the guard asks for; wasm stops at its own 2 MiB limit.
        onThread(4L << 20, () -> {
            try (ModuleInstance i = numeric.instantiate(List.of())) {
                WasmtimeEngineTest.assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> i.call("forever", WasmValue.i32(0)));
            }
            return null;
        });
    }

    @Test
    void refusesToRunOnAThreadWhoseStackIsTooSmall() throws Throwable {
        // 1 MiB (the JVM default): running wasm here could overrun the stack and kill the JVM.
        try (ModuleInstance i = onWorker(() -> numeric.instantiate(List.of()))) {
            onThread(1L << 20, () -> {
                EngineFailureException e = assertThrows(EngineFailureException.class, () -> i.call("forever", WasmValue.i32(0)));
                assertTrue(e.getMessage().contains("free thread stack"), e.getMessage());
                assertThrows(EngineFailureException.class, () -> numeric.instantiate(List.of()));
                return null;
            });
            // the refused call left the instance untouched
            assertEquals(WasmValue.i32(4), onWorker(() -> i.call("count", WasmValue.i32(4))[0]));
        }
    }

    @Test
    void measuresTheStackOfTheCurrentThread() throws Throwable {
        long small = onThread(1L << 20, StackGuard::availableStack);
        long large = onWorker(StackGuard::availableStack);
        assertTrue(small > 0 && small < (1L << 20), "1 MiB thread: " + small);
        assertTrue(large > (250L << 20) && large < (256L << 20), "256 MiB thread: " + large);
    }
}
