package io.ecliptica.harness.cli;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.chain.ChainReader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.ExecutionProfile;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.replay.Checkpoints;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.replay.Replayer;
import io.ecliptica.harness.report.ReplayJson;
import io.ecliptica.harness.report.ReplayReport;
import io.ecliptica.harness.state.StateStore;
import io.ecliptica.harness.vector.VectorFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a chain file on every engine: each block's state root, receipts root and gas used must "
                + "agree across engines and with the recording. Stops at the first block that does not, and names the "
                + "transaction and the first differing host call."})
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(paramLabel = "CHAIN", description = "The chain file (docs/chain-format.md).")
    Path chain;

    @Option(names = "--from-block", defaultValue = "1", paramLabel = "N",
            description = "Start at block N, from the nearest checkpoint at or below N-1 (default: ${DEFAULT-VALUE}).")
    long fromBlock;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "K",
            description = "Write a state checkpoint after every K-th block (default: never).")
    int checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints live (default: CHAIN.checkpoints beside the chain).")
    Path checkpointDir;

    @Option(names = "--window", defaultValue = "16", paramLabel = "BLOCKS",
            description = "How far the fastest engine may run ahead of the slowest (default: ${DEFAULT-VALUE}).")
    int window;

    @Mixin
    ChainRunOptions chainRun;

    @Option(names = "--json", description = "Print a machine-readable report instead of text (docs/chain-format.md).")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path reportFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (fromBlock < 1 || checkpointEvery < 0 || window < 1) {
            main.err.println("harness replay: --from-block and --window must be at least 1, --checkpoint-every at least 0");
            return ExitCode.BAD_INPUT;
        }
        ReplayProgress.Mode mode;
        try {
            mode = chainRun.checked();
        } catch (IllegalArgumentException e) {
            main.err.println("harness replay: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try (ChainReader reader = ChainReader.open(chain)) {
            ExecutionProfile profile;
            try {
                profile = Profiles.byId(reader.header().profile());
            } catch (IllegalArgumentException e) {
                main.err.println("harness replay: " + chain + ": " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            if (!profile.costTableHash().equals(reader.header().costTableHash())) {
                main.err.println("harness replay: " + chain + ": recorded under cost table " + reader.header().costTableHash()
                        + ", but this harness's " + profile.id() + " has " + profile.costTableHash() + " (regenerate the chain)");
                return ExitCode.BAD_INPUT;
            }
            List<EngineExecutor> engines;
            try {
                engines = engineOptions.open(main.err);
            } catch (EngineOptions.EngineSelectionException e) {
                main.err.println("harness replay: " + e.getMessage());
                return e.exitCode;
            }
            List<EngineDescriptor> descriptors = engines.stream().map(EngineExecutor::descriptor).toList();
            Optional<Checkpoints> checkpoints = checkpointEvery > 0 || fromBlock > 1
                    ? Optional.of(new Checkpoints(checkpointDir != null ? checkpointDir : Replayer.defaultCheckpointDir(chain)))
                    : Optional.empty();
            StateStore store;
            try {
                store = chainRun.openStore();
            } catch (StateStoreOption.Unavailable e) {
                engines.forEach(EngineExecutor::close);
                main.err.println("harness replay: " + e.getMessage());
                return ExitCode.INTERNAL;
            } catch (IllegalArgumentException | IOException e) {
                engines.forEach(EngineExecutor::close);
                main.err.println("harness replay: " + e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            ReplayOutcome outcome;
            try (store) {
                outcome = Replayer.replay(reader, engines, new PreparedModules(profile),
                        new Replayer.Options(fromBlock, checkpointEvery, checkpoints, window, false, store),
                        new ReplayProgress(main.err, mode, "replay"));
            } finally {
                engines.forEach(EngineExecutor::close);
            }
            int exit = ExitCode.of(outcome);
            String report = json || reportFile != null ? ReplayJson.render(chain.toString(), descriptors, outcome, exit) : null;
            if (json) {
                main.out.print(report);
            } else {
                new ReplayReport(main.out).print(outcome);
            }
            if (reportFile != null) {
                Path parent = reportFile.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(reportFile, report);
            }
            return exit;
        } catch (VectorFormatException | Replayer.ReplayInputException e) {
            main.err.println("harness replay: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
    }

}
