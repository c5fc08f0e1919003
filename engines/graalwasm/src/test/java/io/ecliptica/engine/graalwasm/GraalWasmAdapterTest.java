package io.ecliptica.engine.graalwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GraalWasm-specific behaviour beyond the shared contract (adapter.wat and friends). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraalWasmAdapterTest {
    private static final FunctionType F32_F32 = new FunctionType(List.of(ValueType.F32), List.of(ValueType.F32));
    private static final FunctionType F64_F64 = new FunctionType(List.of(ValueType.F64), List.of(ValueType.F64));
    private static final FunctionType PAIR = new FunctionType(List.of(ValueType.I32), List.of(ValueType.I32, ValueType.I64));
    private static final FunctionType VOID = new FunctionType(List.of(), List.of());

    /** Signalling NaNs (quiet bit clear), quiet NaNs with payloads, both signs. */
    private static final int[] F32_NANS = {0x7fa00001, 0xff800123, 0x7f800001, 0x7fc12345, 0xffc00000};
    private static final long[] F64_NANS = {0x7ff0000000000001L, 0x7ff4000000000abcL, 0xfff0000000000001L,
            0x7ff8000000000123L};

    private WasmEngine engine;
    private CompiledModule adapter;

    @BeforeAll
    void start() throws Exception {
        engine = new GraalWasmProvider().create();
        adapter = engine.compile(Fixtures.wasm("adapter"));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private static List<HostImport> imports(HostFunction tick) {
        return List.of(
                new HostImport("h", "f32id", F32_F32, (mem, args) -> new long[] {args[0]}),
                new HostImport("h", "f64id", F64_F64, (mem, args) -> new long[] {args[0]}),
                // pair(x) = (x + 1, 100)
                new HostImport("h", "pair", PAIR, (mem, args) -> new long[] {args[0] + 1, 100}),
                new HostImport("h", "tick", VOID, tick));
    }

    private ModuleInstance instance() {
        return adapter.instantiate(imports((mem, args) -> new long[0]));
    }

    @Test
    void nanPayloadsSurviveCallsAndHostFunctionsBitExactly() throws Throwable {
        // Identity functions must not touch the bits (no arithmetic happens). 300 rounds so the
        // call paths get hot enough to be compiled as well as interpreted.
        List<String> wrong = Fixtures.onBigStack(() -> {
            List<String> bad = new ArrayList<>();
            try (ModuleInstance inst = instance()) {
                for (int round = 0; round < 300; round++) {
                    for (int bits : F32_NANS) {
                        WasmValue v = WasmValue.f32Bits(bits);
                        for (String export : List.of("f32_id", "via_host_f32")) {
                            WasmValue out = inst.call(export, v)[0];
                            if (!out.equals(v)) {
                                bad.add(export + " " + v + " -> " + out);
                            }
                        }
                    }
                    for (long bits : F64_NANS) {
                        WasmValue v = WasmValue.f64Bits(bits);
                        for (String export : List.of("f64_id", "via_host_f64")) {
                            WasmValue out = inst.call(export, v)[0];
                            if (!out.equals(v)) {
                                bad.add(export + " " + v + " -> " + out);
                            }
                        }
                    }
                }
            }
            return bad;
        });
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }

    @Test
    void hostFunctionsCanReturnSeveralValues() throws Throwable {
        // pair(5) = (6, 100); pair_sum = 6 + 100.
        WasmValue[] out = Fixtures.onBigStack(() -> {
            try (ModuleInstance inst = instance()) {
                return inst.call("pair_sum", WasmValue.i32(5));
            }
        });
        assertEquals(WasmValue.i64(106), out[0]);
        // pair(-3) = (-2, 100): the i32 is sign-extended before the add, 98.
        assertEquals(WasmValue.i64(98), Fixtures.onBigStack(() -> {
            try (ModuleInstance inst = instance()) {
                return inst.call("pair_sum", WasmValue.i32(-3))[0];
            }
        }));
    }

    @Test
    void interruptReachesACallThatIsInHostCode() throws Throwable {
        // Truffle's interrupt acts at guest safepoints; a host function that blocks is only left
        // when it returns, and the adapter's boundary check then ends the call.
        CountDownLatch inHost = new CountDownLatch(1);
        HostFunction slowTick = (mem, args) -> {
            inHost.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new long[0];
        };
        ModuleInstance inst = adapter.instantiate(imports(slowTick));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                inst.call("tick_forever");
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "spin", 256L << 20);
        worker.start();
        assertTrue(inHost.await(30, TimeUnit.SECONDS));
        inst.interrupt();
        worker.join(10_000);
        assertFalse(worker.isAlive(), "call still running 10 s after interrupt()");
        assertInstanceOf(ExecutionInterruptedException.class, outcome.get());
    }

    @Test
    void aHostFunctionCanInterruptItsOwnCall() throws Throwable {
        AtomicReference<ModuleInstance> self = new AtomicReference<>();
        int[] ticks = {0};
        HostFunction tick = (mem, args) -> {
            if (++ticks[0] == 3) {
                self.get().interrupt(); // same thread: must not wait for itself
            }
            return new long[0];
        };
        Throwable t = Fixtures.onBigStack(() -> {
            try (ModuleInstance inst = adapter.instantiate(imports(tick))) {
                self.set(inst);
                inst.call("tick_forever");
                return null;
            } catch (ExecutionInterruptedException e) {
                return e;
            }
        });
        assertInstanceOf(ExecutionInterruptedException.class, t);
        assertEquals(3, ticks[0]);
    }

    @Test
    void instanceStaysUsableAfterAnInterrupt() throws Throwable {
        ModuleInstance inst = adapter.instantiate(imports((mem, args) -> new long[0]));
        Thread worker = new Thread(null, () -> {
            try {
                inst.call("count", WasmValue.i32(-1)); // 2^32 - 1 iterations: runs until interrupted
            } catch (ExecutionInterruptedException expected) {
                // the point of the test
            }
        }, "spin", 256L << 20);
        worker.start();
        Thread.sleep(300);
        inst.interrupt();
        worker.join(10_000);
        assertFalse(worker.isAlive());
        // count(10) loops until i = 10.
        assertEquals(WasmValue.i32(10), Fixtures.onBigStack(() -> inst.call("count", WasmValue.i32(10))[0]));
    }

    @Test
    void hostExceptionInTheStartFunctionComesOutOfInstantiate() throws Throwable {
        RuntimeException boom = new IllegalArgumentException("boom");
        CompiledModule m = engine.compile(Fixtures.wasm("start_host"));
        HostImport thrower = new HostImport("h", "boom", VOID, (mem, args) -> {
            throw boom;
        });
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Fixtures.onBigStack(() -> m.instantiate(List.of(thrower))));
        assertSame(boom, e);
    }

    @Test
    void nonFunctionImportsCannotBeLinked() {
        CompiledModule m = engine.compile(Fixtures.wasm("imports_memory"));
        LinkException e = assertThrows(LinkException.class, () -> m.instantiate(List.of()));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT, e.reason());
    }

    @Test
    void rejectionMessageIsGraalWasmsOneLineReason() {
        // A function body that ends with an i64 where i32 is declared (type section says () -> i32).
        byte[] invalid = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type 0: () -> i32
                0x03, 0x02, 0x01, 0x00, // function 0 has type 0
                0x0a, 0x06, 0x01, 0x04, 0x00, 0x42, 0x01, 0x0b}; // body: i64.const 1, end
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> engine.compile(invalid));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("i64"), e.getMessage());
    }

    @Test
    void deepRecursionOf50000FramesFitsTheHarnessStack() throws Throwable {
        // depth(n) returns n after n nested calls.
        assertEquals(WasmValue.i32(50_000), Fixtures.onBigStack(() -> {
            try (ModuleInstance inst = instance()) {
                return inst.call("depth", WasmValue.i32(50_000))[0];
            }
        }));
    }

    @Test
    void measuresInstantiateCallAndLoopCost() throws Throwable {
        // Numbers go to the report; the assertions only catch order-of-magnitude regressions.
        double[] ms = Fixtures.onBigStack(() -> {
            long t0 = System.nanoTime();
            CompiledModule m = engine.compile(Fixtures.wasm("adapter"));
            double compile = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < 2000; i++) { // warm-up
                try (ModuleInstance inst = m.instantiate(imports((mem, args) -> new long[0]))) {
                    inst.call("count", WasmValue.i32(1));
                }
            }
            int n = 2000;
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (ModuleInstance inst = m.instantiate(imports((mem, args) -> new long[0]))) {
                    inst.call("count", WasmValue.i32(1));
                }
            }
            double perInstance = (System.nanoTime() - t0) / 1e6 / n;
            double loop = Double.MAX_VALUE;
            try (ModuleInstance inst = m.instantiate(imports((mem, args) -> new long[0]))) {
                for (int i = 0; i < 5; i++) {
                    t0 = System.nanoTime();
                    // count(1_000_000) iterates until i = 1,000,000.
                    assertEquals(WasmValue.i32(1_000_000), inst.call("count", WasmValue.i32(1_000_000))[0]);
                    loop = Math.min(loop, (System.nanoTime() - t0) / 1e6);
                }
            }
            m.close();
            return new double[] {compile, perInstance, loop};
        });
        System.out.printf("graalwasm [%s]: compile %.2f ms, instantiate+call %.3f ms, 1M-iteration loop %.1f ms (best of 5)%n",
                engine.descriptor().mode(), ms[0], ms[1], ms[2]);
        assertTrue(ms[1] < 5.0, "instantiate+call took " + ms[1] + " ms");
    }
}
