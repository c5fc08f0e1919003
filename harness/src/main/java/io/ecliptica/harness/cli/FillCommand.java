package io.ecliptica.harness.cli;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.report.TextReport;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.Finding;
import io.ecliptica.harness.runner.VectorFiller;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "fill", mixinStandardHelpOptions = true,
        description = {"Compute expected results from fillers: run each filler on every engine and, only if all agree "
                + "on every field, write the filled vector.",
                "A filler DIR/fillers/NAME.json is written to DIR/fixtures/NAME.json unless --out is given."})
final class FillCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Filler files or directories (default: vectors/fillers).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the filled vectors.")
    Path outDir;

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try {
            files = VectorFiles.collect(paths.isEmpty() ? List.of(Path.of("vectors", "fillers")) : paths);
        } catch (IllegalArgumentException e) {
            main.err.println("harness fill: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<EngineExecutor> engines;
        try {
            engines = engineOptions.open(main.err);
        } catch (EngineOptions.EngineSelectionException e) {
            main.err.println("harness fill: " + e.getMessage());
            return e.exitCode;
        }
        if (engines.size() < 2) {
            engines.forEach(EngineExecutor::close);
            main.err.println("harness fill: filling needs at least two engines to agree (have " + engines.size() + ")");
            return ExitCode.BAD_INPUT;
        }
        TextReport text = new TextReport(main.out, false);
        text.engines(engines.stream().map(EngineExecutor::descriptor).toList());
        int exit = ExitCode.OK;
        try (DifferentialRunner runner = new DifferentialRunner(engines, Profiles::byId)) {
            for (Path file : files) {
                Vector filler;
                switch (VectorInput.load(file, paths.contains(file), Vector.Kind.FILLER)) {
                    case VectorInput.Loaded.Ready r -> filler = r.vector();
                    case VectorInput.Loaded.Skipped sk -> {
                        continue;
                    }
                    case VectorInput.Loaded.Refused r -> {
                        main.err.println("ERROR " + r.message());
                        exit = ExitCode.worst(exit, ExitCode.BAD_INPUT);
                        continue;
                    }
                }
                Path target = target(file);
                VectorFiller.Outcome outcome = VectorFiller.fill(filler, target, runner);
                switch (outcome) {
                    case VectorFiller.Outcome.Written w -> text.line((w.changed() ? "FILLED     " : "UNCHANGED  ")
                            + VectorFiles.display(file) + " -> " + VectorFiles.display(w.fixture())
                            + "  (" + filler.transactionCount() + " txs, " + engines.size() + " engines agree)");
                    case VectorFiller.Outcome.Refused r -> {
                        text.line("REFUSED    " + VectorFiles.display(file) + ": " + r.reason());
                        r.verdict().findings().forEach(text::finding);
                        boolean failure = r.verdict().findings().stream().anyMatch(f -> f instanceof Finding.EngineFailed);
                        exit = ExitCode.worst(exit, failure ? ExitCode.INTERNAL : ExitCode.DIFFERENCE);
                    }
                }
            }
        }
        return exit;
    }

    private Path target(Path filler) {
        Path name = filler.getFileName();
        if (outDir != null) {
            return outDir.resolve(name);
        }
        Path dir = filler.toAbsolutePath().normalize().getParent();
        Path base = dir.getFileName() != null && dir.getFileName().toString().equals("fillers") ? dir.getParent() : dir;
        return base.resolve("fixtures").resolve(name);
    }
}
