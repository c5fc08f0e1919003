package io.ecliptica.harness.cli;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.report.JsonReport;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.report.TextReport;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run filled vectors on every engine: engines must agree with each other and with every expected "
                + "result, state root and receipts root.",
                "Directories are searched for *.json; fillers found there are skipped (use 'fill')."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    EngineOptions engineOptions;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Vector files or directories (default: vectors).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print a machine-readable report instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path reportFile;

    @Option(names = "--full", description = "Print long values whole.")
    boolean full;

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try {
            files = VectorFiles.collect(paths.isEmpty() ? List.of(Path.of("vectors")) : paths);
        } catch (IllegalArgumentException e) {
            main.err.println("harness verify: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        List<EngineExecutor> engines;
        try {
            engines = engineOptions.open(main.err);
        } catch (EngineOptions.EngineSelectionException e) {
            main.err.println("harness verify: " + e.getMessage());
            return e.exitCode;
        }
        TextReport text = new TextReport(main.out, full);
        JsonReport report = new JsonReport("verify", engines.stream().map(EngineExecutor::descriptor).toList());
        if (!json) {
            text.engines(engines.stream().map(EngineExecutor::descriptor).toList());
        }
        int exit = ExitCode.OK;
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int fillers = 0;
        try (DifferentialRunner runner = new DifferentialRunner(engines, Profiles::byId)) {
            for (Path file : files) {
                String name = VectorFiles.display(file);
                Vector vector;
                switch (VectorInput.load(file, paths.contains(file), Vector.Kind.FIXTURE)) {
                    case VectorInput.Loaded.Ready r -> vector = r.vector();
                    case VectorInput.Loaded.Skipped sk -> {
                        fillers += sk.otherKind() ? 1 : 0;
                        continue;
                    }
                    case VectorInput.Loaded.Refused r -> {
                        main.err.println("ERROR " + r.message());
                        errors++;
                        exit = ExitCode.worst(exit, ExitCode.BAD_INPUT);
                        continue;
                    }
                }
                VectorVerdict verdict = runner.run(vector);
                report.vector(name, verdict);
                if (!json) {
                    text.vector(name, verdict);
                }
                if (verdict.passed()) {
                    passed++;
                } else {
                    failed++;
                    exit = ExitCode.worst(exit, verdict.hasEngineFailure() ? ExitCode.INTERNAL : ExitCode.DIFFERENCE);
                    if (verdict.hasEngineFailure() && verdict.hasDifference()) {
                        exit = ExitCode.worst(exit, ExitCode.DIFFERENCE);
                    }
                }
            }
        }
        if (passed + failed + errors == 0) {
            main.err.println("harness verify: no vectors found in " + paths);
            exit = ExitCode.worst(exit, ExitCode.BAD_INPUT);
        }
        report.summary(passed + failed + errors, passed, failed, errors, exit);
        if (json) {
            main.out.print(report.toText());
        } else {
            text.line("");
            int total = passed + failed + errors;
            text.line(String.format(java.util.Locale.ROOT, "%d vector%s: %d passed, %d failed, %d unreadable%s. Exit code %d.",
                    total, total == 1 ? "" : "s", passed, failed, errors,
                    fillers > 0 ? " (" + fillers + " fillers skipped)" : "", exit));
        }
        if (reportFile != null) {
            Path parent = reportFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(reportFile, report.toText());
        }
        return exit;
    }
}
