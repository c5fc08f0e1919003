package io.ecliptica.harness.cli;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngineProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that run engines. */
final class EngineOptions {
    @Option(names = "--engines", split = ",", paramLabel = "ID",
            description = "Engines to use, comma-separated (default: every engine usable here except variants such as "
                    + "wasmtime-nancanon). See 'harness engines'.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Wall-clock guard per call (default: ${DEFAULT-VALUE} s). A call that overruns is an engine failure, exit code 3.")
    int timeoutSeconds;

    /** Thrown when engines cannot be opened as asked; carries the exit code. */
    static final class EngineSelectionException extends Exception {
        final int exitCode;

        EngineSelectionException(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /**
     * Starts the selected engines. With no selection, every engine that can start here is used and
     * the others are named on {@code err}; an engine selected by name that cannot start is an error.
     */
    List<EngineExecutor> open(PrintStream err) throws EngineSelectionException {
        if (timeoutSeconds <= 0) {
            throw new EngineSelectionException("--timeout must be a positive number of seconds", ExitCode.BAD_INPUT);
        }
        EngineRegistry registry = EngineRegistry.discover();
        List<String> wanted = engines.isEmpty() ? registry.defaultIds() : engines;
        EngineExecutor.Limits limits = new EngineExecutor.Limits(Duration.ofSeconds(timeoutSeconds),
                EngineExecutor.Limits.DEFAULT.compileTimeout());
        List<EngineExecutor> opened = new ArrayList<>();
        for (String id : wanted) {
            WasmEngineProvider p = registry.provider(id).orElse(null);
            if (p == null) {
                opened.forEach(EngineExecutor::close);
                throw new EngineSelectionException("unknown engine '" + id + "' (known: "
                        + String.join(", ", registry.ids()) + ")", ExitCode.BAD_INPUT);
            }
            try {
                opened.add(new EngineExecutor(p.create(), limits));
            } catch (EngineUnavailableException | RuntimeException | LinkageError e) {
                if (!engines.isEmpty()) {
                    opened.forEach(EngineExecutor::close);
                    throw new EngineSelectionException("engine " + id + " cannot start: " + e.getMessage(), ExitCode.INTERNAL);
                }
                err.println("warning: engine " + id + " cannot start here and is skipped: " + e.getMessage());
            }
        }
        if (opened.isEmpty()) {
            throw new EngineSelectionException("no engine can start here (see 'harness engines')", ExitCode.INTERNAL);
        }
        return opened;
    }
}
