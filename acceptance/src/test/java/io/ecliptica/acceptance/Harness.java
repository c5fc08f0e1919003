package io.ecliptica.acceptance;

import io.ecliptica.harness.cli.Main;
import io.qameta.allure.Allure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the harness CLI: in-process through {@link Main#execute} (the same code path as the
 * launcher, minus the JVM start), or the real launcher script as a subprocess.
 *
 * <p>Every {@code Main.execute} starts its engines afresh; the time each call takes is recorded
 * and summed up at the end of the run ({@link Hooks#timingSummary()}).
 */
final class Harness {
    private static final List<String> TIMINGS = new ArrayList<>();
    private static long totalNanos;

    private Harness() {
    }

    static CliRun run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        int code;
        long t0 = System.nanoTime();
        try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8);
             PrintStream tee = new PrintStream(new Tee(systemErr, jvmErr), true, StandardCharsets.UTF_8)) {
            System.setErr(tee);
            try {
                code = Main.execute(args.toArray(String[]::new), po, pe);
            } finally {
                System.setErr(systemErr);
            }
        }
        long took = System.nanoTime() - t0;
        CliRun run = new CliRun("harness " + String.join(" ", args), code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), jvmErr.toString(StandardCharsets.UTF_8), Duration.ofNanos(took));
        record(run);
        return run;
    }

    /** Copies System.err output to the original stream (so it still shows in the build log) and keeps it. */
    private static final class Tee extends java.io.OutputStream {
        private final PrintStream original;
        private final ByteArrayOutputStream copy;

        Tee(PrintStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            original.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() {
            original.flush();
        }

        @Override
        public void close() {
            original.flush(); // never close the JVM's System.err
        }
    }

    /** Runs {@code bin/harness} with {@code args} from the repository root. */
    static CliRun launcher(List<String> args, Duration timeout) {
        return launcher(args, java.util.Map.of(), timeout);
    }

    /** Runs {@code bin/harness} with {@code args} from the repository root, with {@code env} added to its environment. */
    static CliRun launcher(List<String> args, java.util.Map<String, String> env, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Repo.launcher().toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("ecliptica-launcher-", ".out");
            Path err = Files.createTempFile("ecliptica-launcher-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(Repo.root().toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                long t0 = System.nanoTime();
                Process p = pb.start();
                int code;
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    code = -1;
                } else {
                    code = p.exitValue();
                }
                long took = System.nanoTime() - t0;
                String stderr = Files.readString(err);
                if (code == -1) {
                    stderr += "\n[acceptance] killed after the " + timeout.toSeconds() + " s timeout";
                }
                CliRun run = new CliRun(String.join(" ", command), code, Files.readString(out), stderr, "", Duration.ofNanos(took));
                record(run);
                return run;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void record(CliRun run) {
        totalNanos += run.took().toNanos();
        TIMINGS.add(String.format(Locale.ROOT, "%7d ms  exit %d  %s", run.took().toMillis(), run.exitCode(),
                run.command().length() > 160 ? run.command().substring(0, 160) + "…" : run.command()));
        Allure.addAttachment(run.command().length() > 120 ? run.command().substring(0, 120) + "…" : run.command(),
                "text/plain", run.describe(), ".txt");
    }

    static synchronized String timingSummary() {
        return String.format(Locale.ROOT, "[acceptance] %d harness invocations took %.1f s in total:%n%s",
                TIMINGS.size(), totalNanos / 1e9, String.join(System.lineSeparator(), TIMINGS));
    }
}
