package io.ecliptica.instrument;

import io.ecliptica.text.Wast;
import io.ecliptica.text.WastScript;
import io.ecliptica.text.Wat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** Paths, the spec testsuite (parsed once per JVM), WAT compilation, big-stack threads. */
final class TestSupport {
    private TestSupport() {}

    private static final Map<String, WastScript> SCRIPTS = new ConcurrentHashMap<>();

    /** The repository root (/work/main): set by Surefire, else the parent of the module directory. */
    static Path root() {
        String r = System.getProperty("ecliptica.root");
        Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(p.resolve("vectors"))) {
            p = Path.of("").toAbsolutePath().getParent();
        }
        return p;
    }

    static Path testsuite() {
        return root().resolveSibling("shared").resolve("wasm-testsuite");
    }

    static List<Path> contractModules() {
        try (Stream<Path> s = Files.walk(root().resolve("vectors/contracts"), 2)) {
            return s.filter(p -> p.toString().endsWith(".wasm") && !p.toString().contains("node_modules"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] contract(String name) {
        try {
            return Files.readAllBytes(root().resolve("vectors/contracts/" + name + "/" + name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> wastNames() {
        try (Stream<Path> s = Files.list(testsuite())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wast"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A spec script, parsed once per JVM. */
    static WastScript script(String name) {
        return SCRIPTS.computeIfAbsent(name, n -> Wast.parse(testsuite().resolve(n + ".wast")));
    }

    /** WAT text to a binary module (wabt, run in pure Java by the wasm-text module). */
    static byte[] wat(String text) {
        return Wat.toWasm(text, "test.wat");
    }

    /** With wat2wasm feature flags such as {@code --enable-threads}. */
    static byte[] wat(String text, String... flags) {
        return Wat.toWasm(text, "test.wat", List.of(flags));
    }

    /** Runs {@code task} on a thread with a 512 MiB stack (deep recursion in the interpreter). */
    static <T> T onBigStack(Callable<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "big-stack", 512L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }
}
