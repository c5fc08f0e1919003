package io.ecliptica.harness.bench;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.abi.CallContext;
import io.ecliptica.harness.abi.HostAbi;
import io.ecliptica.harness.abi.StorageOverlay;
import io.ecliptica.harness.exec.EngineWorker;
import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.harness.exec.Metering;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench metering}: the time a call takes on the metered module (ecliptica-v1) over the time
 * it takes on the raw module, per engine and workload, measured in one run. Raw and metered calls
 * alternate, so machine noise hits both alike; each figure is the median of its runs. A call is
 * instantiate + (set gas) + call + close, the unit the harness executes per transaction.
 */
public final class MeteringBenchmark {

    /** A compute-heavy call of a bundled contract. */
    public record Workload(String name, byte[] wasm, String export, Bytes input, List<WasmValue> args) {
    }

    /** Median milliseconds of the raw and the metered module. */
    public record Result(String engine, String workload, double rawMillis, double meteredMillis) {
        public double ratio() {
            return meteredMillis / rawMillis;
        }
    }

    private static final Bytes SELF = Bytes.fromHex("0x" + "00".repeat(31) + "01");

    private final ExecutionProfile profile;
    private final int warmups;
    private final int runs;

    public MeteringBenchmark(ExecutionProfile profile, int warmups, int runs) {
        this.profile = profile;
        this.warmups = warmups;
        this.runs = runs;
    }

    /** Measures every workload on {@code engine}, on a large-stack thread as the harness runs engines. */
    public List<Result> measure(WasmEngine engine, List<Workload> workloads) throws Exception {
        AtomicReference<List<Result>> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                List<Result> results = new ArrayList<>();
                for (Workload w : workloads) {
                    results.add(measure(engine, w));
                }
                out.set(results);
            } catch (Exception e) {
                failure.set(e);
            }
        }, "bench-" + engine.descriptor().id(), EngineWorker.STACK_BYTES);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    private Result measure(WasmEngine engine, Workload w) {
        ExecutionProfile.Preparation p = profile.prepare(w.wasm());
        if (!(p instanceof ExecutionProfile.Preparation.Ready metered) || !metered.metered()) {
            throw new IllegalStateException(w.name() + ": the profile did not produce a metered module: " + p);
        }
        try (CompiledModule raw = engine.compile(w.wasm()); CompiledModule gas = engine.compile(metered.wasm())) {
            for (int i = 0; i < warmups; i++) {
                call(raw, w, false, metered.hasStart());
                call(gas, w, true, metered.hasStart());
            }
            long[] rawTimes = new long[runs];
            long[] gasTimes = new long[runs];
            for (int i = 0; i < runs; i++) {
                rawTimes[i] = call(raw, w, false, metered.hasStart());
                gasTimes[i] = call(gas, w, true, metered.hasStart());
            }
            return new Result(engine.descriptor().id(), w.name(), median(rawTimes) / 1e6, median(gasTimes) / 1e6);
        }
    }

    private static long call(CompiledModule module, Workload w, boolean metered, boolean hasStart) {
        HostAbi host = new HostAbi(new CallContext(SELF, SELF, w.input(), 1, 0), new StorageOverlay(SELF, k -> Optional.empty()));
        List<HostImport> imports = new ArrayList<>(host.imports());
        if (metered) {
            imports.addAll(Metering.IMPORTS);
        }
        long t0 = System.nanoTime();
        try (ModuleInstance instance = module.instantiate(imports)) {
            if (metered) {
                Metering.setGas(instance, Long.MAX_VALUE);
                if (hasStart) {
                    instance.call(Metering.START);
                }
            }
            instance.call(w.export(), w.args().toArray(WasmValue[]::new));
        }
        return System.nanoTime() - t0;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
