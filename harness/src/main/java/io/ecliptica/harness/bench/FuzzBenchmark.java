package io.ecliptica.harness.bench;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.FuzzCase;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.Oracle;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.ContractSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code bench fuzz}: differential executions per second of campaign cases on in-process engines,
 * all engines at once and each alone, and where the time goes (generation, preparation under the
 * profile, compilation per engine, execution per engine, the oracle), measured in one run. Each
 * pass starts from fresh engines (empty compile caches) after the same warm-up cases.
 */
public final class FuzzBenchmark {
    /** Cases per second of one pass, and the CPU time it used (all threads of this JVM) per case. */
    public record Pass(String engines, int cases, double seconds, double cpuMillisPerCase) {
        public double casesPerSecond() {
            return cases / seconds;
        }
    }

    /** Milliseconds per case spent in one phase. */
    public record Phase(String name, double millisPerCase) {
    }

    /**
     * {@code cpu}: the first pass's CPU time per case by thread group (engine workers, Truffle
     * compiler, other harness threads, the JVM's JIT compilers and GC); empty if the JVM cannot tell.
     */
    public record Report(int cases, int distinctModules, List<Pass> passes, List<Phase> phases, List<Phase> cpu,
                         int divergentCases) {
    }

    private final Function<String, ExecutionProfile> profiles;
    private final String profile;

    public FuzzBenchmark(Function<String, ExecutionProfile> profiles, String profile) {
        this.profiles = profiles;
        this.profile = profile;
    }

    /**
     * Runs cases {@code warmup .. warmup+cases-1} of the deriver, each pass after cases
     * {@code 0 .. warmup-1} untimed on its fresh engines; before any pass, the next {@code jitWarmup}
     * cases once, untimed, so the JIT compilers (HotSpot's, and Truffle's running on it) are past
     * the warm-up a long campaign leaves behind in its first minutes. Those cases are other modules
     * than the measured ones, so nothing measured is compiled or cached before its pass.
     */
    public Report measure(List<WasmEngineProvider> engines, CaseDeriver deriver, int jitWarmup, int warmup, int cases)
            throws EngineUnavailableException {
        long t0 = System.nanoTime();
        List<FuzzCase> measured = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            measured.add(deriver.derive(warmup + i));
        }
        double generation = (System.nanoTime() - t0) / 1e6 / cases;
        List<FuzzCase> warm = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            warm.add(deriver.derive(i));
        }
        List<FuzzCase> jit = new ArrayList<>();
        for (int i = 0; i < jitWarmup; i++) {
            jit.add(deriver.derive(warmup + cases + i));
        }

        List<Pass> passes = new ArrayList<>();
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("generation", generation));
        List<VectorVerdict> verdicts = new ArrayList<>();
        Map<String, Long> execution = new LinkedHashMap<>();
        Map<String, Long> cpu = new LinkedHashMap<>();
        // warms the JIT compilers on the engines' code paths; the passes after it get fresh engines
        pass(engines, List.of(), jit, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        passes.add(pass(engines, warm, measured, verdicts, execution, cpu));
        List<WasmEngineProvider> noInterpreter = engines.stream().filter(p -> !p.id().equals("chicory-interpreter")).toList();
        if (noInterpreter.size() > 1 && noInterpreter.size() < engines.size()) {
            passes.add(pass(noInterpreter, warm, measured, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>()));
        }
        if (engines.size() > 1) {
            for (WasmEngineProvider p : engines) {
                passes.add(pass(List.of(p), warm, measured, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>()));
            }
        }

        // preparation and compilation of the measured cases' distinct modules, from cold caches
        Map<Bytes, byte[]> distinct = new LinkedHashMap<>();
        for (FuzzCase c : measured) {
            for (ContractSpec s : c.vector().contracts()) {
                distinct.putIfAbsent(s.codeHash(), s.code().toByteArray());
            }
        }
        ExecutionProfile prof = profiles.apply(profile);
        List<byte[]> prepared = new ArrayList<>();
        long p0 = System.nanoTime();
        for (byte[] code : distinct.values()) {
            if (prof.prepare(code) instanceof ExecutionProfile.Preparation.Ready r) {
                prepared.add(r.wasm());
            }
        }
        phases.add(new Phase("preparation (profile " + profile + ")", (System.nanoTime() - p0) / 1e6 / cases));
        for (WasmEngineProvider p : engines) {
            try (WasmEngine e = p.create()) {
                long c0 = System.nanoTime();
                for (byte[] w : prepared) {
                    try (CompiledModule m = e.compile(w)) {
                        // compiled and dropped: only the time counts
                    } catch (ModuleRejectedException rejected) {
                        // counted like a compile: the engine did the work of refusing it
                    }
                }
                phases.add(new Phase("compile " + p.id(), (System.nanoTime() - c0) / 1e6 / cases));
            }
        }
        execution.forEach((id, nanos) -> phases.add(new Phase("execution " + id, nanos / 1e6 / cases)));
        long o0 = System.nanoTime();
        int divergent = 0;
        for (VectorVerdict v : verdicts) {
            List<?> findings = Oracle.judge(v.vector(), v.traces().get(0).preStateRoot(), prof.costTableHash(), v.traces());
            divergent += findings.isEmpty() ? 0 : 1;
        }
        phases.add(new Phase("oracle", (System.nanoTime() - o0) / 1e6 / cases));
        List<Phase> cpuPerCase = new ArrayList<>();
        cpu.forEach((group, nanos) -> cpuPerCase.add(new Phase(group, nanos / 1e6 / cases)));
        return new Report(cases, distinct.size(), passes, phases, cpuPerCase, divergent);
    }

    private Pass pass(List<WasmEngineProvider> providers, List<FuzzCase> warm, List<FuzzCase> measured,
                      List<VectorVerdict> verdicts, Map<String, Long> execution, Map<String, Long> cpu)
            throws EngineUnavailableException {
        List<EngineExecutor> executors = new ArrayList<>();
        for (WasmEngineProvider p : providers) {
            executors.add(new EngineExecutor(p.create(), EngineExecutor.Limits.DEFAULT));
        }
        try (DifferentialRunner runner = new DifferentialRunner(executors, profiles)) {
            for (FuzzCase c : warm) {
                runner.run(c.vector());
            }
            runner.forgetPrepared();
            long[] before = executors.stream().mapToLong(EngineExecutor::engineNanos).toArray();
            CpuUse cpu0 = CpuUse.now();
            long t0 = System.nanoTime();
            for (FuzzCase c : measured) {
                verdicts.add(runner.run(c.vector()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            CpuUse cpu1 = CpuUse.now();
            if (CpuUse.supported()) {
                cpu.putAll(cpu1.since(cpu0));
            }
            double cpuPerCase = CpuUse.supported() ? cpu1.totalSince(cpu0) / 1e6 / measured.size() : Double.NaN;
            for (int i = 0; i < executors.size(); i++) {
                execution.put(executors.get(i).descriptor().id(), executors.get(i).engineNanos() - before[i]);
            }
            return new Pass(String.join(",", providers.stream().map(WasmEngineProvider::id).toList()), measured.size(),
                    seconds, cpuPerCase);
        }
    }
}
