package io.ecliptica.harness.cli;

import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.spec.FileResult;
import io.ecliptica.harness.spec.InstrumentingTransform;
import io.ecliptica.harness.spec.ModuleTransform;
import io.ecliptica.harness.spec.SpecFile;
import io.ecliptica.harness.spec.SpecJson;
import io.ecliptica.harness.spec.SpecResult;
import io.ecliptica.harness.spec.SpecRunner;
import io.ecliptica.harness.spec.SpecText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Run WebAssembly .wast spec scripts (e.g. the core testsuite) on every engine and print a "
                + "pass / fail / skip matrix per file and engine, then the commands on which the engines diverged "
                + "and the failures grouped by reason.",
                "Directories are searched for *.wast. Each script runs on each engine in a fresh context; modules "
                        + "may import spectest's print functions and the functions of registered modules. Skipped: "
                        + "modules importing a memory, table or global (the engine API links functions only) and "
                        + "the commands using them, v128 and reference values, (get ...) of globals, text "
                        + "(module quote) modules, and under an instrumenting --profile the modules using a "
                        + "feature the profile leaves out.",
                "A conformance matrix is a report, not a gate: the exit code is 0 whenever the run completes, "
                        + "whatever failed, unless --strict is given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed (failures and divergences are in the report)",
                "1:with --strict: the engines diverged on at least one command",
                "2:bad usage: a path that does not exist, no .wast files, unknown engine or profile",
                "3:no engine could start"})
final class SpecCommand implements Callable<Integer> {
    /**
     * Module transforms by profile id, applied to every module before the engines see it: every
     * profile the harness knows ({@code Profiles.ids()}); {@code none} passes the raw modules, the
     * instrumenting ones are run as {@link InstrumentingTransform} describes (any imports, the
     * spec's own limits, unlimited gas; gas metering, stack limit and NaN canonicalization on).
     */
    static final Map<String, ModuleTransform> PROFILES = InstrumentingTransform.byProfileId();

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Script files or directories holding *.wast scripts.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--engines", split = ",", paramLabel = "ID",
            description = "Engines to use, comma-separated (default: every engine usable here). See 'harness engines'.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Wall-clock guard per command (default: ${DEFAULT-VALUE} s); a command that overruns fails with 'timeout'.")
    int timeoutSeconds;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "none",
            description = {"Module profile applied before the engines see a module (default: ${DEFAULT-VALUE}, "
                    + "the raw modules): one of ${COMPLETION-CANDIDATES}.",
                    "An instrumenting profile (e.g. ecliptica-v1) runs every module as the profile instruments it "
                            + "(gas metering, stack-height limit, NaN canonicalization) with unlimited gas, any "
                            + "imports and the WebAssembly spec's own memory and count limits; a module using a "
                            + "feature the profile leaves out (SIMD, reference types, ...) is skipped with the "
                            + "commands using it."},
            completionCandidates = ProfileIds.class)
    String profile;

    @Option(names = "--json", description = "Print the full result (every failure and divergence) as JSON instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the full JSON result to FILE.")
    Path reportFile;

    @Option(names = "--strict", description = "Exit with code 1 if the engines diverged on any command.")
    boolean strict;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "2",
            description = "Example commands shown per divergence group (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--progress", negatable = true,
            description = "Print a line per finished file on stderr (default: on when run from a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        ModuleTransform transform = PROFILES.get(profile);
        if (transform == null) {
            return usage("unknown profile '" + profile + "' (known: " + String.join(", ", PROFILES.keySet()) + ")");
        }
        if (timeoutSeconds <= 0) {
            return usage("--timeout must be a positive number of seconds");
        }
        if (examples < 0) {
            return usage("--examples must not be negative");
        }
        List<SpecFile> files;
        try {
            files = collect(paths);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (files.isEmpty()) {
            return usage("no .wast files in " + paths.stream().map(Path::toString).toList());
        }
        EngineRegistry registry = EngineRegistry.discover();
        for (String id : engines) {
            if (registry.provider(id).isEmpty()) {
                return usage("unknown engine '" + id + "' (known: " + String.join(", ", registry.ids()) + ")");
            }
        }
        List<WasmEngine> opened = open(registry);
        if (opened.isEmpty()) {
            main.err.println("harness spec: no engine can start here (see 'harness engines')");
            return ExitCode.INTERNAL;
        }

        long start = System.nanoTime();
        SpecResult result;
        SpecRunner.Timings timings;
        try (SpecRunner runner = new SpecRunner(opened, profile, transform, Duration.ofSeconds(timeoutSeconds))) {
            result = runner.run(files, progressPrinter(files.size()));
            timings = runner.timings();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        int exit = strict && !result.divergences().isEmpty() ? ExitCode.DIFFERENCE : ExitCode.OK;
        if (json) {
            main.out.print(SpecJson.toText(result, exit));
        } else {
            new SpecText(main.out, examples).print(result);
            StringBuilder busy = new StringBuilder();
            timings.engineSeconds().forEach((id, s) -> busy.append(String.format(Locale.ROOT, ", %s %.1f s", id, s)));
            main.out.printf(Locale.ROOT, "Finished in %.1f s (parsing %.1f s%s). Exit code %d.%n", seconds,
                    timings.parseSeconds(), busy, exit);
        }
        if (reportFile != null) {
            Path parent = reportFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(reportFile, SpecJson.toText(result, exit));
        }
        return exit;
    }

    /** The accepted --profile values, for the help text. */
    static final class ProfileIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PROFILES.keySet().iterator();
        }
    }

    private int usage(String message) {
        main.err.println("harness spec: " + message);
        return ExitCode.BAD_INPUT;
    }

    /** Starts the chosen engines; one that cannot start is named on stderr and left out. */
    private List<WasmEngine> open(EngineRegistry registry) {
        List<String> wanted = engines.isEmpty() ? registry.ids() : engines;
        List<WasmEngine> out = new ArrayList<>();
        for (String id : wanted) {
            WasmEngineProvider p = registry.provider(id).orElseThrow();
            try {
                out.add(p.create());
            } catch (EngineUnavailableException | RuntimeException | LinkageError e) {
                main.err.println("warning: engine " + id + " cannot start here and is left out: " + e.getMessage());
            }
        }
        return out;
    }

    private Consumer<FileResult> progressPrinter(int total) {
        boolean on = progress != null ? progress : System.console() != null;
        if (!on) {
            return f -> { };
        }
        AtomicInteger done = new AtomicInteger();
        return f -> main.err.printf(Locale.ROOT, "[%d/%d] %s%n", done.incrementAndGet(), total, f.file().name());
    }

    /**
     * Files as given, directories searched for *.wast (sorted by path, hidden directories left
     * out), each named relative to the directory it was found in.
     *
     * @throws IllegalArgumentException naming a path that does not exist
     */
    static List<SpecFile> collect(List<Path> paths) {
        Map<Path, SpecFile> out = new LinkedHashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".wast"))
                            .filter(f -> !hidden(p, f))
                            .sorted((a, b) -> a.toString().compareTo(b.toString()))
                            .forEach(f -> out.putIfAbsent(f.toAbsolutePath().normalize(),
                                    new SpecFile(f, p.relativize(f).toString().replace('\\', '/'))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p)) {
                out.putIfAbsent(p.toAbsolutePath().normalize(), new SpecFile(p, p.getFileName().toString()));
            } else {
                throw new IllegalArgumentException(p + ": no such file or directory");
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") && name.length() > 1) {
                return true;
            }
        }
        return false;
    }
}
