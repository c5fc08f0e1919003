package io.ecliptica.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.harness.bench.FuzzBenchmark;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.fuzz.campaign.CaseDeriver;
import io.ecliptica.harness.fuzz.campaign.ContractPool;
import io.ecliptica.harness.fuzz.reduce.GeneratorBinding;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.vector.CanonicalJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code bench fuzz}: runs {@link FuzzBenchmark} and prints its report. */
final class FuzzBench {
    /** Cases per second asked of the engines other than chicory-interpreter (issue 6). */
    static final int TARGET = 200;

    private final Main main;
    private final List<String> engines;
    private final int cases;
    private final int warmup;
    private final int jitWarmup;
    private final long seed;
    private final int generatedPercent;
    private final Path contracts;
    private final boolean json;

    FuzzBench(Main main, List<String> engines, int cases, int warmup, int jitWarmup, long seed, int generatedPercent, Path contracts,
              boolean json) {
        this.main = main;
        this.engines = engines;
        this.cases = cases;
        this.warmup = warmup;
        this.jitWarmup = jitWarmup;
        this.seed = seed;
        this.generatedPercent = generatedPercent;
        this.contracts = contracts;
        this.json = json;
    }

    int run() throws IOException {
        if (cases < 1 || warmup < 0 || jitWarmup < 0 || generatedPercent < 0 || generatedPercent > 100) {
            main.err.println("harness bench: --cases must be at least 1, --warmup-cases and --jit-warmup-cases at least 0, "
                    + "--generated in 0..100");
            return ExitCode.BAD_INPUT;
        }
        ContractPool pool;
        try {
            // --contracts names the contracts folder; the pool comes from the fillers beside it
            pool = ContractPool.load(contracts.resolveSibling("fillers"));
        } catch (IOException e) {
            main.err.println("harness bench: cannot read the bundled fillers: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        CaseDeriver deriver;
        try {
            deriver = new CaseDeriver(seed, pool, java.util.Optional.of(GeneratorBinding.source()), generatedPercent, Profiles.DEFAULT);
        } catch (IllegalArgumentException e) {
            main.err.println("harness bench: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        EngineRegistry registry = EngineRegistry.discover();
        List<WasmEngineProvider> providers = new ArrayList<>();
        for (String id : engines.isEmpty() ? registry.defaultIds() : engines) {
            WasmEngineProvider p = registry.provider(id).orElse(null);
            if (p == null) {
                main.err.println("harness bench: unknown engine '" + id + "' (known: " + String.join(", ", registry.ids()) + ")");
                return ExitCode.BAD_INPUT;
            }
            providers.add(p);
        }
        if (!json) {
            main.err.println("JIT warm-up on " + jitWarmup + " cases, then " + cases + " measured cases after " + warmup
                    + " warm-up cases, per pass ...");
        }
        FuzzBenchmark.Report r;
        try {
            r = new FuzzBenchmark(Profiles::byId, Profiles.DEFAULT).measure(providers, deriver, jitWarmup, warmup, cases);
        } catch (EngineUnavailableException e) {
            main.err.println("harness bench: an engine cannot start: " + e.getMessage());
            return ExitCode.INTERNAL;
        }
        int generated = pool.isEmpty() ? 100 : generatedPercent;
        if (json) {
            ObjectNode root = CanonicalJson.object();
            root.put("benchmark", "fuzz");
            root.put("seed", seed);
            root.put("generatedPercent", generated);
            root.put("cases", r.cases());
            root.put("distinctModules", r.distinctModules());
            root.put("divergentCases", r.divergentCases());
            ArrayNode passes = root.putArray("passes");
            for (FuzzBenchmark.Pass p : r.passes()) {
                ObjectNode o = passes.addObject();
                o.put("engines", p.engines());
                o.put("casesPerSecond", round(p.casesPerSecond()));
                if (!Double.isNaN(p.cpuMillisPerCase())) {
                    o.put("cpuMillisPerCase", round(p.cpuMillisPerCase()));
                }
            }
            targetPass(r).ifPresent(p -> {
                ObjectNode o = root.putObject("target");
                o.put("engines", p.engines());
                o.put("casesPerSecond", TARGET);
                o.put("ratio", round(p.casesPerSecond() / TARGET));
            });
            ArrayNode phases = root.putArray("millisPerCase");
            for (FuzzBenchmark.Phase p : r.phases()) {
                ObjectNode o = phases.addObject();
                o.put("phase", p.name());
                o.put("millis", round(p.millisPerCase()));
            }
            ArrayNode cpu = root.putArray("cpuMillisPerCase");
            for (FuzzBenchmark.Phase p : r.cpu()) {
                ObjectNode o = cpu.addObject();
                o.put("threads", p.name());
                o.put("millis", round(p.millisPerCase()));
            }
            main.out.print(CanonicalJson.toText(root));
            return ExitCode.OK;
        }
        main.out.printf(Locale.ROOT, "fuzz benchmark: %d cases of seed %d (%d%% generated modules, %d distinct modules), "
                + "%d diverging%n", r.cases(), seed, generated, r.distinctModules(), r.divergentCases());
        main.out.printf(Locale.ROOT, "%-60s %12s %12s%n", "engines (each pass from fresh engines)", "cases/s", "CPU ms/case");
        for (FuzzBenchmark.Pass p : r.passes()) {
            main.out.printf(Locale.ROOT, "%-60s %12.1f %12.1f%n", p.engines(), p.casesPerSecond(), p.cpuMillisPerCase());
        }
        targetPass(r).ifPresent(p -> main.out.printf(Locale.ROOT, "target %d cases/s with %s: %.2f of it%n", TARGET,
                p.engines(), p.casesPerSecond() / TARGET));
        main.out.printf(Locale.ROOT, "%n%-60s %12s%n", "where the time goes (first pass; compile from cold caches)", "ms/case");
        for (FuzzBenchmark.Phase p : r.phases()) {
            main.out.printf(Locale.ROOT, "%-60s %12.3f%n", p.name(), p.millisPerCase());
        }
        if (!r.cpu().isEmpty()) {
            main.out.printf(Locale.ROOT, "%n%-60s %12s%n", "CPU time of the first pass by thread (engine = its worker)", "ms/case");
            for (FuzzBenchmark.Phase p : r.cpu()) {
                main.out.printf(Locale.ROOT, "%-60s %12.3f%n", p.name(), p.millisPerCase());
            }
        }
        main.out.printf(Locale.ROOT, "engines run in parallel, one worker thread each, on %d cores (%d cases/s needs %.1f CPU ms/case)%n",
                Runtime.getRuntime().availableProcessors(), TARGET, 1000.0 * Runtime.getRuntime().availableProcessors() / TARGET);
        return ExitCode.OK;
    }

    /** The pass of every engine but chicory-interpreter, which the target is about. */
    private static java.util.Optional<FuzzBenchmark.Pass> targetPass(FuzzBenchmark.Report r) {
        return r.passes().stream()
                .filter(p -> !List.of(p.engines().split(",")).contains("chicory-interpreter"))
                .findFirst();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
