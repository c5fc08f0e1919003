package io.ecliptica.harness.spec;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.harness.exec.EngineWorker;
import io.ecliptica.text.Wast;
import io.ecliptica.text.WastCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Runs {@code .wast} spec scripts on several engines at once.
 *
 * <p>Each script is parsed once (parsing is slow: wabt compiled to JVM bytecode) by a parser
 * thread that works at most {@value #LOOKAHEAD} scripts ahead of the slowest engine; the parsed
 * script, with every module already passed through the profile's {@link ModuleTransform}, is shared
 * read-only by the engines. Every engine has its own coordinator (a virtual thread) that walks the
 * scripts in order and its own {@link EngineWorker} (a platform thread with its own stack) on
 * which every engine call runs, one command at a time, under the wall-clock guard. Each script
 * gets a fresh {@link ScriptExecution} per engine: its own instances, registrations and compiled
 * modules, closed when the script ends. Results are kept per engine and file, so the thread timing
 * cannot change what is reported.
 */
public final class SpecRunner implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int LOOKAHEAD = 6;

    /**
     * Stack of the engines' worker threads while running scripts.
     *
     * <p>The engines' workers get a small stack here: the harness's usual 256 MiB is right for
     * contracts (deep but finite recursion must not trap early), but the testsuite only recurses infinitely
     * ({@code assert_exhaustion}) or shallowly, and the cost of exhausting a stack grows much faster
     * than its size on the JVM engines: GraalWasm's fallback interpreter unwinds a deep stack very
     * slowly (Truffle collects stack-trace data frame by frame) and no interrupt reaches it meanwhile,
     * so the guard abandons the thread, which keeps burning CPU and heap. Measured on call.wast,
     * call_indirect.wast, fac.wast and skip-stack-guard-page.wast (all 4 engines, whole run including
     * parsing): 8 MiB 16 s, 16 MiB 44 s, 32 MiB 167 s with 8 timeouts, 256 MiB never finished.
     * The testsuite's deepest finite recursion is tiny ({@code fac 25}, {@code even/odd 100}), and
     * wasmtime needs its 2 MiB {@code max_wasm_stack} plus 1 MiB of headroom: 8 MiB serves all.
     */
    public static final long DEFAULT_STACK_BYTES = 8L << 20;

    /**
     * Stack of the workers when the profile limits the stack height itself ({@link
     * ModuleTransform#limitsStack()}): the harness's usual {@link EngineWorker#STACK_BYTES}, which
     * docs/gas.md §7 sizes so that the profile's limit is reached first on every engine. There the
     * engines never exhaust their own stack (the deepest chain the profile allows is 25,000 calls),
     * so the slow unwinding above does not arise; on 8 MiB, the Chicory interpreter and GraalWasm
     * overflow their Java stack before the profile's limit (GraalWasm at a few thousand calls),
     * which would make exhaustion engine-dependent again.
     */
    public static final long PROFILE_STACK_BYTES = EngineWorker.STACK_BYTES;

    private record Slot(WasmEngine engine, EngineDescriptor descriptor, EngineWorker worker) {}

    /** A parsed script, or why it could not be read. */
    private record Parsed(PreparedScript script, String error) {}

    /**
     * Where the time of the last run went (wall-clock seconds, for the text report only: never in
     * results, which must not depend on timing): parsing, and each engine's time inside its scripts.
     */
    public record Timings(double parseSeconds, Map<String, Double> engineSeconds) {}

    private final List<Slot> slots;
    private volatile Timings timings = new Timings(0, Map.of());
    private final String profile;
    private final ModuleTransform transform;
    private final Duration timeout;

    /**
     * @param engines the engines to run (the runner closes them)
     * @param profile the profile's name, for reports
     * @param transform applied to every module before the engines see it
     * @param timeout wall-clock guard per command
     */
    public SpecRunner(List<WasmEngine> engines, String profile, ModuleTransform transform, Duration timeout) {
        this(engines, profile, transform, timeout, transform.limitsStack() ? PROFILE_STACK_BYTES : DEFAULT_STACK_BYTES);
    }

    /** As above, with the worker threads' stack size (see {@link #DEFAULT_STACK_BYTES}, {@link #PROFILE_STACK_BYTES}). */
    public SpecRunner(List<WasmEngine> engines, String profile, ModuleTransform transform, Duration timeout,
            long workerStackBytes) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engines to run");
        }
        this.slots = engines.stream()
                .map(e -> new Slot(e, e.descriptor(), new EngineWorker(e.descriptor().id(), workerStackBytes)))
                .toList();
        this.profile = Objects.requireNonNull(profile);
        this.transform = Objects.requireNonNull(transform);
        this.timeout = Objects.requireNonNull(timeout);
    }

    public List<EngineDescriptor> engines() {
        return slots.stream().map(Slot::descriptor).toList();
    }

    /** Where the time of the last {@link #run} went. */
    public Timings timings() {
        return timings;
    }

    /** Runs the scripts; {@code onFile} sees each file's result as soon as every engine is done with it, in order. */
    public SpecResult run(List<SpecFile> files, Consumer<FileResult> onFile) {
        int n = files.size();
        AtomicReferenceArray<CompletableFuture<Parsed>> parsed = new AtomicReferenceArray<>(n);
        for (int i = 0; i < n; i++) {
            parsed.set(i, new CompletableFuture<>());
        }
        Semaphore window = new Semaphore(LOOKAHEAD);
        AtomicIntegerArray remaining = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            remaining.set(i, slots.size());
        }
        @SuppressWarnings("unchecked")
        List<Outcome>[][] outcomes = new List[slots.size()][n];
        FileResult[] results = new FileResult[n];

        long[] parseNanos = new long[1];
        long[] engineNanos = new long[slots.size()];
        Thread parser = Thread.ofPlatform().name("spec-parser").daemon(true).start(() -> {
            for (int i = 0; i < n; i++) {
                try {
                    window.acquire();
                } catch (InterruptedException e) {
                    return;
                }
                long start = System.nanoTime();
                Parsed p = parse(files.get(i));
                parseNanos[0] += System.nanoTime() - start;
                parsed.get(i).complete(p);
            }
        });

        Object done = new Object();
        try (ExecutorService coordinators = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int e = 0; e < slots.size(); e++) {
                int engine = e;
                futures.add(coordinators.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        Parsed p = parsed.get(i).join();
                        long start = System.nanoTime();
                        outcomes[engine][i] = p.error() != null ? List.of() : runScript(slots.get(engine), p.script());
                        engineNanos[engine] += System.nanoTime() - start;
                        if (remaining.decrementAndGet(i) == 0) {
                            synchronized (done) {
                                results[i] = fileResult(files.get(i), p, outcomes, i);
                                parsed.set(i, null); // every engine is done with it: let it go
                                window.release();
                                onFile.accept(results[i]);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("spec run interrupted", ex);
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("spec run failed: " + ex.getCause(), ex.getCause());
                }
            }
        } finally {
            parser.interrupt();
        }
        Map<String, Double> perEngine = new LinkedHashMap<>();
        for (int e = 0; e < slots.size(); e++) {
            perEngine.put(slots.get(e).descriptor().id(), engineNanos[e] / 1e9);
        }
        synchronized (done) { // the parser's total is complete: every file was parsed before the engines finished
            timings = new Timings(parseNanos[0] / 1e9, perEngine);
        }
        return new SpecResult(profile, engines(), List.of(results));
    }

    private FileResult fileResult(SpecFile file, Parsed p, List<Outcome>[][] outcomes, int i) {
        if (p.error() != null) {
            return new FileResult(file, Optional.of(p.error()), List.of(), List.of());
        }
        List<FileResult.Command> commands = p.script().script().commands().stream()
                .map(c -> new FileResult.Command(c.line(), CommandKinds.of(c)))
                .toList();
        List<List<Outcome>> perEngine = new ArrayList<>();
        for (List<Outcome>[] engine : outcomes) {
            perEngine.add(engine[i]);
        }
        return new FileResult(file, Optional.empty(), commands, perEngine);
    }

    private Parsed parse(SpecFile file) {
        try {
            return new Parsed(PreparedScript.of(Wast.parse(file.path()), transform), null);
        } catch (Throwable e) { // anything, or the engines would wait for this script forever
            return new Parsed(null, e.getClass().getSimpleName() + ": " + Failures.firstLine(e.getMessage()));
        }
    }

    /** One script on one engine; never throws (a harness bug becomes the failure of the commands left). */
    private List<Outcome> runScript(Slot slot, PreparedScript script) {
        List<WastCommand> commands = script.script().commands();
        List<Outcome> out = new ArrayList<>(commands.size());
        ScriptExecution exec = new ScriptExecution(slot.engine(), script);
        try {
            for (WastCommand c : commands) {
                out.add(guarded(slot, exec, c));
            }
        } catch (RuntimeException | Error e) {
            Outcome broken = Outcome.fail("harness error", "harness error: " + e.getClass().getSimpleName(),
                    Failures.firstLine(e.getMessage()));
            while (out.size() < commands.size()) {
                out.add(broken);
            }
        } finally {
            onWorker(slot, exec::close);
        }
        return out;
    }

    private Outcome guarded(Slot slot, ScriptExecution exec, WastCommand command) {
        try {
            return slot.worker().run(new EngineWorker.Stoppable<Outcome>() {
                @Override
                public Outcome call() {
                    return exec.execute(command);
                }

                @Override
                public void stop() {
                    exec.stop();
                }
            }, timeout);
        } catch (TimeoutException e) {
            Outcome o = Outcome.fail("timeout", "timeout (over " + timeout.toSeconds() + " s)",
                    "stopped by the wall-clock guard");
            onWorker(slot, () -> exec.timedOut(command, o));
            return o;
        } catch (ExecutionException e) {
            Failures.Observed o = Failures.observe(e.getCause());
            return Outcome.fail(o.observed(), "harness error: " + e.getCause().getClass().getSimpleName(), o.detail());
        }
    }

    /** Runs bookkeeping on the engine's worker thread (engines are single-threaded), best effort. */
    private void onWorker(Slot slot, Runnable action) {
        try {
            slot.worker().run(new EngineWorker.Stoppable<Void>() {
                @Override
                public Void call() {
                    action.run();
                    return null;
                }

                @Override
                public void stop() {
                    // nothing to interrupt: the guard abandons the thread if this hangs
                }
            }, timeout);
        } catch (TimeoutException | ExecutionException | RuntimeException ignored) {
            // closing or marking is best effort; the next script starts from a fresh context anyway
        }
    }

    @Override
    public void close() {
        for (Slot s : slots) {
            onWorker(s, () -> {
                try {
                    s.engine().close();
                } catch (RuntimeException ignored) {
                    // best effort at shutdown
                }
            });
            s.worker().close();
        }
    }
}
