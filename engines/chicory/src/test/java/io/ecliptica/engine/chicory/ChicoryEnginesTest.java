package io.ecliptica.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineFailureException;
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
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.engine.WasmTrapException;
import io.ecliptica.engine.WasmValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChicoryEnginesTest {

    private static final List<ValueType> NONE = List.of();
    private static final List<ValueType> I32 = List.of(ValueType.I32);

    /** Calls run on one worker thread with a large stack, as the harness runs them. */
    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> new Thread(null, r, "wasm-worker", 64L << 20));
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of(ChicoryInterpreterEngine.ID, (Supplier<WasmEngine>) ChicoryInterpreterEngine::new),
                Arguments.of(ChicoryCompilerEngine.ID, (Supplier<WasmEngine>) ChicoryCompilerEngine::new));
    }

    // ---------------------------------------------------------------- discovery and descriptor

    @Test
    void bothEnginesAreFoundThroughTheServiceLoader() throws Exception {
        List<String> ids = new ArrayList<>();
        for (WasmEngineProvider p : ServiceLoader.load(WasmEngineProvider.class)) {
            ids.add(p.id());
            try (WasmEngine engine = p.create()) {
                assertEquals(p.id(), engine.descriptor().id());
            }
        }
        assertTrue(ids.contains("chicory-interpreter"), ids.toString());
        assertTrue(ids.contains("chicory-compiler"), ids.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void descriptorNamesChicoryAndItsVersion(String id, Supplier<WasmEngine> engine) {
        EngineDescriptor d = engine.get().descriptor();
        assertEquals(id, d.id());
        assertEquals("Chicory", d.library());
        assertEquals("1.7.5", d.version());
    }

    // ---------------------------------------------------------------- values and exports

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void passesAndReturnsValuesBitExactly(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "basics");
        assertArrayEquals(new WasmValue[] {WasmValue.i32(5)}, inst.call("add", WasmValue.i32(2), WasmValue.i32(3)));
        assertArrayEquals(new WasmValue[] {WasmValue.i32(-5)}, inst.call("neg_i32"));
        assertArrayEquals(new WasmValue[] {WasmValue.i32(Integer.MIN_VALUE)},
                inst.call("add", WasmValue.i32(Integer.MAX_VALUE), WasmValue.i32(1)));
        assertArrayEquals(new WasmValue[] {WasmValue.i64(Long.MIN_VALUE)},
                inst.call("add_i64", WasmValue.i64(Long.MAX_VALUE), WasmValue.i64(1)));
        // NaN payloads (quiet ones, and the sign bit) survive the round trip.
        for (int bits : new int[] {0x7fc00001, 0xffc00000, 0x80000000, 0x3f800000}) {
            assertEquals(WasmValue.f32Bits(bits), inst.call("id_f32", WasmValue.f32Bits(bits))[0]);
        }
        for (long bits : new long[] {0x7ff8000000000001L, 0xfff8000000000000L, 0x8000000000000000L}) {
            assertEquals(WasmValue.f64Bits(bits), inst.call("id_f64", WasmValue.f64Bits(bits))[0]);
        }
        assertArrayEquals(new WasmValue[] {WasmValue.i64(-9), WasmValue.i32(-1)},
                inst.call("multi", WasmValue.i32(-1), WasmValue.i64(-9)));
        assertArrayEquals(new WasmValue[0], inst.call("nothing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyInstanceStartsFresh(String id, Supplier<WasmEngine> engine) {
        CompiledModule module = engine.get().compile(wasm("basics"));
        ModuleInstance a = module.instantiate(List.of());
        assertEquals(1, a.call("bump")[0].asI32());
        assertEquals(2, a.call("bump")[0].asI32());
        ModuleInstance b = module.instantiate(List.of());
        assertEquals(1, b.call("bump")[0].asI32());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void reportsExportTypes(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "basics");
        assertEquals(FunctionType.of(List.of(ValueType.I32, ValueType.I32), I32), inst.exportType("add"));
        assertEquals(FunctionType.of(List.of(ValueType.I32, ValueType.I64), List.of(ValueType.I64, ValueType.I32)),
                inst.exportType("multi"));
        assertNull(inst.exportType("nope"));
        assertNull(inst.exportType("memory"), "a memory export is not a function export");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void missingExportAndWrongArgumentsAreLinkErrors(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "basics");
        assertEquals(LinkException.Reason.MISSING_EXPORT,
                assertThrows(LinkException.class, () -> inst.call("nope")).reason());
        assertEquals(LinkException.Reason.MISSING_EXPORT,
                assertThrows(LinkException.class, () -> inst.call("memory")).reason());
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                assertThrows(LinkException.class, () -> inst.call("add", WasmValue.i32(1))).reason());
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                assertThrows(LinkException.class, () -> inst.call("add", WasmValue.i32(1), WasmValue.i64(2))).reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void exportsBeyondTheFourNumberTypesAreSignatureMismatches(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "reftype");
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                assertThrows(LinkException.class, () -> inst.exportType("ref")).reason());
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                assertThrows(LinkException.class, () -> inst.call("ref")).reason());
        assertEquals(1, inst.call("ok")[0].asI32());
    }

    @Test
    void simdIsAnEngineFailureNotARejection() {
        // The interpreter accepts the module but cannot execute SIMD instructions ...
        ModuleInstance inst = new ChicoryInterpreterEngine().compile(wasm("v128")).instantiate(List.of());
        assertEquals(1, inst.call("ok")[0].asI32());
        assertEquals(LinkException.Reason.SIGNATURE_MISMATCH,
                assertThrows(LinkException.class, () -> inst.call("vec")).reason());
        assertThrows(EngineFailureException.class, () -> inst.call("lane"));
        // ... and the compiler cannot translate the module: a valid module the engine cannot handle.
        assertThrows(EngineFailureException.class, () -> new ChicoryCompilerEngine().compile(wasm("v128")));
    }

    // ---------------------------------------------------------------- traps

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void mapsTrapsToTheirKinds(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "basics");
        assertTrap(TrapKind.UNREACHABLE, () -> inst.call("unreachable"));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> inst.call("div_s", WasmValue.i32(1), WasmValue.i32(0)));
        assertTrap(TrapKind.INTEGER_OVERFLOW,
                () -> inst.call("div_s", WasmValue.i32(Integer.MIN_VALUE), WasmValue.i32(-1)));
        assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, () -> inst.call("trunc", WasmValue.f32Bits(0x7fc00000)));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> inst.call("trunc", WasmValue.f32Bits(0x4f000000))); // 2^31
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> inst.call("load", WasmValue.i32(65533)));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> inst.call("load", WasmValue.i32(-1)));
        assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> inst.call("call_indirect", WasmValue.i32(3)));
        assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> inst.call("call_indirect", WasmValue.i32(2)));
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> inst.call("call_indirect", WasmValue.i32(1)));
        assertEquals(7, inst.call("call_indirect", WasmValue.i32(0))[0].asI32());
        // A trap leaves the instance usable.
        assertEquals(3, inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0].asI32());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void unboundedRecursionExhaustsTheCallStack(String id, Supplier<WasmEngine> engine) throws Exception {
        ModuleInstance inst = instantiate(engine, "basics");
        Future<?> f = worker.submit(() -> assertTrap(TrapKind.CALL_STACK_EXHAUSTED,
                () -> inst.call("recurse", WasmValue.i32(0))));
        f.get(120, TimeUnit.SECONDS);
        // ... and the worker thread is fine afterwards.
        assertEquals(3, worker.submit(() -> inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0].asI32())
                .get(10, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void memoryGrowsWithinChicorysLimit(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = instantiate(engine, "basics");
        assertEquals(1, inst.call("grow", WasmValue.i32(1))[0].asI32());
        assertEquals(-1, inst.call("grow", WasmValue.i32(70000))[0].asI32());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void trapsDuringInstantiationAreTraps(String id, Supplier<WasmEngine> engine) {
        WasmEngine e = engine.get();
        CompiledModule start = e.compile(wasm("start_trap"));
        assertTrap(TrapKind.UNREACHABLE, () -> start.instantiate(List.of()));
        CompiledModule data = e.compile(wasm("data_oob"));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> data.instantiate(List.of()));
    }

    // ---------------------------------------------------------------- compile and link

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void invalidAndMalformedModulesAreRejectedAtCompile(String id, Supplier<WasmEngine> engine) {
        WasmEngine e = engine.get();
        assertThrows(ModuleRejectedException.class, () -> e.compile(wasm("invalid")));
        assertThrows(ModuleRejectedException.class, () -> e.compile(new byte[0]));
        assertThrows(ModuleRejectedException.class, () -> e.compile(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}));
        byte[] basics = wasm("basics");
        assertThrows(ModuleRejectedException.class,
                () -> e.compile(java.util.Arrays.copyOf(basics, basics.length - 3)));
        assertThrows(ModuleRejectedException.class, () -> e.compile("not wasm at all".getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void rulesChicoryChecksLateOrNotAtAllAreCheckedAtCompile(String id, Supplier<WasmEngine> engine) {
        WasmEngine e = engine.get();
        assertRejected(e, "invalid_exports", "duplicate export name");
        assertRejected(e, "invalid_export_index", "unknown function 3");
        assertRejected(e, "invalid_import_type", "unknown type 7");
    }

    private static void assertRejected(WasmEngine engine, String module, String message) {
        ModuleRejectedException ex = assertThrows(ModuleRejectedException.class, () -> engine.compile(wasm(module)));
        assertTrue(ex.getMessage().contains(message), ex.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void importsMustMatchByNameAndType(String id, Supplier<WasmEngine> engine) {
        CompiledModule module = engine.get().compile(wasm("host"));
        List<HostImport> all = hostImports(new long[1], null);

        List<HostImport> missing = new ArrayList<>(all);
        missing.removeIf(h -> h.name().equals("tick"));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT,
                assertThrows(LinkException.class, () -> module.instantiate(missing)).reason());

        List<HostImport> retyped = new ArrayList<>(all);
        retyped.removeIf(h -> h.name().equals("input_size"));
        retyped.add(new HostImport("ecliptica", "input_size", FunctionType.of(NONE, List.of(ValueType.I64)),
                (m, a) -> new long[] {0}));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT,
                assertThrows(LinkException.class, () -> module.instantiate(retyped)).reason());

        List<HostImport> extra = new ArrayList<>(all);
        extra.add(new HostImport("ecliptica", "unused", FunctionType.of(NONE, NONE), (m, a) -> null));
        module.instantiate(extra); // unused host imports are ignored

        CompiledModule mem = engine.get().compile(wasm("import_memory"));
        assertEquals(LinkException.Reason.UNKNOWN_IMPORT,
                assertThrows(LinkException.class, () -> mem.instantiate(all)).reason());
    }

    // ---------------------------------------------------------------- host functions

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hostFunctionsSeeValuesAndMemory(String id, Supplier<WasmEngine> engine) {
        long[] lastEcho = new long[4];
        List<byte[]> written = new ArrayList<>();
        ModuleInstance inst = engine.get().compile(wasm("host")).instantiate(hostImports(lastEcho, written));

        assertEquals(42, inst.call("input_size")[0].asI32());

        inst.call("write", WasmValue.i32(16), WasmValue.i32(3), WasmValue.i32(20), WasmValue.i32(5));
        assertArrayEquals("key".getBytes(), written.get(0));
        assertArrayEquals("value".getBytes(), written.get(1));

        WasmValue[] out = inst.call("echo", WasmValue.i32(-2), WasmValue.i64(-3),
                WasmValue.f32Bits(0xffc00001), WasmValue.f64Bits(0x7ff8000000000002L));
        // arguments as the API promises: i32 sign-extended, f32 zero-extended raw bits
        assertEquals(-2L, lastEcho[0]);
        assertEquals(-3L, lastEcho[1]);
        assertEquals(0xffc00001L, lastEcho[2]);
        assertEquals(0x7ff8000000000002L, lastEcho[3]);
        assertArrayEquals(new WasmValue[] {WasmValue.i32(-2), WasmValue.i64(-3),
                WasmValue.f32Bits(0xffc00001), WasmValue.f64Bits(0x7ff8000000000002L)}, out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hostMemoryAccessIsBoundsChecked(String id, Supplier<WasmEngine> engine) {
        ModuleInstance inst = engine.get().compile(wasm("host")).instantiate(hostImports(new long[4], new ArrayList<>()));
        // key at the very end of memory: fine; one byte past: MemoryAccessException from the host, unwrapped
        inst.call("write", WasmValue.i32(65535), WasmValue.i32(1), WasmValue.i32(0), WasmValue.i32(0));
        assertThrows(MemoryAccessException.class,
                () -> inst.call("write", WasmValue.i32(65535), WasmValue.i32(2), WasmValue.i32(0), WasmValue.i32(0)));
        assertThrows(MemoryAccessException.class,
                () -> inst.call("write", WasmValue.i32(-1), WasmValue.i32(1), WasmValue.i32(0), WasmValue.i32(0)));
        assertThrows(MemoryAccessException.class,
                () -> inst.call("write", WasmValue.i32(0), WasmValue.i32(-1), WasmValue.i32(0), WasmValue.i32(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withoutAMemoryExportTheHostSeesAnEmptyMemory(String id, Supplier<WasmEngine> engine) {
        // nomem.wat calls storage_write(key_ptr, key_len, 0, 0) with the arguments of its export.
        List<Long> sizes = new ArrayList<>();
        HostFunction write = (m, a) -> {
            sizes.add(m.size());
            m.read((int) a[0], (int) a[1]);
            m.write((int) a[0], new byte[(int) a[1]]);
            return null;
        };
        ModuleInstance inst = engine.get().compile(wasm("nomem")).instantiate(List.of(new HostImport("ecliptica",
                "storage_write", FunctionType.of(List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32), NONE),
                write)));
        inst.call("write", WasmValue.i32(0), WasmValue.i32(0)); // empty range at 0: inside an empty memory
        assertEquals(List.of(0L), sizes);
        MemoryAccessException e = assertThrows(MemoryAccessException.class,
                () -> inst.call("write", WasmValue.i32(0), WasmValue.i32(1)));
        assertTrue(e.getMessage().contains("no memory named 'memory'"), e.getMessage());
        assertThrows(MemoryAccessException.class, () -> inst.call("write", WasmValue.i32(8), WasmValue.i32(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aHostExceptionComesBackAsTheSameObject(String id, Supplier<WasmEngine> engine) {
        RuntimeException revert = new IllegalStateException("revert: nope");
        List<HostImport> imports = new ArrayList<>(hostImports(new long[4], null));
        imports.removeIf(h -> h.name().equals("fail"));
        imports.add(new HostImport("test", "fail", FunctionType.of(NONE, NONE), (m, a) -> {
            throw revert;
        }));
        ModuleInstance inst = engine.get().compile(wasm("host")).instantiate(imports);
        assertSame(revert, assertThrows(IllegalStateException.class, () -> inst.call("fail")));
        // and a later call is not affected by the earlier failure
        assertEquals(42, inst.call("input_size")[0].asI32());
    }

    // ---------------------------------------------------------------- interruption

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("spinners")
    void interruptStopsAnEndlessLoop(String id, String export, Supplier<WasmEngine> engine) throws Exception {
        ModuleInstance inst = instantiate(engine, export.equals("spin_tick") ? "host" : "basics",
                hostImports(new long[4], null));
        // A thread of its own: if the interrupt is missed, only this test hangs (and fails).
        ExecutorService own = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "wasm-spinner", 16L << 20);
            t.setDaemon(true);
            return t;
        });
        try {
            CountDownLatch started = new CountDownLatch(1);
            Future<Throwable> run = own.submit(() -> {
                started.countDown();
                try {
                    inst.call(export);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertFalse(run.isDone(), "the loop should still be running");
            inst.interrupt();
            Throwable outcome = run.get(20, TimeUnit.SECONDS);
            assertTrue(outcome instanceof ExecutionInterruptedException, String.valueOf(outcome));

            // The thread's interrupt flag is clear again, and the same thread runs wasm normally.
            assertFalse(own.submit(() -> Thread.currentThread().isInterrupted()).get(10, TimeUnit.SECONDS));
            ModuleInstance fresh = instantiate(engine, "basics");
            assertEquals(3, own.submit(() -> fresh.call("add", WasmValue.i32(1), WasmValue.i32(2))[0].asI32())
                    .get(10, TimeUnit.SECONDS));
        } finally {
            own.shutdownNow();
        }
    }

    static Stream<Arguments> spinners() {
        return engines().flatMap(a -> Stream.of("spin_br_if", "spin_br", "spin_br_table", "spin_tick")
                .map(export -> Arguments.of(a.get()[0], export, a.get()[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void anInterruptBeforeTheCallStopsTheNextCallOnly(String id, Supplier<WasmEngine> engine) throws Exception {
        ModuleInstance inst = instantiate(engine, "basics");
        inst.interrupt();
        assertThrows(ExecutionInterruptedException.class, () -> inst.call("nothing"));
        assertEquals(3, inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0].asI32());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void anInterruptAfterTheCallLeavesTheThreadClean(String id, Supplier<WasmEngine> engine) throws Exception {
        ModuleInstance inst = instantiate(engine, "basics");
        // interrupt() racing with calls from another thread must never leak a set flag into the worker
        AtomicLong ok = new AtomicLong();
        for (int i = 0; i < 200; i++) {
            ModuleInstance fresh = instantiate(engine, "basics");
            Future<Boolean> f = worker.submit(() -> {
                try {
                    fresh.call("add", WasmValue.i32(1), WasmValue.i32(2));
                    ok.incrementAndGet();
                } catch (ExecutionInterruptedException expected) {
                    // interrupted before or during the call: fine
                }
                return Thread.currentThread().isInterrupted();
            });
            fresh.interrupt();
            assertFalse(f.get(10, TimeUnit.SECONDS), "flag leaked after iteration " + i);
        }
        assertEquals(3, inst.call("add", WasmValue.i32(1), WasmValue.i32(2))[0].asI32());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertTrap(TrapKind kind, org.junit.jupiter.api.function.Executable call) {
        WasmTrapException e = assertThrows(WasmTrapException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
    }

    private static ModuleInstance instantiate(Supplier<WasmEngine> engine, String name) {
        return instantiate(engine, name, List.of());
    }

    private static ModuleInstance instantiate(Supplier<WasmEngine> engine, String name, List<HostImport> imports) {
        return engine.get().compile(wasm(name)).instantiate(imports);
    }

    /** Host imports for host.wat; records echo arguments and storage_write's key and value. */
    private static List<HostImport> hostImports(long[] lastEcho, List<byte[]> written) {
        List<ValueType> four = List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64);
        List<ValueType> i32x4 = List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32);
        return List.of(
                new HostImport("ecliptica", "input_size", FunctionType.of(NONE, I32), (m, a) -> new long[] {42}),
                new HostImport("ecliptica", "storage_write", FunctionType.of(i32x4, NONE), (m, a) -> {
                    byte[] key = m.read((int) a[0], (int) a[1]);
                    byte[] value = m.read((int) a[2], (int) a[3]);
                    if (written != null) {
                        written.add(key);
                        written.add(value);
                    }
                    m.write((int) a[0], key); // writes back in place: exercises write()
                    return new long[0];
                }),
                new HostImport("test", "echo", FunctionType.of(four, four), (m, a) -> {
                    System.arraycopy(a, 0, lastEcho, 0, 4);
                    return a.clone();
                }),
                new HostImport("test", "fail", FunctionType.of(NONE, NONE), (m, a) -> null),
                new HostImport("test", "tick", FunctionType.of(NONE, NONE), (m, a) -> null));
    }

    static byte[] wasm(String name) {
        try (InputStream in = ChicoryEnginesTest.class.getResourceAsStream("/modules/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
