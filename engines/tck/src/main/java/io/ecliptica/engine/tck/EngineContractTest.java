package io.ecliptica.engine.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.ExecutionInterruptedException;
import io.ecliptica.engine.FunctionType;
import io.ecliptica.engine.HostFunction;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.LinkException;
import io.ecliptica.engine.MemoryAccessException;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.TrapKind;
import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmTrapException;
import io.ecliptica.engine.WasmValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter contract of {@code io.ecliptica.engine}, as executable tests. Every engine adapter
 * has one subclass that supplies the engine; the same expectations then hold for all of them.
 *
 * <p>Expected values come from the WebAssembly semantics of the kit's {@code .wat} sources (worked
 * out by hand in the comments), never from running an engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineContractTest {

    private WasmEngine engine;

    /** Creates the engine under test; called once per test class. */
    protected abstract WasmEngine createEngine() throws Exception;

    @BeforeAll
    void startEngine() throws Exception {
        engine = createEngine();
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    protected final WasmEngine engine() {
        return engine;
    }

    private ModuleInstance instance(String module, List<HostImport> imports) {
        return engine.compile(TckModules.load(module)).instantiate(imports);
    }

    private WasmValue[] callOnWorker(String module, String export, WasmValue... args) throws Throwable {
        return BigStackWorker.run(() -> {
            try (ModuleInstance inst = instance(module, List.of())) {
                return inst.call(export, args);
            }
        });
    }

    // ---- compile -------------------------------------------------------------------------------

    @Test
    void rejectsBytesThatAreNotWasm() {
        byte[] garbage = "definitely not a wasm module".getBytes(StandardCharsets.US_ASCII);
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> engine.compile(garbage));
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().contains("\n\tat "), "message must not carry a stack trace");
    }

    @Test
    void rejectsTruncatedModule() {
        byte[] full = TckModules.load("arith");
        byte[] truncated = Arrays.copyOf(full, full.length - 7);
        assertThrows(ModuleRejectedException.class, () -> engine.compile(truncated));
    }

    @Test
    void rejectsEmptyInput() {
        assertThrows(ModuleRejectedException.class, () -> engine.compile(new byte[0]));
    }

    @Test
    void rejectsModuleThatFailsValidation() {
        // invalid_type.wat returns an i64 from a function declared to return i32.
        assertThrows(ModuleRejectedException.class, () -> engine.compile(TckModules.load("invalid_type")));
    }

    @Test
    void acceptsSmallestModule() throws Throwable {
        byte[] empty = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        CompiledModule module = engine.compile(empty);
        BigStackWorker.run(() -> {
            try (ModuleInstance inst = module.instantiate(List.of())) {
                assertNull(inst.exportType("anything"));
            }
            return null;
        });
    }

    // ---- values --------------------------------------------------------------------------------

    @Test
    void i32AndI64Arithmetic() throws Throwable {
        assertArrayEquals(new WasmValue[] {WasmValue.i32(5)},
                callOnWorker("arith", "add", WasmValue.i32(2), WasmValue.i32(3)));
        // 0x7fffffff + 1 wraps to 0x80000000.
        assertArrayEquals(new WasmValue[] {WasmValue.i32(Integer.MIN_VALUE)},
                callOnWorker("arith", "add", WasmValue.i32(Integer.MAX_VALUE), WasmValue.i32(1)));
        // 2^40 * 2^30 = 2^70, truncated to 64 bits = 0.
        assertArrayEquals(new WasmValue[] {WasmValue.i64(0)},
                callOnWorker("arith", "mul64", WasmValue.i64(1L << 40), WasmValue.i64(1L << 30)));
        assertArrayEquals(new WasmValue[] {WasmValue.i64(-6)},
                callOnWorker("arith", "mul64", WasmValue.i64(-2), WasmValue.i64(3)));
    }

    @ParameterizedTest(name = "f32 bits {0}")
    @CsvSource({"0x3fc00000", "0x7fc00000", "0xffc00000", "0x7fc00123", "0xffc54321", "0x80000000", "0x7f800000"})
    void f32BitsSurviveExactly(String hex) throws Throwable {
        int bits = (int) Long.parseLong(hex.substring(2), 16);
        WasmValue[] out = callOnWorker("arith", "f32_bits", WasmValue.i32(bits));
        assertEquals(WasmValue.f32Bits(bits), out[0]);
        WasmValue[] back = callOnWorker("arith", "f32_to_bits", WasmValue.f32Bits(bits));
        assertEquals(WasmValue.i32(bits), back[0]);
    }

    @ParameterizedTest(name = "f64 bits {0}")
    @CsvSource({"0x3ff8000000000000", "0x7ff8000000000000", "0xfff8000000000000", "0x7ff8000000000abc",
            "0x8000000000000000"})
    void f64BitsSurviveExactly(String hex) throws Throwable {
        long bits = Long.parseUnsignedLong(hex.substring(2), 16);
        assertEquals(WasmValue.f64Bits(bits), callOnWorker("arith", "f64_bits", WasmValue.i64(bits))[0]);
    }

    @Test
    void floatArithmetic() throws Throwable {
        // 0.1 + 0.2 in IEEE-754 binary64 is 0x3fd3333333333334.
        WasmValue[] out = callOnWorker("arith", "f64_add",
                WasmValue.f64Bits(Double.doubleToRawLongBits(0.1)), WasmValue.f64Bits(Double.doubleToRawLongBits(0.2)));
        assertEquals(WasmValue.f64Bits(0x3fd3333333333334L), out[0]);
    }

    @Test
    void multiValueSignExtensionSaturationAndBulkMemory() throws Throwable {
        assertArrayEquals(new WasmValue[] {WasmValue.i64(9), WasmValue.i32(4)},
                callOnWorker("arith", "swap", WasmValue.i32(4), WasmValue.i64(9)));
        // extend8_s of 0x80 is -128.
        assertEquals(WasmValue.i32(-128), callOnWorker("arith", "sext", WasmValue.i32(0x80))[0]);
        // trunc_sat of 3e9 saturates at 2^31 - 1.
        assertEquals(WasmValue.i32(Integer.MAX_VALUE),
                callOnWorker("arith", "sat", WasmValue.f32Bits(Float.floatToRawIntBits(3e9f)))[0]);
        // fill [100,150) with 7, copy to [1000,1050): byte 1049 is 7.
        assertEquals(WasmValue.i32(7), callOnWorker("arith", "bulk")[0]);
        assertEquals(0, callOnWorker("arith", "nothing").length);
    }

    @Test
    void exportTypeDescribesSignature() throws Throwable {
        BigStackWorker.run(() -> {
            try (ModuleInstance inst = instance("arith", List.of())) {
                assertEquals(new FunctionType(List.of(ValueType.I32, ValueType.I64), List.of(ValueType.I64, ValueType.I32)),
                        inst.exportType("swap"));
                assertNull(inst.exportType("no_such_export"));
                assertNull(inst.exportType("memory"), "a memory export is not a function");
            }
            return null;
        });
    }

    // ---- calls that cannot happen --------------------------------------------------------------

    @Test
    void missingExportIsALinkError() {
        LinkException e = assertThrows(LinkException.class, () -> callOnWorker("arith", "no_such_export"));
        assertEquals(LinkException.Reason.MISSING_EXPORT, e.reason());
        LinkException mem = assertThrows(LinkException.class, () -> callOnWorker("arith", "memory"));
        assertEquals(LinkException.Reason.MISSING_EXPORT, mem.reason());
    }

    @Test
    void wrongArgumentsAreASignatureMismatch() {
        LinkException count = assertThrows(LinkException.class, () -> callOnWorker("arith", "add", WasmValue.i32(1)));
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH, count.reason());
        LinkException type = assertThrows(LinkException.class,
                () -> callOnWorker("arith", "add", WasmValue.i32(1), WasmValue.i64(2)));
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH, type.reason());
    }

    @Test
    void missingImportIsALinkError() {
        LinkException e = assertThrows(LinkException.class,
                () -> BigStackWorker.run(() -> instance("needs_unknown", hostImports(new Recorder()))));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT, e.reason());
    }

    @Test
    void importWithWrongSignatureIsALinkError() {
        HostImport wrong = new HostImport("test", "peek",
                new FunctionType(List.of(ValueType.I64), List.of()), (mem, args) -> new long[0]);
        List<HostImport> imports = new ArrayList<>(hostImports(new Recorder()));
        imports.removeIf(h -> h.name().equals("peek"));
        imports.add(wrong);
        LinkException e = assertThrows(LinkException.class, () -> BigStackWorker.run(() -> instance("host", imports)));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT, e.reason());
    }

    // ---- traps ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} traps with {1}")
    @CsvSource({
            "unreachable, UNREACHABLE",
            "div_by_zero, INTEGER_DIVIDE_BY_ZERO",
            "overflow, INTEGER_OVERFLOW",
            "bad_conversion, INVALID_CONVERSION_TO_INTEGER",
            "oob_load, OUT_OF_BOUNDS_MEMORY",
            "oob_fill, OUT_OF_BOUNDS_MEMORY",
            "oob_copy, OUT_OF_BOUNDS_MEMORY",
            "undefined_element, UNDEFINED_ELEMENT",
            "uninitialized_element, UNINITIALIZED_ELEMENT",
            "type_mismatch, INDIRECT_CALL_TYPE_MISMATCH"})
    void trapsAreNormalized(String export, TrapKind expected) {
        WasmTrapException e = assertThrows(WasmTrapException.class, () -> callOnWorker("traps", export));
        assertEquals(expected, e.kind(), "engine said: " + e.getMessage());
    }

    @Test
    void instanceStaysCallableAfterATrapOrAHostException() throws Throwable {
        // The metering host reads the gas left through an export after a trapped call.
        BigStackWorker.run(() -> {
            try (ModuleInstance inst = instance("traps", List.of())) {
                assertThrows(WasmTrapException.class, () -> inst.call("div_by_zero"));
                assertEquals(WasmValue.i32(7), inst.call("call_ok")[0]);
            }
            Recorder rec = new Recorder();
            try (ModuleInstance inst = instance("host", hostImports(rec))) {
                assertSame(rec.failure, assertThrows(RuntimeException.class, () -> inst.call("fail_after_write")));
                assertEquals(WasmValue.i32(1001), inst.call("bump")[0]);
            }
            return null;
        });
    }

    @Test
    void indirectCallThroughTableWorks() throws Throwable {
        assertEquals(WasmValue.i32(7), callOnWorker("traps", "call_ok")[0]);
    }

    @Test
    void infiniteRecursionExhaustsTheStackCleanly() {
        WasmTrapException e = assertThrows(WasmTrapException.class,
                () -> callOnWorker("traps", "infinite_recursion", WasmValue.i64(0)));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.kind(), "engine said: " + e.getMessage());
    }

    @Test
    void deepButFiniteRecursionCompletesOnALargeStack() throws Throwable {
        // depth(n) returns n after n nested calls.
        assertEquals(WasmValue.i32(20_000), callOnWorker("traps", "depth", WasmValue.i32(20_000))[0]);
    }

    @Test
    void engineStaysUsableAfterStackExhaustion() throws Throwable {
        assertThrows(WasmTrapException.class, () -> callOnWorker("traps", "infinite_recursion", WasmValue.i64(0)));
        assertEquals(WasmValue.i32(100), callOnWorker("traps", "depth", WasmValue.i32(100))[0]);
    }

    @Test
    void trapInStartFunctionIsReportedAtInstantiation() {
        WasmTrapException e = assertThrows(WasmTrapException.class,
                () -> BigStackWorker.run(() -> instance("start_trap", List.of())));
        assertEquals(TrapKind.UNREACHABLE, e.kind(), "engine said: " + e.getMessage());
    }

    @Test
    void dataSegmentOutOfBoundsTrapsAtInstantiation() {
        WasmTrapException e = assertThrows(WasmTrapException.class,
                () -> BigStackWorker.run(() -> instance("segment_oob", List.of())));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, e.kind(), "engine said: " + e.getMessage());
    }

    // ---- host functions ------------------------------------------------------------------------

    /** Records what the host functions of host.wat saw. */
    static final class Recorder {
        final List<long[]> add3Args = new ArrayList<>();
        byte[] peeked;
        final RuntimeException failure = new IllegalStateException("host says no");
    }

    private static List<HostImport> hostImports(Recorder rec) {
        FunctionType add3 = new FunctionType(List.of(ValueType.I32, ValueType.I64, ValueType.I32), List.of(ValueType.I64));
        FunctionType ii = new FunctionType(List.of(ValueType.I32, ValueType.I32), List.of());
        FunctionType i = new FunctionType(List.of(ValueType.I32), List.of());
        return List.of(
                new HostImport("test", "add3", add3, (mem, args) -> {
                    rec.add3Args.add(args.clone());
                    return new long[] {args[0] + args[1] + args[2]};
                }),
                new HostImport("test", "peek", ii, (mem, args) -> {
                    rec.peeked = mem.read((int) args[0], (int) args[1]);
                    return new long[0];
                }),
                new HostImport("test", "poke", i, (mem, args) -> {
                    mem.write((int) args[0], new byte[] {0x78, 0x56, 0x34, 0x12});
                    return new long[0];
                }),
                new HostImport("test", "fail", new FunctionType(List.of(), List.of()), (mem, args) -> {
                    throw rec.failure;
                }),
                new HostImport("test", "unused", new FunctionType(List.of(), List.of()), (mem, args) -> new long[0]));
    }

    private WasmValue[] callHost(Recorder rec, String module, String export, WasmValue... args) throws Throwable {
        return BigStackWorker.run(() -> {
            try (ModuleInstance inst = instance(module, hostImports(rec))) {
                return inst.call(export, args);
            }
        });
    }

    @Test
    void hostFunctionGetsSignExtendedArgumentsAndReturnsResult() throws Throwable {
        Recorder rec = new Recorder();
        WasmValue[] out = callHost(rec, "host", "call_add3", WasmValue.i32(-1), WasmValue.i64(1L << 40), WasmValue.i32(5));
        assertEquals(1, rec.add3Args.size());
        assertArrayEquals(new long[] {-1L, 1L << 40, 5L}, rec.add3Args.get(0));
        assertEquals(WasmValue.i64((1L << 40) + 4), out[0]);
    }

    @Test
    void hostFunctionReadsCallerMemory() throws Throwable {
        Recorder rec = new Recorder();
        callHost(rec, "host", "send", WasmValue.i32(16), WasmValue.i32(11));
        assertEquals("hello, host", new String(rec.peeked, StandardCharsets.US_ASCII));
    }

    @Test
    void hostFunctionWritesCallerMemory() throws Throwable {
        // poke stores bytes 78 56 34 12 at 200; i32.load reads them little-endian.
        assertEquals(WasmValue.i32(0x12345678), callHost(new Recorder(), "host", "receive")[0]);
    }

    @Test
    void hostSeesGrownMemory() throws Throwable {
        Recorder rec = new Recorder();
        WasmValue[] out = callHost(rec, "host", "grow_then_send");
        assertEquals(WasmValue.i32(2), out[0]);
        assertArrayEquals(new byte[] {0x44, 0x43, 0x42, 0x41}, rec.peeked);
    }

    @Test
    void hostMemoryAccessOutOfBoundsThrowsAndComesBackUnwrapped() {
        Recorder rec = new Recorder();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> callHost(rec, "host", "send", WasmValue.i32(65530), WasmValue.i32(10)));
        assertInstanceOf(MemoryAccessException.class, e);
        assertThrows(MemoryAccessException.class,
                () -> callHost(rec, "host", "send", WasmValue.i32(-1), WasmValue.i32(2)));
    }

    @Test
    void withoutMemoryExportTheHostSeesAnEmptyMemory() throws Throwable {
        assertThrows(MemoryAccessException.class, () -> callHost(new Recorder(), "host_nomem", "send"));
        Recorder rec = new Recorder();
        callHost(rec, "host_nomem", "send_empty");
        assertArrayEquals(new byte[0], rec.peeked, "an empty access of an empty memory succeeds");
    }

    @Test
    void hostExceptionIsRethrownAsTheSameObject() {
        Recorder rec = new Recorder();
        RuntimeException e = assertThrows(RuntimeException.class, () -> callHost(rec, "host", "fail_after_write"));
        assertSame(rec.failure, e);
    }

    @Test
    void everyInstanceStartsFresh() throws Throwable {
        // bump: global and memory word both start at 0, so a fresh instance returns 1*1000 + 1.
        CompiledModule module = engine.compile(TckModules.load("host"));
        List<Integer> seen = BigStackWorker.run(() -> {
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (ModuleInstance inst = module.instantiate(hostImports(new Recorder()))) {
                    values.add(inst.call("bump")[0].asI32());
                }
            }
            try (ModuleInstance inst = module.instantiate(hostImports(new Recorder()))) {
                inst.call("bump");
                values.add(inst.call("bump")[0].asI32()); // same instance: 2*1000 + 2
            }
            return values;
        });
        assertEquals(List.of(1001, 1001, 1001, 2002), seen);
    }

    // ---- wasm called from inside a host function (cross-contract calls) -------------------------

    /** Host functions for nest.wat; {@code descend} and {@code reenter} do what each test needs. */
    private static List<HostImport> nestImports(HostFunction descend, HostFunction reenter) {
        return List.of(
                new HostImport("test", "descend", new FunctionType(List.of(ValueType.I32), List.of(ValueType.I32)), descend),
                new HostImport("test", "reenter", new FunctionType(List.of(ValueType.I64), List.of()), reenter));
    }

    private static final HostFunction NO_REENTRY = (mem, args) -> {
        throw new AssertionError("reenter not expected");
    };

    /**
     * descend(n) for an instance at {@code level}: checks the caller's own memory still holds n at
     * address 0, runs run(n - 1) in a fresh instance of {@code modules[level + 1]} if n > 0, then
     * writes 1 at address 4 of the caller's memory. So run(n) = run(n - 1) + 1 and run(0) = 1.
     */
    private static HostFunction descendInto(List<CompiledModule> modules, int level) {
        return (mem, args) -> {
            int n = (int) args[0];
            assertEquals(n, readI32(mem.read(0, 4)), "the host sees the calling instance's memory");
            int nested = 0;
            if (n > 0) {
                try (ModuleInstance callee = modules.get(level + 1).instantiate(
                        nestImports(descendInto(modules, level + 1), NO_REENTRY))) {
                    nested = callee.call("run", WasmValue.i32(n - 1))[0].asI32();
                }
                assertEquals(n, readI32(mem.read(0, 4)), "after the nested call the host still sees the caller's memory");
            }
            mem.write(4, new byte[] {1, 0, 0, 0});
            return new long[] {nested};
        };
    }

    private static int readI32(byte[] le) {
        return (le[0] & 0xff) | (le[1] & 0xff) << 8 | (le[2] & 0xff) << 16 | (le[3] & 0xff) << 24;
    }

    @Test
    void hostFunctionRunsOtherModulesNestedEightDeep() throws Throwable {
        // Nine separately compiled modules, one per level: run(8) -> run(7) -> ... -> run(0).
        List<CompiledModule> modules = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            modules.add(engine.compile(TckModules.load("nest")));
        }
        WasmValue[] out = BigStackWorker.run(() -> {
            try (ModuleInstance top = modules.get(0).instantiate(nestImports(descendInto(modules, 0), NO_REENTRY))) {
                return top.call("run", WasmValue.i32(8));
            }
        });
        assertEquals(WasmValue.i32(9), out[0]);
    }

    @Test
    void hostFunctionRunsNewInstancesOfTheCallersOwnModule() throws Throwable {
        // The same compiled module at every level: a contract calling its own code.
        CompiledModule module = engine.compile(TckModules.load("nest"));
        List<CompiledModule> modules = java.util.Collections.nCopies(9, module);
        WasmValue[] out = BigStackWorker.run(() -> {
            try (ModuleInstance top = module.instantiate(nestImports(descendInto(modules, 0), NO_REENTRY))) {
                // Twice in a row from one frame: the second host call finds everything restored.
                return top.call("run_twice", WasmValue.i32(8));
            }
        });
        assertEquals(WasmValue.i32(18), out[0]);
    }

    @Test
    void aTrappingCalleeDoesNotPoisonItsCaller() throws Throwable {
        CompiledModule caller = engine.compile(TckModules.load("nest"));
        CompiledModule callee = engine.compile(TckModules.load("nest"));
        List<TrapKind> seen = new ArrayList<>();
        for (CompiledModule calleeModule : List.of(callee, caller)) { // another module, then the caller's own
            HostFunction descend = (mem, args) -> {
                try (ModuleInstance inner = calleeModule.instantiate(nestImports(NO_REENTRY, NO_REENTRY))) {
                    seen.add(assertThrows(WasmTrapException.class, () -> inner.call("trap")).kind());
                    // The trapped callee instance stays callable too.
                    inner.call("set", WasmValue.i64(3));
                    assertEquals(WasmValue.i64(3), inner.call("get")[0]);
                }
                mem.write(4, new byte[] {1, 0, 0, 0});
                return new long[] {40};
            };
            WasmValue[] out = BigStackWorker.run(() -> {
                try (ModuleInstance top = caller.instantiate(nestImports(descend, NO_REENTRY))) {
                    WasmValue[] first = top.call("run_twice", WasmValue.i32(1)); // (40 + 1) * 2
                    assertEquals(WasmValue.i32(41), top.call("run", WasmValue.i32(1))[0]);
                    return first;
                }
            });
            assertEquals(WasmValue.i32(82), out[0]);
        }
        assertEquals(java.util.Collections.nCopies(6, TrapKind.UNREACHABLE), seen);
    }

    @Test
    void hostFunctionCallsBackIntoTheCallingInstance() throws Throwable {
        // reenter(d) reads the caller's global through its export "get" and writes g + d through
        // "set" while the caller is suspended in the host call: 5 + 10 + 100 = 115.
        CompiledModule module = engine.compile(TckModules.load("nest"));
        AtomicReference<ModuleInstance> self = new AtomicReference<>();
        HostFunction reenter = (mem, args) -> {
            long g = self.get().call("get")[0].asI64();
            self.get().call("set", WasmValue.i64(g + args[0]));
            mem.write(8, new byte[] {9}); // the memory view still works after the re-entrant calls
            return new long[0];
        };
        WasmValue[] out = BigStackWorker.run(() -> {
            try (ModuleInstance inst = module.instantiate(nestImports(NO_REENTRY, reenter))) {
                self.set(inst);
                WasmValue[] r = inst.call("reenter_twice");
                assertEquals(WasmValue.i64(115), inst.call("get")[0], "the instance keeps the value afterwards");
                return r;
            }
        });
        assertEquals(WasmValue.i64(115), out[0]);
    }

    @Test
    void aTrapInAReentrantCallLeavesTheSuspendedCallerRunning() throws Throwable {
        CompiledModule module = engine.compile(TckModules.load("nest"));
        AtomicReference<ModuleInstance> self = new AtomicReference<>();
        HostFunction reenter = (mem, args) -> {
            assertEquals(TrapKind.UNREACHABLE, assertThrows(WasmTrapException.class, () -> self.get().call("trap")).kind());
            long g = self.get().call("get")[0].asI64();
            self.get().call("set", WasmValue.i64(g + args[0]));
            return new long[0];
        };
        WasmValue[] out = BigStackWorker.run(() -> {
            try (ModuleInstance inst = module.instantiate(nestImports(NO_REENTRY, reenter))) {
                self.set(inst);
                return inst.call("reenter_twice");
            }
        });
        assertEquals(WasmValue.i64(115), out[0]);
    }

    @Test
    void interruptStillStopsTheCallerAfterAReentrantCall() throws Throwable {
        // The harness's wall-clock guard interrupts the transaction's instance; a nested call into
        // that same instance (the gas accessors) must not leave it deaf to interrupts.
        CompiledModule module = engine.compile(TckModules.load("nest"));
        AtomicReference<ModuleInstance> self = new AtomicReference<>();
        HostFunction reenter = (mem, args) -> {
            self.get().call("set", WasmValue.i64(self.get().call("get")[0].asI64() + args[0]));
            return new long[0];
        };
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try (ModuleInstance inst = module.instantiate(nestImports(NO_REENTRY, reenter))) {
                self.set(inst);
                started.countDown();
                inst.call("reenter_then_spin");
                outcome.set(new AssertionError("an infinite loop returned"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "tck-reenter-spin", BigStackWorker.STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        Thread.sleep(300);
        self.get().interrupt();
        worker.join(10_000);
        if (worker.isAlive()) {
            fail("interrupt() did not stop the loop within 10 s after a re-entrant call");
        }
        assertInstanceOf(ExecutionInterruptedException.class, outcome.get());
    }

    // ---- wall-clock guard ----------------------------------------------------------------------

    @Test
    void interruptStopsARunawayLoop() throws Throwable {
        CompiledModule module = engine.compile(TckModules.load("traps"));
        for (String export : List.of("spin", "spin_counting")) {
            AtomicReference<ModuleInstance> running = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread worker = new Thread(null, () -> {
                try (ModuleInstance inst = module.instantiate(List.of())) {
                    running.set(inst);
                    started.countDown();
                    inst.call(export);
                    outcome.set(new AssertionError("an infinite loop returned"));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "tck-spin", BigStackWorker.STACK_BYTES);
            worker.setDaemon(true);
            worker.start();
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Thread.sleep(200);
            long t0 = System.nanoTime();
            running.get().interrupt();
            worker.join(10_000);
            if (worker.isAlive()) {
                fail(export + ": interrupt() did not stop the loop within 10 s");
            }
            assertInstanceOf(ExecutionInterruptedException.class, outcome.get(), export);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), export + ": interrupt took too long");
        }
        // The engine remains usable afterwards.
        assertEquals(WasmValue.i32(5), callOnWorker("arith", "add", WasmValue.i32(2), WasmValue.i32(3))[0]);
    }

    @Test
    void interruptBeforeOrAfterACallIsHarmless() throws Throwable {
        BigStackWorker.run(() -> {
            try (ModuleInstance inst = instance("arith", List.of())) {
                assertEquals(WasmValue.i32(3), inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0]);
                inst.interrupt();
            }
            try (ModuleInstance inst = instance("arith", List.of())) {
                assertEquals(WasmValue.i32(3), inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0]);
            }
            return null;
        });
    }

    @Test
    void descriptorIsComplete() {
        var d = engine.descriptor();
        for (String field : List.of(d.id(), d.library(), d.version(), d.mode())) {
            assertNotNull(field);
            assertFalse(field.isBlank());
        }
    }
}
