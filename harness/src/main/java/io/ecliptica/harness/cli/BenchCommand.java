package io.ecliptica.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.bench.MeteringBenchmark;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.CanonicalJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks, measured in one run and reported as ratios (machines are noisy; absolute times are "
                + "only indicative).",
                "metering: time of a call on the ecliptica-v1 metered module / time on the raw module, per engine, on "
                        + "compute-heavy calls of the bundled contracts. Target: at most 1.15 on wasmtime and chicory-compiler.",
                "replay: generates a token chain (default 100,000 transactions) and replays it on every engine; prints "
                        + "tx/s per engine and the harness overhead = replay wall time / sum of the engines' own execution "
                        + "time. Target: at most 1.10.",
                "fuzz: differential cases per second of fuzzing-campaign cases (docs/fuzzing.md) on in-process engines, "
                        + "all at once and each alone, and where the time goes. Target: 200 cases/s without chicory-interpreter."})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to measure: metering, replay or fuzz.")
    String what;

    @Option(names = "--engines", split = ",", paramLabel = "ID", description = "Engines (default: the default engine set).")
    List<String> engines = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "15", paramLabel = "N", description = "Measured runs per case (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "20", paramLabel = "N", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--contracts", defaultValue = "vectors/contracts", paramLabel = "DIR",
            description = "Where the bundled contracts are (default: ${DEFAULT-VALUE}).")
    Path contracts;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--blocks", defaultValue = "1000", paramLabel = "N", description = "replay: blocks (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--txs-per-block", defaultValue = "100", paramLabel = "M",
            description = "replay: transactions per block (default: ${DEFAULT-VALUE}).")
    int txsPerBlock;

    @Option(names = "--accounts", defaultValue = "10000", paramLabel = "A",
            description = "replay: token accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "replay and fuzz: seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keep", paramLabel = "FILE", description = "replay: keep the generated chain in FILE.")
    Path keep;

    @Option(names = "--cases", defaultValue = "300", paramLabel = "N", description = "fuzz: measured cases (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--warmup-cases", defaultValue = "100", paramLabel = "N",
            description = "fuzz: unmeasured cases first, on every pass (default: ${DEFAULT-VALUE}).")
    int warmupCases;

    @Option(names = "--jit-warmup-cases", defaultValue = "1000", paramLabel = "N",
            description = "fuzz: cases run once on every engine before any pass, so the JVM's and Truffle's JIT "
                    + "reach the steady state of a long campaign (default: ${DEFAULT-VALUE}).")
    int jitWarmupCases;

    @Option(names = "--generated", defaultValue = "100", paramLabel = "PERCENT",
            description = "fuzz: share of cases with a generated module; the rest call bundled contracts (default: ${DEFAULT-VALUE}).")
    int generatedPercent;

    @Override
    public Integer call() throws Exception {
        if (what.equals("fuzz")) {
            return new FuzzBench(main, engines, cases, warmupCases, jitWarmupCases, seed, generatedPercent, contracts, json).run();
        }
        if (what.equals("replay")) {
            return new ReplayBench(main, engines, contracts, blocks, txsPerBlock, accounts, seed, keep, json).call();
        }
        if (!what.equals("metering")) {
            main.err.println("harness bench: unknown benchmark '" + what + "' (known: metering, replay, fuzz)");
            return ExitCode.BAD_INPUT;
        }
        if (runs < 1 || warmups < 0) {
            main.err.println("harness bench: --runs must be at least 1 and --warmups at least 0");
            return ExitCode.BAD_INPUT;
        }
        List<MeteringBenchmark.Workload> workloads;
        try {
            workloads = workloads();
        } catch (NoSuchFileException e) {
            main.err.println("harness bench: " + e.getFile() + ": no such file (use --contracts DIR)");
            return ExitCode.BAD_INPUT;
        }
        EngineRegistry registry = EngineRegistry.discover();
        List<String> ids = engines.isEmpty() ? registry.defaultIds() : engines;
        MeteringBenchmark bench = new MeteringBenchmark(Profiles.byId("ecliptica-v1"), warmups, runs);
        List<MeteringBenchmark.Result> results = new ArrayList<>();
        for (String id : ids) {
            WasmEngineProvider provider = registry.provider(id).orElse(null);
            if (provider == null) {
                main.err.println("harness bench: unknown engine '" + id + "' (known: " + String.join(", ", registry.ids()) + ")");
                return ExitCode.BAD_INPUT;
            }
            try (WasmEngine engine = provider.create()) {
                if (!json) {
                    main.err.println("measuring " + id + " ...");
                }
                results.addAll(bench.measure(engine, workloads));
            } catch (EngineUnavailableException e) {
                main.err.println("harness bench: engine " + id + " cannot start: " + e.getMessage());
                return ExitCode.INTERNAL;
            }
        }
        print(results);
        return ExitCode.OK;
    }

    private List<MeteringBenchmark.Workload> workloads() throws IOException {
        byte[] fibInput = le32(25);
        ByteBuffer sha = ByteBuffer.allocate(4 + 32).order(ByteOrder.LITTLE_ENDIAN).putInt(3000);
        return List.of(
                new MeteringBenchmark.Workload("fib(25) recursion", read("recursion"), "fib", Bytes.of(fibInput), List.of()),
                new MeteringBenchmark.Workload("sha256 x3000", read("sha256"), "hash_iter", Bytes.of(sha.array()), List.of()),
                new MeteringBenchmark.Workload("loop 3M iterations", read("metering"), "burn", Bytes.EMPTY,
                        List.of(WasmValue.i32(3_000_000))));
    }

    private byte[] read(String name) throws IOException {
        return Files.readAllBytes(contracts.resolve(name).resolve(name + ".wasm"));
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private void print(List<MeteringBenchmark.Result> results) {
        if (json) {
            ObjectNode root = CanonicalJson.object();
            root.put("benchmark", "metering");
            root.put("profile", "ecliptica-v1");
            ArrayNode arr = root.putArray("results");
            for (MeteringBenchmark.Result r : results) {
                ObjectNode o = arr.addObject();
                o.put("engine", r.engine());
                o.put("workload", r.workload());
                o.put("rawMillis", r.rawMillis());
                o.put("meteredMillis", r.meteredMillis());
                o.put("ratio", r.ratio());
            }
            main.out.print(CanonicalJson.toText(root));
            return;
        }
        main.out.printf(Locale.ROOT, "%-20s %-20s %12s %12s %8s%n", "engine", "workload", "raw ms", "metered ms", "ratio");
        String engine = null;
        double logSum = 0;
        int n = 0;
        for (MeteringBenchmark.Result r : results) {
            if (engine != null && !engine.equals(r.engine())) {
                geoMean(engine, logSum, n);
                logSum = 0;
                n = 0;
            }
            engine = r.engine();
            main.out.printf(Locale.ROOT, "%-20s %-20s %12.2f %12.2f %8.3f%n", r.engine(), r.workload(), r.rawMillis(),
                    r.meteredMillis(), r.ratio());
            logSum += Math.log(r.ratio());
            n++;
        }
        if (engine != null) {
            geoMean(engine, logSum, n);
        }
        main.out.println("ratio = metered / raw time of one call (instantiate + call); median of " + runs
                + " runs after " + warmups + " warm-ups; target <= 1.15 on wasmtime and chicory-compiler");
    }

    private void geoMean(String engine, double logSum, int n) {
        main.out.printf(Locale.ROOT, "%-20s %-20s %12s %12s %8.3f%n", engine, "geometric mean", "", "", Math.exp(logSum / n));
    }
}
