package io.ecliptica.text.internal;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import io.ecliptica.text.TextToolException;
import io.roastedroot.zerofs.Configuration;
import io.roastedroot.zerofs.ZeroFs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs one of wabt's command-line tools (compiled from wasm to JVM bytecode at build time by
 * chicory-compiler-maven-plugin) as a WASI program inside an in-memory file system.
 *
 * <p>Nothing touches the real file system, the real stdout/stderr or the caller's stack: every
 * run gets its own in-memory file system, its own wasm instance and a dedicated thread with a
 * large fixed stack, so the outcome does not depend on the calling thread. The compiled module
 * (≈600 KB of metadata plus ≈1 MB of generated classes per tool) is loaded lazily, once, on
 * first use (class-holder idiom: thread-safe without locks).
 */
public enum WabtTool {
    WAT2WASM("wat2wasm", Wat2WasmTool::load, Wat2WasmTool::create),
    WAST2JSON("wast2json", Wast2JsonTool::load, Wast2JsonTool::create);

    /** Directory in the in-memory file system that holds the input files. */
    public static final String IN = "/in";
    /** Directory in the in-memory file system where tools write their outputs. */
    public static final String OUT = "/out";

    private static final long TOOL_THREAD_STACK = 64L * 1024 * 1024;
    private static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private final String argv0;
    private final Supplier<WasmModule> module;
    private final Function<Instance, Machine> machine;

    WabtTool(String argv0, Supplier<WasmModule> module, Function<Instance, Machine> machine) {
        this.argv0 = argv0;
        this.module = module;
        this.machine = machine;
    }

    /** The outcome of one run of a tool. */
    public record Run(int exitCode, byte[] stdout, String stderr, Map<String, byte[]> outFiles) {
        public Run {
            outFiles = Collections.unmodifiableMap(new TreeMap<>(outFiles));
        }
    }

    /** Loads the tool's module and classes now (otherwise the first run does it). */
    public void load() {
        module.get();
    }

    /**
     * Runs the tool.
     *
     * @param inFiles files to place in {@value #IN}, by plain file name
     * @param args arguments after argv[0]; refer to inputs as {@code /in/NAME} and outputs as
     *     {@code /out/NAME}
     */
    public Run run(Map<String, byte[]> inFiles, List<String> args) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(runHere(inFiles, args));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "wabt-" + argv0, TOOL_THREAD_STACK);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Object r = result.get();
        if (r instanceof Run run) {
            return run;
        }
        if (r instanceof RuntimeException e) {
            throw e;
        }
        if (r instanceof Error e) {
            throw e;
        }
        throw new TextToolException(argv0 + ": failed: " + r);
    }

    private Run runHere(Map<String, byte[]> inFiles, List<String> args) {
        WasmModule wasm = module.get();
        Configuration cfg = Configuration.unix().toBuilder().setAttributeViews("unix").build();
        try (FileSystem fs = ZeroFs.newFileSystem(cfg)) {
            Path in = Files.createDirectory(fs.getPath(IN));
            Path out = Files.createDirectory(fs.getPath(OUT));
            for (Map.Entry<String, byte[]> f : inFiles.entrySet()) {
                Files.write(in.resolve(f.getKey()), f.getValue());
            }
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            List<String> argv = new ArrayList<>(args.size() + 1);
            argv.add(argv0);
            argv.addAll(args);
            WasiOptions options = WasiOptions.builder()
                    .withStdin(new ByteArrayInputStream(new byte[0]))
                    .withStdout(stdout)
                    .withStderr(stderr)
                    .withArguments(argv)
                    // wabt colours diagnostics when it believes stderr is a terminal.
                    .withEnvironment("FORCE_COLOR", "0")
                    .withDirectory(IN, in)
                    .withDirectory(OUT, out)
                    .withClock(Clock.fixed(EPOCH, ZoneOffset.UTC))
                    .withRandom(new Random(0))
                    .build();
            List<String> wasiLog = new ArrayList<>();
            int exit = 0;
            try (WasiPreview1 wasi = WasiPreview1.builder()
                    .withOptions(options)
                    .withLogger(new CollectingLogger(wasiLog))
                    .build()) {
                Instance.builder(wasm)
                        .withMachineFactory(machine)
                        .withImportValues(ImportValues.builder()
                                .addFunction(wasi.toHostFunctions())
                                .build())
                        .build(); // runs _start
            } catch (WasiExitException e) {
                exit = e.exitCode();
            } catch (ChicoryException | StackOverflowError | OutOfMemoryError e) {
                // A trap inside wabt (abort(), assertion, out-of-bounds) or exhausted resources.
                String err = stderr.toString(StandardCharsets.UTF_8).strip();
                String log = wasiLog.isEmpty() ? "" : " (wasi: " + oneLine(wasiLog.get(wasiLog.size() - 1)) + ")";
                throw new TextToolException(argv0 + " crashed: " + oneLine(e.toString())
                        + (err.isEmpty() ? "" : " (stderr: " + oneLine(err) + ")") + log, e);
            }
            Map<String, byte[]> outFiles = new TreeMap<>();
            try (Stream<Path> files = Files.list(out)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(p)) {
                        outFiles.put(p.getFileName().toString(), Files.readAllBytes(p));
                    }
                }
            }
            return new Run(exit, stdout.toByteArray(),
                    stderr.toString(StandardCharsets.UTF_8), outFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Keeps Chicory's WASI log messages off the real stderr. */
    private record CollectingLogger(List<String> sink) implements Logger {
        @Override
        public void log(Level level, String msg, Throwable throwable) {
            if (sink.size() < 100) {
                sink.add(level + " " + msg);
            }
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.ordinal() >= Level.WARNING.ordinal();
        }
    }
}
