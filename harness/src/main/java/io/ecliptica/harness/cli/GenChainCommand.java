package io.ecliptica.harness.cli;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.replay.ChainRecorder;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.report.ReplayReport;
import io.ecliptica.harness.state.StateStore;
import io.ecliptica.harness.workload.BundledContracts;
import io.ecliptica.harness.workload.Workload;
import io.ecliptica.harness.workload.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "gen-chain", mixinStandardHelpOptions = true,
        description = {"Generate a chain file from a workload over the bundled contracts, recording every block's "
                + "roots and gas only if every engine agrees (docs/chain-format.md). The same options give the same bytes."})
final class GenChainCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--workload", required = true, paramLabel = "NAME", description = "token, auction, voting or mixed.")
    String workload;

    @Option(names = "--blocks", required = true, paramLabel = "N", description = "Number of blocks.")
    int blocks;

    @Option(names = "--txs-per-block", required = true, paramLabel = "M", description = "Transactions per block.")
    int txsPerBlock;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--accounts", defaultValue = "1000", paramLabel = "A",
            description = "Number of accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The chain file to write.")
    Path out;

    @Option(names = "--contracts", defaultValue = "vectors/contracts", paramLabel = "DIR",
            description = "The bundled contracts (default: ${DEFAULT-VALUE}).")
    Path contracts;

    @Option(names = "--profile", defaultValue = "ecliptica-v1", paramLabel = "ID",
            description = "Execution profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Mixin
    ChainRunOptions chainRun;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (blocks < 1 || txsPerBlock < 0 || accounts < 2) {
            main.err.println("harness gen-chain: --blocks must be at least 1, --txs-per-block at least 0, --accounts at least 2");
            return ExitCode.BAD_INPUT;
        }
        ReplayProgress.Mode mode;
        ExecutionProfile executionProfile;
        Workload load;
        try {
            mode = chainRun.checked();
            executionProfile = Profiles.byId(profile);
            load = Workloads.create(workload, new BundledContracts(contracts), accounts);
        } catch (IllegalArgumentException e) {
            main.err.println("harness gen-chain: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<EngineExecutor> engines;
        try {
            engines = engineOptions.open(main.err);
        } catch (EngineOptions.EngineSelectionException e) {
            main.err.println("harness gen-chain: " + e.getMessage());
            return e.exitCode;
        }
        StateStore store;
        try {
            store = chainRun.openStore();
        } catch (StateStoreOption.Unavailable e) {
            engines.forEach(EngineExecutor::close);
            main.err.println("harness gen-chain: " + e.getMessage());
            return ExitCode.INTERNAL;
        } catch (IllegalArgumentException | IOException e) {
            engines.forEach(EngineExecutor::close);
            main.err.println("harness gen-chain: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        ReplayOutcome outcome;
        try (store) {
            outcome = ChainRecorder.record(new ChainRecorder.Plan(workload, seed, blocks, txsPerBlock, accounts), load,
                    engines, new PreparedModules(executionProfile), out, new ReplayProgress(main.err, mode, "gen-chain"),
                    store);
        } finally {
            engines.forEach(EngineExecutor::close);
        }
        if (outcome instanceof ReplayOutcome.Agreed a) {
            main.out.printf(java.util.Locale.ROOT, "wrote %s: %d blocks, %d transactions, recorded by %d engines in "
                    + "agreement; final state root %s%n", out, a.lastHeight(), a.transactions(), engines.size(),
                    a.finalStateRoot().toHex());
            return ExitCode.OK;
        }
        new ReplayReport(main.out).print(outcome);
        main.err.println("harness gen-chain: engines did not all agree; no chain written");
        return ExitCode.of(outcome);
    }
}
