package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.ValueType.F32;
import static io.ecliptica.engine.ValueType.F64;
import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;
import static io.ecliptica.engine.wasmtime.TestSupport.compile;
import static io.ecliptica.engine.wasmtime.TestSupport.host;
import static io.ecliptica.engine.wasmtime.TestSupport.onWorker;
import static io.ecliptica.engine.wasmtime.TestSupport.wasm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.WasmTrapException;
import io.ecliptica.engine.WasmValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Contract tests for compile, instantiate, call and traps; expected values from numeric.expectations.wast. */
class WasmtimeEngineTest {

    private static WasmtimeEngine engine;

    @BeforeAll
    static void start() {
        engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ModuleInstance numeric() {
        return compile(engine, "numeric").instantiate(List.of());
    }

    static WasmTrapException assertTrap(TrapKind kind, Executable call) {
        WasmTrapException e = assertThrows(WasmTrapException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    // ---- compile ----

    @Test
    void rejectsMalformedAndInvalidBytesWithOneLineReasons() {
        byte[] numeric = wasm("numeric");
        List<byte[]> bad = List.of(
                new byte[0],
                new byte[] {0, 1, 2},
                "(module)".getBytes(StandardCharsets.UTF_8), // text format: the binding's other constructor would accept it
                new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0},   // unknown version
                Arrays.copyOf(numeric, numeric.length - 3),  // truncated
                wasm("invalid"));                            // type error
        for (byte[] bytes : bad) {
            ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> engine.compile(bytes));
            assertFalse(e.getMessage().isBlank());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void rejectsFeaturesOutsideTheDeterministicProfile() {
        for (String name : List.of("outside_simd", "outside_funcref_param", "outside_two_tables",
                "outside_two_memories", "outside_shared_memory")) {
            byte[] bytes = wasm(name);
            assertThrows(ModuleRejectedException.class, () -> engine.compile(bytes), name);
        }
    }

    @Test
    void acceptsTheSmallestModule() {
        assertTrue(engine.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}) instanceof CompiledModule);
    }

    // ---- calls and values ----

    @Test
    void computesIntegerResults() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric()) {
                assertArrayEquals(new WasmValue[] {WasmValue.i32(Integer.MIN_VALUE)},
                        i.call("add", WasmValue.i32(Integer.MAX_VALUE), WasmValue.i32(1)));
                assertArrayEquals(new WasmValue[] {WasmValue.i64(4)}, i.call("add64", WasmValue.i64(-1), WasmValue.i64(5)));
                assertArrayEquals(new WasmValue[] {WasmValue.i32(-3)}, i.call("div_s", WasmValue.i32(-7), WasmValue.i32(2)));
                assertArrayEquals(new WasmValue[] {WasmValue.i32(3000)},
                        i.call("fill_and_sum", WasmValue.i32(1000), WasmValue.i32(3))); // memory.fill: bulk memory on
                assertArrayEquals(new WasmValue[0], i.call("nop"));
            }
            return null;
        });
    }

    @Test
    void returnsMultipleValues() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric()) {
                assertEquals(FunctionType.of(List.of(I32, I64), List.of(I64, I32)), i.exportType("swap"));
                assertArrayEquals(new WasmValue[] {WasmValue.i64(9), WasmValue.i32(-5)},
                        i.call("swap", WasmValue.i32(-5), WasmValue.i64(9)));
            }
            return null;
        });
    }

    @Test
    void keepsFloatBitsExactSignallingNaNsIncluded() throws Throwable {
        int[] f32 = {0x7fa00001, 0xffa00001, 0x7fc00000, 0xffc00000, 0x7f800001, 0x80000000, 0x3eaaaaab};
        long[] f64 = {0x7ff0000000000001L, 0xfff4000000000abcL, 0x7ff8000000000000L, 0x8000000000000000L};
        onWorker(() -> {
            try (ModuleInstance i = numeric()) {
                // enough rounds for the JIT to compile the conversion paths too
                for (int round = 0; round < 20_000; round++) {
                    for (int bits : f32) {
                        assertEquals(WasmValue.f32Bits(bits), i.call("f32_id", WasmValue.f32Bits(bits))[0]);
                    }
                    for (long bits : f64) {
                        assertEquals(WasmValue.f64Bits(bits), i.call("f64_id", WasmValue.f64Bits(bits))[0]);
                    }
                }
                // inside wasm the argument has the same bits, and bits made in wasm come out unchanged
                assertEquals(WasmValue.i32(0x7fa00001), i.call("f32_bits", WasmValue.f32Bits(0x7fa00001))[0]);
                assertEquals(WasmValue.f32Bits(0x7fa00001), i.call("f32_from_bits", WasmValue.i32(0x7fa00001))[0]);
                assertEquals(WasmValue.f64Bits(0x7ff0000000000001L),
                        i.call("f64_from_bits", WasmValue.i64(0x7ff0000000000001L))[0]);
                assertEquals(WasmValue.f32Bits(0x3eaaaaab), // 1/3 rounded to nearest
                        i.call("f32_div", WasmValue.f32Bits(0x3f800000), WasmValue.f32Bits(0x40400000))[0]);
            }
            return null;
        });
    }

    @Test
    void nanCanonicalizationIsOffByDefaultAndOnInTheVariant() throws Throwable {
        WasmValue zero = WasmValue.f32Bits(0);
        try (WasmtimeEngine canon = new WasmtimeEngine(WasmtimeSettings.DEFAULT.withNanCanonicalization("wasmtime-nancanon"))) {
            onWorker(() -> {
                try (ModuleInstance plain = numeric();
                     ModuleInstance canonical = compile(canon, "numeric").instantiate(List.of())) {
                    // 0/0 on x86-64 produces the default NaN 0xffc00000 (sign bit set); canonical is 0x7fc00000.
                    if (System.getProperty("os.arch").equals("amd64")) {
                        assertEquals(WasmValue.f32Bits(0xffc00000), plain.call("f32_div", zero, zero)[0]);
                    }
                    assertEquals(WasmValue.f32Bits(0x7fc00000), canonical.call("f32_div", zero, zero)[0]);
                    // canonicalization touches arithmetic results only, not moved values
                    assertEquals(WasmValue.f32Bits(0x7fa00001), canonical.call("f32_id", WasmValue.f32Bits(0x7fa00001))[0]);
                }
                return null;
            });
            assertEquals("wasmtime-nancanon", canon.descriptor().id());
            assertTrue(canon.descriptor().mode().contains("NaN canonicalization on"));
        }
    }

    @Test
    void reportsMissingExportsAndSignatureMismatches() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric()) {
                assertEquals(LinkException.Reason.MISSING_EXPORT, assertThrows(LinkException.class, () -> i.call("nope")).reason());
                assertEquals(LinkException.Reason.MISSING_EXPORT, assertThrows(LinkException.class, () -> i.call("memory")).reason());
                assertNull(i.exportType("memory"));
                assertNull(i.exportType("nope"));
                for (WasmValue[] args : List.of(new WasmValue[] {WasmValue.i32(1)},
                        new WasmValue[] {WasmValue.i32(1), WasmValue.i64(2)},
                        new WasmValue[] {WasmValue.i32(1), WasmValue.i32(2), WasmValue.i32(3)},
                        new WasmValue[] {WasmValue.i32(1), null})) {
                    LinkException e = assertThrows(LinkException.class, () -> i.call("add", args));
                    assertEquals(LinkException.Reason.SIGNATURE_MISMATCH, e.reason());
                }
                assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                        assertThrows(LinkException.class, () -> i.call("add", (WasmValue[]) null)).reason());
            }
            return null;
        });
    }

    // ---- traps ----

    @Test
    void mapsArithmeticAndMemoryTraps() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = numeric()) {
                assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> i.call("div_s", WasmValue.i32(1), WasmValue.i32(0)));
                assertTrap(TrapKind.INTEGER_OVERFLOW, () -> i.call("div_s", WasmValue.i32(Integer.MIN_VALUE), WasmValue.i32(-1)));
                assertTrap(TrapKind.UNREACHABLE, () -> i.call("unreachable"));
                assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> i.call("load", WasmValue.i32(65533)));
                assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, () -> i.call("trunc", WasmValue.f32Bits(0x7fc00000)));
                // a trap leaves the instance usable
                assertEquals(WasmValue.i32(5), i.call("add", WasmValue.i32(2), WasmValue.i32(3))[0]);
            }
            return null;
        });
    }

    @Test
    void mapsIndirectCallTraps() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = compile(engine, "call_indirect").instantiate(List.of())) {
                assertEquals(WasmValue.i32(1), i.call("call", WasmValue.i32(0))[0]);
                assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> i.call("call", WasmValue.i32(1)));
                assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> i.call("call", WasmValue.i32(2)));
                assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> i.call("call", WasmValue.i32(3)));
            }
            try (ModuleInstance i = compile(engine, "const_1660").instantiate(List.of())) {
                assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> i.call("call", WasmValue.i32(1)));
            }
            return null;
        });
    }

    @Test
    void mapsTableCopyOutOfBoundsAndAdmitsAmbiguity() throws Throwable {
        onWorker(() -> {
            try (ModuleInstance i = compile(engine, "table_copy").instantiate(List.of())) {
                i.call("copy", WasmValue.i32(0));
                assertTrap(TrapKind.OUT_OF_BOUNDS_TABLE, () -> i.call("copy", WasmValue.i32(1)));
            }
            try (ModuleInstance i = compile(engine, "table_both").instantiate(List.of())) {
                WasmTrapException e = assertTrap(TrapKind.UNKNOWN, () -> i.call("call", WasmValue.i32(5)));
                assertTrue(e.getMessage().contains("TABLE_OUT_OF_BOUNDS"), e.getMessage());
                assertTrap(TrapKind.UNKNOWN, () -> i.call("copy", WasmValue.i32(1)));
            }
            return null;
        });
    }

    // ---- instantiation ----

    @Test
    void linksOnlyMatchingFunctionImports() throws Throwable {
        CompiledModule m = compile(engine, "nomemory");
        HostImport touch = host("touch", List.of(), List.of(), (mem, args) -> new long[0]);
        HostImport wrongType = host("touch", List.of(I32), List.of(), (mem, args) -> new long[0]);
        HostImport otherModule = new HostImport("other", "touch", touch.type(), touch.function());
        HostImport unused = host("unused", List.of(F64), List.of(F32), (mem, args) -> new long[] {0});
        onWorker(() -> {
            for (List<HostImport> imports : List.of(List.<HostImport>of(), List.of(wrongType), List.of(otherModule))) {
                LinkException e = assertThrows(LinkException.class, () -> m.instantiate(imports));
                assertEquals(LinkException.Reason.UNKNOWN_IMPORT, e.reason(), e.getMessage());
            }
            LinkException memory = assertThrows(LinkException.class, () -> compile(engine, "import_memory").instantiate(List.of()));
            assertEquals(LinkException.Reason.UNKNOWN_IMPORT, memory.reason());
            try (ModuleInstance i = m.instantiate(List.of(unused, touch, wrongType))) { // first match counts
                assertArrayEquals(new WasmValue[0], i.call("run"));
            }
            return null;
        });
    }

    @Test
    void givesEveryInstanceFreshState() throws Throwable {
        CompiledModule m = compile(engine, "numeric");
        onWorker(() -> {
            try (ModuleInstance first = m.instantiate(List.of())) {
                first.call("fill_and_sum", WasmValue.i32(4), WasmValue.i32(1)); // bytes 0..3 = 1
                assertEquals(WasmValue.i32(0x01010101), first.call("load", WasmValue.i32(0))[0]);
            }
            try (ModuleInstance second = m.instantiate(List.of())) {
                assertEquals(WasmValue.i32(0), second.call("load", WasmValue.i32(0))[0]);
            }
            return null;
        });
    }

    @Test
    void trapsWhileInstantiatingWithTheRightKind() throws Throwable {
        onWorker(() -> {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> compile(engine, "data_oob").instantiate(List.of()));
            assertTrap(TrapKind.OUT_OF_BOUNDS_TABLE, () -> compile(engine, "elem_oob").instantiate(List.of()));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> compile(engine, "start_div").instantiate(List.of()));
            assertTrap(TrapKind.UNREACHABLE, () -> compile(engine, "start_unreachable").instantiate(List.of()));
            return null;
        });
    }

    @Test
    void runsTheStartFunctionWithHostCallsAndHidesIt() throws Throwable {
        HostImport poke = host("poke", List.of(I32, I32), List.of(),
                (mem, args) -> {
                    mem.write((int) args[0], new byte[] {(byte) args[1]});
                    return new long[0];
                });
        onWorker(() -> {
            try (ModuleInstance i = compile(engine, "start_host").instantiate(List.of(poke))) {
                assertEquals(WasmValue.i32(5), i.call("g")[0]);
                assertEquals(WasmValue.i32(9), i.call("byte", WasmValue.i32(3))[0]);
                assertEquals(LinkException.Reason.MISSING_EXPORT,
                        assertThrows(LinkException.class, () -> i.call("\u0000ecliptica-start")).reason());
                assertNull(i.exportType("\u0000ecliptica-start"));
            }
            return null;
        });
    }

    // ---- lifecycle ----

    @Test
    void refusesUseAfterClose() throws Throwable {
        CompiledModule m = compile(engine, "numeric");
        onWorker(() -> {
            ModuleInstance i = m.instantiate(List.of());
            i.close();
            i.close(); // idempotent
            assertThrows(IllegalStateException.class, () -> i.call("nop"));
            m.close();
            assertThrows(IllegalStateException.class, () -> m.instantiate(List.of()));
            return null;
        });
        WasmtimeEngine other = new WasmtimeEngine(WasmtimeSettings.DEFAULT);
        other.close();
        assertThrows(IllegalStateException.class, () -> other.compile(wasm("numeric")));
    }

    @Test
    void instancesOutliveTheirModule() throws Throwable {
        CompiledModule m = compile(engine, "numeric");
        onWorker(() -> {
            try (ModuleInstance i = m.instantiate(List.of())) {
                m.close();
                assertEquals(WasmValue.i32(7), i.call("add", WasmValue.i32(3), WasmValue.i32(4))[0]);
            }
            return null;
        });
    }
}
