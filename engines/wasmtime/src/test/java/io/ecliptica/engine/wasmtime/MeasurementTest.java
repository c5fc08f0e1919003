package io.ecliptica.engine.wasmtime;

import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.wasmtime.TestSupport.host;
import static io.ecliptica.engine.wasmtime.TestSupport.onWorker;
import static io.ecliptica.engine.wasmtime.TestSupport.wasm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.WasmValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Costs for the adapter report (printed; noisy on a shared machine, so only the results are
 * asserted): compile, instantiate, a trivial call, a 1M-iteration loop, host calls.
 */
class MeasurementTest {

    @Test
    void measuresTheUsualOperations() throws Throwable {
        try (WasmtimeEngine engine = new WasmtimeEngine(WasmtimeSettings.DEFAULT)) {
            byte[] numeric = wasm("numeric");
            onWorker(() -> {
                long compileNs = best(5, () -> engine.compile(numeric).close());
                try (CompiledModule m = engine.compile(numeric)) {
                    long instantiateNs = average(2_000, () -> m.instantiate(List.of()).close());
                    try (ModuleInstance i = m.instantiate(List.of())) {
                        long callNs = average(20_000, () -> i.call("nop"));
                        long addNs = average(20_000, () -> assertEquals(WasmValue.i32(3), i.call("add", WasmValue.i32(1), WasmValue.i32(2))[0]));
                        long loopNs = best(5, () -> assertEquals(WasmValue.i32(1_000_000), i.call("count", WasmValue.i32(1_000_000))[0]));
                        HostImport one = host("one", List.of(), List.of(I32), (mem, args) -> new long[] {1});
                        try (CompiledModule hm = engine.compile(wasm("hostloop"));
                             ModuleInstance h = hm.instantiate(List.of(one))) {
                            long hostNs = best(3, () -> assertEquals(WasmValue.i32(100_000), h.call("run", WasmValue.i32(100_000))[0]));
                            System.out.printf("wasmtime: compile numeric.wasm (%d bytes) %.2f ms; instantiate+close %.1f us; "
                                            + "call nop %.1f us; call add %.1f us; 1M-iteration loop %.2f ms; host call %.2f us each%n",
                                    numeric.length, compileNs / 1e6, instantiateNs / 1e3, callNs / 1e3, addNs / 1e3, loopNs / 1e6,
                                    hostNs / 1e3 / 100_000);
                        }
                    }
                }
                return null;
            });
        }
    }

    private static long average(int n, Runnable r) {
        for (int k = 0; k < n / 10; k++) {
            r.run();
        }
        long t0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            r.run();
        }
        return (System.nanoTime() - t0) / n;
    }

    private static long best(int n, Runnable r) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }
}
