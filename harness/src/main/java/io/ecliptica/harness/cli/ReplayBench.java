package io.ecliptica.harness.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.harness.bench.ReplayBenchmark;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.replay.ChainRecorder;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.report.ReplayReport;
import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.workload.BundledContracts;
import io.ecliptica.harness.workload.Workload;
import io.ecliptica.harness.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code bench replay}: the options of {@link BenchCommand} applied to {@link ReplayBenchmark}. */
final class ReplayBench {
    private final Main main;
    private final List<String> engineIds;
    private final Path contracts;
    private final ChainRecorder.Plan plan;
    private final Path keep;
    private final boolean json;

    ReplayBench(Main main, List<String> engineIds, Path contracts, int blocks, int txsPerBlock, int accounts, long seed,
                Path keep, boolean json) {
        this.main = main;
        this.engineIds = engineIds;
        this.contracts = contracts;
        this.plan = new ChainRecorder.Plan("token", seed, blocks, txsPerBlock, accounts);
        this.keep = keep;
        this.json = json;
    }

    int call() throws Exception {
        if (plan.blocks() < 1 || plan.txsPerBlock() < 1 || plan.accounts() < 2) {
            main.err.println("harness bench: --blocks and --txs-per-block must be at least 1, --accounts at least 2");
            return ExitCode.BAD_INPUT;
        }
        Workload workload;
        try {
            workload = Workloads.create("token", new BundledContracts(contracts), plan.accounts());
        } catch (IllegalArgumentException e) {
            main.err.println("harness bench: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        EngineOptions options = new EngineOptions();
        options.engines = engineIds;
        options.timeoutSeconds = 20;
        List<EngineExecutor> engines;
        try {
            engines = options.open(main.err);
        } catch (EngineOptions.EngineSelectionException e) {
            main.err.println("harness bench: " + e.getMessage());
            return e.exitCode;
        }
        Path chain = keep != null ? keep : Files.createTempFile("ecliptica-bench-", ".jsonl");
        ReplayBenchmark.Result r;
        try {
            r = ReplayBenchmark.run(plan, workload, engines, new PreparedModules(Profiles.byId("ecliptica-v1")), chain,
                    new ReplayProgress(main.err, json ? ReplayProgress.Mode.NONE : ReplayProgress.Mode.AUTO, "bench replay"));
        } finally {
            engines.forEach(EngineExecutor::close);
            if (keep == null) {
                Files.deleteIfExists(chain);
            }
        }
        if (!(r.replayed() instanceof ReplayOutcome.Agreed a)) {
            new ReplayReport(main.out).print(r.replayed());
            main.err.println("harness bench: the engines did not agree; no figures");
            return ExitCode.of(r.replayed());
        }
        if (json) {
            ObjectNode root = CanonicalJson.object();
            root.put("benchmark", "replay");
            root.put("blocks", plan.blocks());
            root.put("transactions", a.transactions());
            root.put("accounts", plan.accounts());
            root.put("generateSeconds", r.generateSeconds());
            root.put("replaySeconds", r.replaySeconds());
            root.put("overhead", r.overhead());
            root.put("overVmCalls", r.overVmCalls());
            ArrayNode arr = root.putArray("engines");
            for (ReplayBenchmark.EngineFigures f : r.engines()) {
                ObjectNode o = arr.addObject();
                o.put("engine", f.engine());
                o.put("txPerSecond", f.txPerSecond());
                o.put("engineTxPerSecond", f.engineTxPerSecond());
                o.put("laneSeconds", f.laneSeconds());
                o.put("engineSeconds", f.engineSeconds());
            }
            main.out.print(CanonicalJson.toText(root));
            return ExitCode.OK;
        }
        main.out.printf(Locale.ROOT, "token chain: %d blocks x %d transactions = %d transactions over %d accounts; "
                        + "generated and recorded by %d engines in %.1f s; every engine agrees on every block%n",
                plan.blocks(), plan.txsPerBlock(), a.transactions(), plan.accounts(), r.engines().size(), r.generateSeconds());
        main.out.printf(Locale.ROOT, "%-20s %10s %12s %12s %12s%n", "engine", "tx/s", "VM-only tx/s", "exec s", "VM s");
        double exec = 0;
        double vm = 0;
        for (ReplayBenchmark.EngineFigures f : r.engines()) {
            main.out.printf(Locale.ROOT, "%-20s %10.0f %12.0f %12.2f %12.2f%n", f.engine(), f.txPerSecond(),
                    f.engineTxPerSecond(), f.laneSeconds(), f.engineSeconds());
            exec += f.laneSeconds();
            vm += f.engineSeconds();
        }
        main.out.printf(Locale.ROOT, "replay wall time %.2f s; engines' execution time %.2f s: harness overhead %.3f "
                + "(target <= 1.10)%n", r.replaySeconds(), exec, r.overhead());
        main.out.printf(Locale.ROOT, "engines' VM call time alone %.2f s: wall / VM time %.3f%n", vm, r.overVmCalls());
        main.out.println("execution = the engine's VM calls (instantiate, call, host functions) plus the state transition "
                + "(writes, the state root after every transaction, receipts); engines take turns block by block, so "
                + "wall time adds their times up");
        return ExitCode.OK;
    }
}
