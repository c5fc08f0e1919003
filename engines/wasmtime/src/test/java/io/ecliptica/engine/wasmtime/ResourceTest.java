package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.ValueType.F32;
import static io.ecliptica.engine.ValueType.F64;
import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;
import static io.ecliptica.engine.wasmtime.TestSupport.compile;
import static io.ecliptica.engine.wasmtime.TestSupport.host;
import static io.ecliptica.engine.wasmtime.TestSupport.onWorker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.WasmValue;
import io.github.kawamuray.wasmtime.Func;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Native handles are freed: thousands of instantiate + call + close cycles keep the process flat.
 * A leaked store would keep its host-function handlers registered in the binding's global
 * registry, its memory pages resident, and a 6 GiB address-space reservation (wasmtime's default
 * for a 32-bit memory), so all three are watched.
 */
class ResourceTest {

    private static final int CYCLES = 10_000;

    private static List<HostImport> hostImports() {
        return List.of(
                host("mix", List.of(I32, I64, F32, F64), List.of(I64), (mem, args) -> new long[] {args[0] + args[1]}),
                host("echo_f32", List.of(F32), List.of(F32), (mem, args) -> new long[] {args[0]}),
                host("echo_f64", List.of(F64), List.of(F64), (mem, args) -> new long[] {args[0]}),
                host("poke", List.of(I32, I32), List.of(), (mem, args) -> {
                    mem.write((int) args[0], new byte[] {(byte) args[1]});
                    return new long[0];
                }),
                host("fail", List.of(I32), List.of(), (mem, args) -> new long[0]));
    }

    @Test
    void tenThousandCyclesStayFlat() throws Throwable {
        try (WasmtimeEngine engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT)) {
            List<HostImport> imports = hostImports();
            try (CompiledModule warmUp = compile(engine, "host")) {
                onWorker(() -> cycles(warmUp, imports, 1_000)); // JIT, allocator pools
            }
            int handlersBefore = registeredHandlers();
            long rssBefore = status("VmRSS");
            long virtualBefore = status("VmSize");
            long micros;
            try (CompiledModule module = compile(engine, "host")) {
                long started = System.nanoTime();
                onWorker(() -> cycles(module, imports, CYCLES));
                micros = (System.nanoTime() - started) / 1_000 / CYCLES;
                // closing the module retires its last store; the others went when full and empty
            }
            long rssGrowth = status("VmRSS") - rssBefore;
            long virtualGrowth = status("VmSize") - virtualBefore;
            System.out.printf("wasmtime: %d x (instantiate with 5 host imports + 2 calls + close): %d us each; "
                    + "RSS %+d KiB, virtual %+d KiB%n", CYCLES, micros, rssGrowth, virtualGrowth);
            assertEquals(handlersBefore, registeredHandlers());
            assertTrue(rssGrowth < 32 * 1024, "RSS grew by " + rssGrowth + " KiB");
            // each leaked memory would keep an 8 GiB reservation (guard, 4 GiB, guard)
            assertTrue(virtualGrowth < 8L * 1024 * 1024, "address space grew by " + virtualGrowth + " KiB");
        }
    }

    private static Void cycles(CompiledModule module, List<HostImport> imports, int n) {
        for (int k = 0; k < n; k++) {
            try (ModuleInstance i = module.instantiate(imports)) {
                assertEquals(WasmValue.i32(k & 0x7f), i.call("poke_then_load", WasmValue.i32(1000), WasmValue.i32(k & 0x7f))[0]);
                assertEquals(WasmValue.i64(k + 1L), i.call("call_mix", WasmValue.i32(k), WasmValue.i64(1),
                        WasmValue.f32Bits(0), WasmValue.f64Bits(0))[0]);
            }
        }
        return null;
    }

    @Test
    void unclosedInstancesAreCleanedOnceUnreachable() throws Throwable {
        try (WasmtimeEngine engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT)) {
            CompiledModule module = compile(engine, "host");
            int before = registeredHandlers();
            onWorker(() -> {
                for (int k = 0; k < 200; k++) {
                    module.instantiate(hostImports()).call("poke_then_load", WasmValue.i32(1), WasmValue.i32(1)); // never closed
                }
                return null;
            });
            // 200 instances in stores of 32 instances each, 5 host functions per store
            assertEquals(before + 7 * 5, registeredHandlers());
            module.close();
            for (int round = 0; round < 100 && registeredHandlers() > before; round++) {
                System.gc();
                Thread.sleep(50);
            }
            assertTrue(registeredHandlers() <= before, "handlers left: " + registeredHandlers() + ", before " + before);
        }
    }

    /** Size of wasmtime-java's global handler registry (one entry per live host function). */
    private static int registeredHandlers() throws ReflectiveOperationException {
        Field registryField = Func.class.getDeclaredField("registry");
        registryField.setAccessible(true);
        Object registry = registryField.get(null);
        Field map = registry.getClass().getDeclaredField("map");
        map.setAccessible(true);
        return ((Map<?, ?>) map.get(registry)).size();
    }

    /** A field of /proc/self/status in KiB. */
    private static long status(String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field);
    }
}
