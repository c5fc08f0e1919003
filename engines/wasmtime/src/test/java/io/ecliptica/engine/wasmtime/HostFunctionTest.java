package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.ValueType.F32;
import static io.ecliptica.engine.ValueType.F64;
import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;
import static io.ecliptica.engine.wasmtime.TestSupport.compile;
import static io.ecliptica.engine.wasmtime.TestSupport.host;
import static io.ecliptica.engine.wasmtime.TestSupport.onWorker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.MemoryAccessException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host imports: argument/result bits, the memory view, exceptions passing through unchanged. */
class HostFunctionTest {

    private static WasmtimeEngine engine;

    @BeforeAll
    static void start() {
        engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** host.wat with the given behaviour for "poke" and "fail"; "mix" and the echoes are fixed. */
    private static ModuleInstance hostModule(List<long[]> mixArgs, HostFunction poke, HostFunction fail) {
        List<HostImport> imports = List.of(
                host("mix", List.of(I32, I64, F32, F64), List.of(I64), (mem, args) -> {
                    mixArgs.add(args.clone());
                    return new long[] {args[0] + args[1]};
                }),
                host("echo_f32", List.of(F32), List.of(F32), (mem, args) -> new long[] {args[0]}),
                host("echo_f64", List.of(F64), List.of(F64), (mem, args) -> new long[] {args[0]}),
                host("poke", List.of(I32, I32), List.of(), poke),
                host("fail", List.of(I32), List.of(), fail));
        return compile(engine, "host").instantiate(imports);
    }

    private static final HostFunction POKE = (mem, args) -> {
        mem.write((int) args[0], new byte[] {(byte) args[1]});
        return new long[0];
    };

    private static final HostFunction NO_FAIL = (mem, args) -> new long[0];

    @Test
    void passesArgumentsAsRawBitsWithI32SignExtended() throws Throwable {
        List<long[]> seen = new ArrayList<>();
        onWorker(() -> {
            try (ModuleInstance i = hostModule(seen, POKE, NO_FAIL)) {
                WasmValue[] r = i.call("call_mix", WasmValue.i32(-5), WasmValue.i64(-6),
                        WasmValue.f32Bits(0x7fa00001), WasmValue.f64Bits(0x7ff0000000000001L));
                assertArrayEquals(new WasmValue[] {WasmValue.i64(-11)}, r);
                // host results go back with their bits, signalling NaNs included
                assertEquals(WasmValue.i32(0x7fa00001), i.call("echo_f32_bits", WasmValue.i32(0x7fa00001))[0]);
                assertEquals(WasmValue.i64(0xfff4000000000abcL), i.call("echo_f64_bits", WasmValue.i64(0xfff4000000000abcL))[0]);
            }
            return null;
        });
        assertEquals(1, seen.size());
        assertArrayEquals(new long[] {-5L, -6L, 0x7fa00001L, 0x7ff0000000000001L}, seen.get(0));
    }

    @Test
    void givesHostFunctionsTheCallingInstancesMemory() throws Throwable {
        AtomicReference<String> greeting = new AtomicReference<>();
        AtomicReference<Long> size = new AtomicReference<>();
        HostFunction poke = (mem, args) -> {
            greeting.set(new String(mem.read(16, 5), StandardCharsets.US_ASCII)); // the data segment
            size.set(mem.size());
            return POKE.call(mem, args);
        };
        onWorker(() -> {
            try (ModuleInstance i = hostModule(new ArrayList<>(), poke, NO_FAIL)) {
                assertEquals(WasmValue.i32(200), i.call("poke_then_load", WasmValue.i32(100), WasmValue.i32(200))[0]);
                assertEquals("hello", greeting.get());
                assertEquals(65536L, size.get());
                // after memory.grow the host sees (and can write) the new page
                assertEquals(WasmValue.i32(7), i.call("grow_then_poke", WasmValue.i32(65536 + 10))[0]);
                assertEquals(131072L, size.get());
            }
            return null;
        });
    }

    @Test
    void boundsChecksHostMemoryAccess() throws Throwable {
        List<MemoryAccessException> thrown = new ArrayList<>();
        HostFunction outOfRange = (mem, args) -> {
            for (int[] range : new int[][] {{65535, 2}, {-1, 1}, {0, 65537}, {65536, 1}}) {
                try {
                    mem.read(range[0], range[1]);
                } catch (MemoryAccessException e) {
                    thrown.add(e);
                }
            }
            assertEquals(0, mem.read(65536, 0).length); // empty range at the end is inside
            mem.write(65535, new byte[] {1, 2}); // throws: must come out of call() unchanged
            return new long[0];
        };
        onWorker(() -> {
            try (ModuleInstance i = hostModule(new ArrayList<>(), outOfRange, NO_FAIL)) {
                assertThrows(MemoryAccessException.class, () -> i.call("poke_then_load", WasmValue.i32(0), WasmValue.i32(1)));
            }
            return null;
        });
        assertEquals(4, thrown.size());
    }

    @Test
    void rethrowsTheHostsExceptionObjectAndStaysUsable() throws Throwable {
        RuntimeException boom = new IllegalStateException("revert: insufficient funds");
        HostFunction fail = (mem, args) -> {
            if (args[0] != 0) {
                throw boom;
            }
            return new long[0];
        };
        onWorker(() -> {
            try (ModuleInstance i = hostModule(new ArrayList<>(), POKE, fail)) {
                assertSame(boom, assertThrows(IllegalStateException.class, () -> i.call("fail_then_continue", WasmValue.i32(1))));
                assertEquals(WasmValue.i32(42), i.call("fail_then_continue", WasmValue.i32(0))[0]);
                assertSame(boom, assertThrows(IllegalStateException.class, () -> i.call("fail_then_continue", WasmValue.i32(2))));
            }
            return null;
        });
    }

    @Test
    void mapsAHostStackOverflowAndChecksResultCounts() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = hostModule(new ArrayList<>(), POKE, (mem, args) -> {
                throw new StackOverflowError("simulated");
            })) {
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED,
                        WasmtimeEngineTest.assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> i.call("fail_then_continue", WasmValue.i32(1))).kind());
            }
            try (ModuleInstance i = hostModule(new ArrayList<>(), POKE, (mem, args) -> new long[] {1})) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> i.call("fail_then_continue", WasmValue.i32(1)));
                assertTrue(e.getMessage().contains("env.fail returned 1 values"), e.getMessage());
            }
            return null;
        });
    }

    @Test
    void withoutAMemoryExportOnlyEmptyAccessesSucceed() throws Throwable {
        // docs/abi.md §1: no memory export means an empty memory.
        List<String> outcomes = new ArrayList<>();
        HostFunction touch = (mem, args) -> {
            outcomes.add("size=" + mem.size());
            outcomes.add("empty read gives " + mem.read(0, 0).length + " bytes");
            try {
                mem.read(0, 1);
            } catch (MemoryAccessException e) {
                outcomes.add("read refused");
            }
            mem.write(0, new byte[1]);
            return new long[0];
        };
        onWorker(() -> {
            try (ModuleInstance i = compile(engine, "nomemory").instantiate(List.of(host("touch", List.of(), List.of(), touch)))) {
                assertThrows(MemoryAccessException.class, () -> i.call("run"));
            }
            return null;
        });
        assertEquals(List.of("size=0", "empty read gives 0 bytes", "read refused"), outcomes);
    }
}
